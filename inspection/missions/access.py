"""Who may see and change a mission. Inspectors change only missions they belong to."""

from sqlalchemy import exists, or_, select

from inspection.access import Need, load, register
from inspection.auth.models import Role, User
from inspection.idsets import one_of
from inspection.missions.models import InspectionPlan, Mission, MissionMember, SelfReport, WorkingSession, mission_units
from inspection.units.scope import visible_unit_ids

MISSION_WORKERS = (Role.INSPECTOR, Role.COUNCIL, Role.ADMIN)


def is_member(user: User, mission: Mission) -> bool:
    return any(member.user_id == user.id for member in mission.members)


def can_view_mission(user: User, mission: Mission) -> bool:
    visible = visible_unit_ids(user)
    return visible is None or any(unit.id in visible for unit in mission.units)


def can_edit_mission(user: User, mission: Mission) -> bool:
    """Team members (never unit officers) record sessions, findings and verifications."""
    return user.role in MISSION_WORKERS and is_member(user, mission)


def can_create_mission(user: User) -> bool:
    return user.role in MISSION_WORKERS


def self_report_units(user: User, mission: Mission) -> list:
    """The mission's units this user may file a self-report for: all of them for a team member,
    the officer's own units for a unit officer (a unit sends its own report), none otherwise."""
    if can_edit_mission(user, mission):
        return list(mission.units)
    if user.role != Role.UNIT_OFFICER:
        return []
    visible = visible_unit_ids(user) or set()
    return [unit for unit in mission.units if unit.id in visible]


def can_add_self_report(user: User, mission: Mission) -> bool:
    return bool(self_report_units(user, mission))


def can_view_self_report(user: User, report: SelfReport) -> bool:
    """A self-report belongs to its unit: overseers (and so the team) read it, a unit officer only their own."""
    visible = visible_unit_ids(user)
    return visible is None or report.unit_id in visible


def can_enter_figures(user: User, report: SelfReport) -> bool:
    """The figures a report printed: the mission's team, and the officer of the reporting unit."""
    if can_edit_mission(user, report.mission):
        return True
    return user.role == Role.UNIT_OFFICER and report.unit_id in (visible_unit_ids(user) or set())


def can_view_session(user: User, session: WorkingSession) -> bool:
    """A working session is held with one unit: its officers read it. A session recorded without a unit
    (older rows) is the team's alone, since no single unit's officer may be assumed to have been there."""
    visible = visible_unit_ids(user)
    return visible is None or (session.unit_id is not None and session.unit_id in visible)


def can_edit_session(user: User, session: WorkingSession) -> bool:
    return can_edit_mission(user, session.mission)


def can_make_finding(user: User, report: SelfReport) -> bool:
    """Turning a reconciliation mismatch into a finding: the mission's team."""
    return can_edit_mission(user, report.mission)


def works_on_plans(user: User, plan: InspectionPlan | None = None) -> bool:
    """Plans are the council's and the inspectors' (and admins')."""
    return user.role in MISSION_WORKERS


register(InspectionPlan, {Need.VIEW: works_on_plans, Need.EDIT: works_on_plans})
register(Mission, {Need.VIEW: can_view_mission, Need.EDIT: can_edit_mission, Need.SELF_REPORT: can_add_self_report})
register(SelfReport, {Need.VIEW: can_view_self_report, Need.ENTER_FIGURES: can_enter_figures,
                      Need.MAKE_FINDING: can_make_finding})
register(WorkingSession, {Need.VIEW: can_view_session, Need.EDIT: can_edit_session})


def get_mission(mission_id: int, need: Need = Need.VIEW, options=(), actor=None) -> Mission:
    """The mission, or 404; 403 when the current user (or `actor`) may not `need` it (VIEW, EDIT, SELF_REPORT)."""
    return load(Mission, mission_id, need, actor=actor, options=options)


def get_session(session_id: int, need: Need = Need.VIEW, options=()) -> WorkingSession:
    """A working session, or 404; 403 unless the user may `need` (VIEW, EDIT) that session."""
    return load(WorkingSession, session_id, need, options=options)


def get_self_report(report_id: int, need: Need = Need.VIEW, options=()) -> SelfReport:
    """A self-report, or 404; 403 unless the user may `need` (VIEW, ENTER_FIGURES, MAKE_FINDING) it."""
    return load(SelfReport, report_id, need, options=options)


def visible_missions_clause(user: User):
    """A WHERE clause limiting Mission rows to those the user may see (None: no limit)."""
    visible = visible_unit_ids(user)
    if visible is None:
        return None
    return exists(select(mission_units.c.mission_id).where(
        mission_units.c.mission_id == Mission.id, one_of(mission_units.c.unit_id, visible)))


def my_missions_clause(user: User):
    return or_(Mission.created_by_id == user.id,
               exists(select(MissionMember.id).where(MissionMember.mission_id == Mission.id,
                                                     MissionMember.user_id == user.id)))
