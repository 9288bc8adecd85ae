"""Read queries for plans, missions and their pages, each loading what the page shows in a fixed
number of statements (selectinload), whatever the number of members, units, sessions or reports."""

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import and_, extract, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from inspection.audit import AuditEntry
from inspection.auth.models import User
from inspection.extensions import db
from inspection.groups.choices import groups_by_year
from inspection.groups.models import EmulationGroup
from inspection.missions.access import my_missions_clause, visible_missions_clause
from inspection.missions.models import (
    InspectionPlan,
    Mission,
    MissionKind,
    MissionMember,
    MissionStatus,
    SelfReport,
    WorkingSession,
    plan_units,
)
from inspection.rules import RuleViolation
from inspection.units import preload
from inspection.units.models import Unit

#: the year a mission belongs to: when it was planned to start, else its decision, else the period reviewed
MISSION_DAY = func.coalesce(Mission.planned_start, Mission.decision_date, Mission.period_to)
MISSION_YEAR = extract("year", MISSION_DAY)


def _units():
    return selectinload(Mission.units).selectinload(Unit.names)


def _members():
    return selectinload(Mission.members).joinedload(MissionMember.user)


LIST_OPTIONS = (_units(), _members(), joinedload(Mission.plan))

#: the workspace's mission; the units of its sessions and self-reports and the issuing unit, usually among the
#: mission's own units, are set by attach_units (looked up in the session first: no query each)
WORKSPACE_OPTIONS = (
    _units(), _members(), joinedload(Mission.plan),
    selectinload(Mission.sessions).selectinload(WorkingSession.files),
    selectinload(Mission.self_reports).joinedload(SelfReport.file),
)


def attach_units(mission: Mission) -> Mission:
    """Set the units the workspace names beside the mission's own (loaded by WORKSPACE_OPTIONS)."""
    preload.attach([mission], "issuing_unit", "issuing_unit_id")
    preload.attach(mission.sessions, "unit", "unit_id")
    preload.attach(mission.self_reports, "unit", "unit_id")
    return mission

SESSION_OPTIONS = (
    joinedload(WorkingSession.mission).options(_units(), _members()),
    joinedload(WorkingSession.unit).selectinload(Unit.names),
    selectinload(WorkingSession.files),
)


# --- missions ----------------------------------------------------------------------------------

def mission_list_query(user: User, *, year: int | None = None, status: str = "", kind: str = "",
                       mine: bool = False):
    """Missions the user may see, newest first, filtered as the list page asks."""
    query = select(Mission).options(*LIST_OPTIONS).order_by(MISSION_DAY.desc().nulls_first(), Mission.id.desc())
    conditions = [visible_missions_clause(user)]
    if year:
        conditions.append(MISSION_DAY.between(date(year, 1, 1), date(year, 12, 31)))
    if status in {member.value for member in MissionStatus}:
        conditions.append(Mission.status == MissionStatus(status))
    if kind in {member.value for member in MissionKind}:
        conditions.append(Mission.kind == MissionKind(kind))
    if mine:
        conditions.append(my_missions_clause(user))
    return query.where(*[condition for condition in conditions if condition is not None])


def mission_years(user: User) -> list[int]:
    """Years that have missions the user may see, for the year filter."""
    query = select(MISSION_YEAR).distinct().where(MISSION_DAY.is_not(None)).order_by(MISSION_YEAR.desc())
    clause = visible_missions_clause(user)
    if clause is not None:
        query = query.where(clause)
    return [int(year) for year in db.session.scalars(query)]


def mission_history(mission: Mission, self_reports: list[SelfReport], sessions: list[WorkingSession]
                    ) -> list[AuditEntry]:
    """The audit entries of the mission and of the given sessions and self-reports (those the reader
    may see), newest first."""
    session_ids = [session.id for session in sessions]
    report_ids = [report.id for report in self_reports]
    query = (select(AuditEntry).where(or_(
        and_(AuditEntry.target_type == Mission.__tablename__, AuditEntry.target_id == mission.id),
        and_(AuditEntry.target_type == WorkingSession.__tablename__, AuditEntry.target_id.in_(session_ids)),
        and_(AuditEntry.target_type == SelfReport.__tablename__, AuditEntry.target_id.in_(report_ids))))
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc()))
    return list(db.session.scalars(query))


def group_of(mission: Mission) -> EmulationGroup | None:
    return db.session.get(EmulationGroup, mission.group_id) if mission.group_id else None


def user_by_username(username: str) -> User | None:
    return db.session.scalar(select(User).where(User.username == username.strip()))


# --- choices for forms -------------------------------------------------------------------------

def plan_choices() -> list[tuple[str, str]]:
    plans = db.session.scalars(select(InspectionPlan).order_by(InspectionPlan.year.desc(), InspectionPlan.id.desc()))
    none = [("", _("— Không theo kế hoạch —"))]
    return none + [(str(plan.id), f"{plan.year} · {plan.ref or ''} {plan.title}".replace("  ", " ")) for plan in plans]


def group_choices(years: set[int]) -> dict[str, list[tuple[str, str]]]:
    """The clusters and blocks of the given years, grouped by year (an <optgroup> each), newest first."""
    grouped: dict[str, list] = {_("Không chọn"): [("", "—")]}
    return grouped | {str(year): list(names.items()) for year, names in groups_by_year().items() if year in years}


def resolve_group(group_id: int | None, group_name: str | None, year: int | None) -> EmulationGroup | None:
    """The chosen group, or the one named (in the mission's year when it is known); a name that
    matches nothing, or several groups of different years, is refused on the name field."""
    if not (group_name or "").strip():
        return db.session.get(EmulationGroup, group_id) if group_id else None
    wanted = group_name.strip().casefold()
    query = select(EmulationGroup) if year is None else select(EmulationGroup).where(EmulationGroup.year == year)
    matches = [group for group in db.session.scalars(query) if group.name.strip().casefold() == wanted]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        message = _("Không có cụm, khối thi đua tên “%(name)s”", name=group_name.strip())
        message += _(" năm %(year)s.", year=year) if year else "."
        raise RuleViolation(message, field="group_name")
    raise RuleViolation(_("Có nhiều cụm, khối tên “%(name)s” ở các năm khác nhau: nhập ngày bắt đầu dự kiến hoặc "
                          "ngày quyết định để xác định năm.", name=group_name.strip()), field="group_name")


# --- plans -------------------------------------------------------------------------------------

def plan_years() -> list[int]:
    return list(db.session.scalars(select(InspectionPlan.year).distinct().order_by(InspectionPlan.year.desc())))


def plans_of_year(year: int) -> list[tuple[InspectionPlan, int, int]]:
    """The year's plans with how many units they cover and how many missions carry them out."""
    unit_count = (select(func.count()).select_from(plan_units)
                  .where(plan_units.c.plan_id == InspectionPlan.id).scalar_subquery())
    mission_count = select(func.count(Mission.id)).where(Mission.plan_id == InspectionPlan.id).scalar_subquery()
    query = (select(InspectionPlan, unit_count, mission_count).where(InspectionPlan.year == year)
             .order_by(InspectionPlan.issued_on.desc().nulls_last(), InspectionPlan.id.desc()))
    return [tuple(row) for row in db.session.execute(query)]


PLAN_OPTIONS = (
    selectinload(InspectionPlan.units).selectinload(Unit.names),
    selectinload(InspectionPlan.missions).options(_units(), _members()),
)
