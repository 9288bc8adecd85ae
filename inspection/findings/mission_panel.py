"""The mission workspace's findings panel (templates/findings/_mission_findings.html).

The mission's figures (findings, open and overdue recommendations) are counted in SQL and the findings are shown a
page at a time, with the recommendations of the page's findings only: a mission of 500 findings costs the page the
same queries and about the same rendering as one of 20 (it used to render every recommendation with its units).
A link to a finding in the workspace names it (`?finding=<id>#finding-<id>`): the panel opens the page holding it."""

from dataclasses import dataclass
from datetime import date
from itertools import groupby

from flask import request
from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import joinedload

from inspection.extensions import db
from inspection.findings.access import sees_recommendation
from inspection.findings.models import Finding, Recommendation, Responsibility, VerifiedStatus
from inspection.idsets import one_of
from inspection.missions.access import can_edit_mission
from inspection.missions.models import Mission
from inspection.params import MAX_PAGE, whole_number
from inspection.timeutil import today_vn
from inspection.units import preload
from inspection.units.models import Unit
from inspection.units.scope import visible_unit_ids

#: findings a page of the panel (with their recommendations, usually three to five each)
FINDINGS_PER_PAGE = 20
#: the query-string names of the panel's page and of a finding to open at
PAGE_ARG, FINDING_ARG = "findings_page", "finding"


@dataclass
class FindingRow:
    finding: Finding
    recommendations: list[Recommendation]


@dataclass
class MissionFindings:
    mission: Mission
    groups: list[tuple[Unit, list[FindingRow]]]
    can_add: bool
    today: date
    count: int = 0
    overdue: int = 0
    open: int = 0
    page: int = 1
    pages: int = 1
    first: int = 0  # the position (from 1) of the page's first finding in the mission's list

    @property
    def last(self) -> int:
        return self.first + sum(len(rows) for _unit, rows in self.groups) - 1


def mission_findings_context(mission, user) -> dict:
    """Variables for the panel: the page asked for (`findings_page`), or the page holding `finding`."""
    visible = visible_unit_ids(user)
    ids, summary = _ids_and_counts(mission, user, visible)
    page = min(_page_asked(ids), summary.pages)
    start = (page - 1) * FINDINGS_PER_PAGE
    summary.page, summary.first = page, start + 1
    summary.groups = _groups(ids[start:start + FINDINGS_PER_PAGE], visible)
    return {"mission_findings": summary}


def _page_asked(ids: list[int]) -> int:
    finding = whole_number(request.args.get(FINDING_ARG))
    if finding in ids:
        return ids.index(finding) // FINDINGS_PER_PAGE + 1
    return whole_number(request.args.get(PAGE_ARG), 1, MAX_PAGE) or 1


def _finding_scope(mission_id: int, visible: set[int] | None):
    """The mission's findings the reader sees: all of them, or (a unit officer) those of their units and
    those holding a recommendation one of their units answers for (findings.access.sees_finding)."""
    of_mission = Finding.mission_id == mission_id
    if visible is None:
        return of_mission
    return and_(of_mission, or_(one_of(Finding.unit_id, visible), Finding.id.in_(
        select(Recommendation.finding_id).join(Responsibility).join(Finding, Finding.id == Recommendation.finding_id)
        .where(Finding.mission_id == mission_id, one_of(Responsibility.unit_id, visible)))))


def _recommendation_scope(visible: set[int] | None):
    """The recommendations the reader sees (findings.access.sees_recommendation); None: all."""
    if visible is None:
        return None
    own_share = select(Responsibility.recommendation_id).where(one_of(Responsibility.unit_id, visible))
    return or_(one_of(Finding.unit_id, visible), Recommendation.id.in_(own_share))


def _ids_and_counts(mission, user, visible: set[int] | None) -> tuple[list[int], MissionFindings]:
    """One statement: the ids of the findings the reader sees, in the panel's order (unit code, kind, as
    recorded), each with its open and overdue recommendations (findings.queries.is_overdue) the reader sees."""
    today = today_vn()
    seen = Recommendation.id if visible is None else case((_recommendation_scope(visible), Recommendation.id))
    is_open = Recommendation.verified_status == VerifiedStatus.OPEN
    query = (select(Finding.id, func.count(case((is_open, seen))),
                    func.count(case((and_(is_open, Recommendation.current_due < today), seen))))
             .join(Unit, Unit.id == Finding.unit_id).outerjoin(Recommendation, Recommendation.finding_id == Finding.id)
             .where(_finding_scope(mission.id, visible)).group_by(Finding.id, Unit.code, Finding.kind)
             .order_by(Unit.code, Finding.kind, Finding.id))
    rows = db.session.execute(query).all()
    summary = MissionFindings(mission, [], can_add=can_edit_mission(user, mission), today=today, count=len(rows),
                              open=sum(row[1] for row in rows), overdue=sum(row[2] for row in rows),
                              pages=max(1, -(-len(rows) // FINDINGS_PER_PAGE)))
    return [row[0] for row in rows], summary


def _groups(ids: list[int], visible: set[int] | None) -> list[tuple[Unit, list[FindingRow]]]:
    """The page's findings with the recommendations the reader sees, grouped by unit in the ids' order."""
    # one statement (joined) rather than one per kind of record: a page is some 20 findings and 30 recommendations
    query = (select(Finding).where(Finding.id.in_(ids))
             .options(joinedload(Finding.session),
                      joinedload(Finding.recommendations).joinedload(Recommendation.responsibilities)))
    by_id = {finding.id: finding for finding in db.session.scalars(query).unique()}
    findings = [by_id[finding_id] for finding_id in ids if finding_id in by_id]
    _attach_units(findings)
    rows = [FindingRow(finding, [rec for rec in finding.recommendations if sees_recommendation(visible, rec)])
            for finding in findings]
    return [(unit, list(items)) for unit, items in groupby(rows, key=lambda row: row.finding.unit)]


def _attach_units(findings: list[Finding]) -> None:
    """The units the page names (the findings', the shares', where a share was transferred from), most of them
    the mission's own, already loaded: looked up once (units.preload) and set on the records."""
    shares = [share for finding in findings for rec in finding.recommendations for share in rec.responsibilities]
    preload.attach(findings, "unit", "unit_id")
    preload.attach(shares, "unit", "unit_id")
    preload.attach(shares, "transferred_from", "transferred_from_id")
