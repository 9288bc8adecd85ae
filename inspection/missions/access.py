"""Who may see and change a mission. Inspectors change only missions they belong to."""

from flask import abort
from flask_login import current_user
from sqlalchemy import exists, or_, select

from inspection.auth.models import Role, User
from inspection.extensions import db
from inspection.missions.models import Mission, MissionMember, mission_units
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


def get_mission(mission_id: int, need: str = "view") -> Mission:
    """The mission, or 404; 403 when the current user may not `need` ("view", "edit") it."""
    mission = db.session.get(Mission, mission_id)
    if mission is None:
        abort(404)
    allowed = can_view_mission if need == "view" else can_edit_mission
    if not allowed(current_user, mission):
        abort(403)
    return mission


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
