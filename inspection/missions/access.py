"""Who may see and change a mission. Inspectors change only missions they belong to."""

from flask import abort
from flask_login import current_user
from sqlalchemy import exists, or_, select

from inspection.auth.models import Role, User
from inspection.extensions import db
from inspection.missions.models import Mission, MissionMember, SelfReport, WorkingSession, mission_units
from inspection.permissions import visible_unit_ids

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


MISSION_NEEDS = {"view": can_view_mission, "edit": can_edit_mission, "self_report": can_add_self_report}


def get_mission(mission_id: int, need: str = "view", options=()) -> Mission:
    """The mission, or 404; 403 when the current user may not `need` ("view", "edit", "self_report") it.
    `options` are loader options (selectinload …) so that a page loads what it shows in few queries."""
    mission = db.session.get(Mission, mission_id, options=list(options))
    if mission is None:
        abort(404)
    if not MISSION_NEEDS[need](current_user, mission):
        abort(403)
    return mission


def get_session(session_id: int, need: str = "view", options=()) -> WorkingSession:
    """A working session, or 404; 403 unless the user may `need` ("view", "edit") its mission."""
    session = db.session.get(WorkingSession, session_id, options=list(options))
    if session is None:
        abort(404)
    if not MISSION_NEEDS[need](current_user, session.mission):
        abort(403)
    return session


def get_self_report(report_id: int) -> SelfReport:
    """A self-report, or 404; 403 unless the user may see its mission."""
    report = db.session.get(SelfReport, report_id)
    if report is None:
        abort(404)
    if not can_view_mission(current_user, report.mission):
        abort(403)
    return report


def visible_missions_clause(user: User):
    """A WHERE clause limiting Mission rows to those the user may see (None: no limit)."""
    visible = visible_unit_ids(user)
    if visible is None:
        return None
    return exists(select(mission_units.c.mission_id).where(
        mission_units.c.mission_id == Mission.id, mission_units.c.unit_id.in_(visible)))


def my_missions_clause(user: User):
    return or_(Mission.created_by_id == user.id,
               exists(select(MissionMember.id).where(MissionMember.mission_id == Mission.id,
                                                     MissionMember.user_id == user.id)))
