"""What the search box finds: one entry per kind of record, each saying how its rows are scoped to the user
(the same rule as its list, in SQL), how a result reads and where it leads. The words are matched on the
records' normalised search text (inspection/textsearch.py): each kind its own text, so that a trigram index
answers it (a recommendation by its text; its finding's title is the findings' kind)."""

from collections.abc import Callable
from dataclasses import dataclass

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload, selectinload

from inspection.findings.access import visible_recommendations_clause
from inspection.findings.models import Finding, Recommendation, Responsibility
from inspection.formatting import vn_date
from inspection.idsets import among, one_of
from inspection.missions.models import Mission, SelfReport, WorkingSession, mission_units
from inspection.nominations.models import Dossier
from inspection.units.models import Unit
from inspection.units.scope import visible_unit_ids


@dataclass(frozen=True)
class Kind:
    key: str
    label: object  # lazy text
    model: type
    #: user → WHERE clause limiting the rows to what the user may see (None: no limit)
    scope: Callable
    title: Callable  # record → the line that is highlighted
    detail: Callable  # record → a second line
    url: Callable  # record → its page
    options: tuple = ()
    #: query → the filtered list holding these results (and maybe more: the register also looks in findings)
    more: Callable | None = None
    #: the order of a small table's results; without it newest first, in the trigram index's order
    order: tuple = ()
    #: a scoped user's rows of this kind are a few hundred at most (units, missions, their minutes): checked
    #: against the words at once, without first asking the index how common the words are
    few_in_scope: bool = False


def _unit_ids_clause(column):
    def scope(user):
        visible = visible_unit_ids(user)
        return None if visible is None else one_of(column, visible)
    return scope


def _finding_scope(user):
    """As findings.access.sees_finding: the finding's unit, or a unit answering one of its recommendations.
    Sets worked out once and looked up in the indexes (idsets.among), so that the database reads just these
    findings rather than testing every finding of the country."""
    visible = visible_unit_ids(user)
    if visible is None:
        return None
    return or_(one_of(Finding.unit_id, visible), among(Finding.id, _answered_findings(visible)))


def _answered_findings(visible):
    """The findings holding a recommendation one of these units answers (through the primary key: PostgreSQL
    joined every recommendation of the country to the few shares otherwise)."""
    return select(Recommendation.finding_id).where(among(Recommendation.id, _shares(visible)))


def _shares(visible):
    return select(Responsibility.recommendation_id).where(one_of(Responsibility.unit_id, visible))


def _mission_scope(user):
    """As missions.access.visible_missions_clause (a mission of one of the user's units)."""
    visible = visible_unit_ids(user)
    if visible is None:
        return None
    return among(Mission.id, select(mission_units.c.mission_id).where(one_of(mission_units.c.unit_id, visible)))


def _recommendation_scope(user):
    """A share of the user's units, or a finding of one: the register's own scope."""
    return visible_recommendations_clause(user)


def _session_scope(user):
    visible = visible_unit_ids(user)
    return None if visible is None else one_of(WorkingSession.unit_id, visible)


def _parent_name(unit: Unit) -> str:
    return f"{unit.code} · {unit.parent.name}" if unit.parent else unit.code


KINDS = (
    Kind("units", _l("Đơn vị"), Unit, _unit_ids_clause(Unit.id),
         title=lambda unit: unit.name, detail=_parent_name,
         url=lambda unit: url_for("units.detail", unit_id=unit.id),
         options=(selectinload(Unit.names), selectinload(Unit.parent).selectinload(Unit.names)),
         more=lambda q: url_for("units.index", q=q, scope="all"), order=(Unit.code,), few_in_scope=True),
    Kind("missions", _l("Đoàn kiểm tra"), Mission, _mission_scope,
         title=lambda mission: mission.title,
         detail=lambda mission: " · ".join(str(ref) for ref in (mission.decision_ref, mission.conclusion_ref) if ref),
         url=lambda mission: url_for("missions.workspace", mission_id=mission.id),
         options=(selectinload(Mission.units),), few_in_scope=True),
    Kind("findings", _l("Kết quả kiểm tra"), Finding, _finding_scope,
         title=lambda finding: finding.title,
         detail=lambda finding: f"{finding.unit.name} · {finding.mission.title}",
         url=lambda finding: url_for("findings.finding", finding_id=finding.id),
         options=(joinedload(Finding.unit).selectinload(Unit.names), joinedload(Finding.mission),
                  selectinload(Finding.recommendations).selectinload(Recommendation.responsibilities)),
         more=lambda q: url_for("findings.register", q=q)),
    Kind("recommendations", _l("Kiến nghị"), Recommendation, _recommendation_scope,
         title=lambda rec: f"{rec.number} — {rec.text}",
         detail=lambda rec: f"{rec.finding.unit.name} · {rec.verified_status.label}",
         url=lambda rec: url_for("findings.recommendation", recommendation_id=rec.id),
         options=(joinedload(Recommendation.finding).joinedload(Finding.unit).selectinload(Unit.names),
                  selectinload(Recommendation.responsibilities)),
         more=lambda q: url_for("findings.register", q=q)),
    Kind("dossiers", _l("Hồ sơ đề nghị khen thưởng"), Dossier, _unit_ids_clause(Dossier.unit_id),
         title=lambda dossier: f"{dossier.code} — {dossier.recipient_name}",
         detail=lambda dossier: f"{dossier.unit.name} · {dossier.award_form.name_vi} · {dossier.year}",
         url=lambda dossier: url_for("nominations.dossier", dossier_id=dossier.id),
         options=(joinedload(Dossier.unit).selectinload(Unit.names),),
         more=lambda q: url_for("nominations.registry", q=q)),
    Kind("self_reports", _l("Báo cáo tự kiểm tra"), SelfReport, _unit_ids_clause(SelfReport.unit_id),
         title=lambda report: f"{report.ref} — {report.subject or ''}".rstrip(" —"),
         detail=lambda report: f"{report.unit.name} · {vn_date(report.report_date)} · {report.mission.title}",
         url=lambda report: url_for("missions.workspace", mission_id=report.mission_id),
         options=(joinedload(SelfReport.unit).selectinload(Unit.names), joinedload(SelfReport.mission)),
         few_in_scope=True),
    Kind("minutes", _l("Biên bản làm việc"), WorkingSession, _session_scope,
         title=lambda session: str(session.minutes_ref or session.place or ""),
         detail=lambda session: " · ".join(part for part in (
             session.unit.name if session.unit else "", vn_date(session.held_on), session.mission.title) if part),
         url=lambda session: url_for("missions.session", session_id=session.id),
         options=(joinedload(WorkingSession.unit).selectinload(Unit.names), joinedload(WorkingSession.mission)),
         few_in_scope=True),
)
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}
