"""What the mission documents (conclusion notice, remediation report) read about a mission, in a fixed number of
queries whatever the number of findings, recommendations, units, actions and evidence files."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from inspection.extensions import db
from inspection.findings.models import Finding, FindingKind, Recommendation, Responsibility
from inspection.missions.access import get_mission
from inspection.missions.models import Mission, MissionMember, SelfReport
from inspection.official.builders.common import id_arg
from inspection.official.kinds import SubjectRef
from inspection.responses.models import Evidence
from inspection.timeutil import today_vn
from inspection.units.models import Unit


def mission_options() -> list:
    return [selectinload(Mission.units).selectinload(Unit.names),
            selectinload(Mission.members).selectinload(MissionMember.user),
            selectinload(Mission.self_reports).selectinload(SelfReport.unit).selectinload(Unit.names),
            selectinload(Mission.sessions), selectinload(Mission.plan)]


def load_mission(user, args: Mapping[str, str]) -> Mission:
    """The mission named by args["mission"], with what its documents show; 404/403 as its page."""
    return get_mission(id_arg(args, "mission"), options=mission_options(), actor=user)


def describe_mission(mission: Mission) -> SubjectRef:
    unit_id = mission.units[0].id if len(mission.units) == 1 else None
    return SubjectRef("mission", mission.id, unit_id, mission.title, names_day(mission).year,
                      {"mission": str(mission.id)})


def names_day(mission: Mission) -> datetime.date:
    """The day the mission's documents name its units on: its conclusion, else the end of its period."""
    return mission.conclusion_date or mission.period_to or mission.planned_end or today_vn()


def findings_of(mission: Mission, with_actions: bool = False) -> list[Finding]:
    """The mission's findings in the order they were recorded, with their recommendations and shares."""
    share = selectinload(Finding.recommendations).selectinload(Recommendation.responsibilities)
    options = [selectinload(Finding.unit).selectinload(Unit.names),
               share.selectinload(Responsibility.unit).selectinload(Unit.names),
               share.selectinload(Responsibility.transferred_from).selectinload(Unit.names)]
    if with_actions:
        options.append(share.selectinload(Responsibility.actions))
        options.append(selectinload(Finding.recommendations).selectinload(Recommendation.verified_by))
    query = select(Finding).where(Finding.mission_id == mission.id).order_by(Finding.id).options(*options)
    return list(db.session.scalars(query))


def strengths(findings: list[Finding]) -> list[Finding]:
    return [finding for finding in findings if finding.kind == FindingKind.STRENGTH]


def shortcomings(findings: list[Finding]) -> list[Finding]:
    return [finding for finding in findings if finding.kind == FindingKind.SHORTCOMING]


def recommendations_of(findings: list[Finding]) -> list[Recommendation]:
    return [rec for finding in shortcomings(findings) + strengths(findings) for rec in finding.recommendations]


def original_unit(share: Responsibility) -> Unit:
    """The unit the recommendation was addressed to (before a transfer to a successor)."""
    return share.transferred_from or share.unit


def latest_evidence(recommendation_ids: list[int]) -> dict[int, list[Evidence]]:
    """recommendation id → the latest version of each piece of its evidence, in the order they were first given."""
    if not recommendation_ids:
        return {}
    query = (select(Evidence).where(Evidence.recommendation_id.in_(recommendation_ids))
             .order_by(Evidence.recommendation_id, Evidence.evidence_key, Evidence.version))
    latest: dict[tuple[int, str], Evidence] = {}
    for evidence in db.session.scalars(query):
        latest[(evidence.recommendation_id, evidence.evidence_key)] = evidence
    found: dict[int, list[Evidence]] = defaultdict(list)
    for (rec_id, _key), evidence in sorted(latest.items(), key=lambda item: item[1].id):
        found[rec_id].append(evidence)
    return dict(found)
