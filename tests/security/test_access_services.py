"""Every service that changes a record checks its actor itself, whatever the page did; system actions name
the SYSTEM actor (None is refused), and the audit log records them as the system."""

from datetime import date

import pytest
from sqlalchemy import select

from inspection.access import SYSTEM, AccessDenied
from inspection.audit import AuditEntry
from inspection.auth.models import Role
from inspection.extensions import db
from inspection.missions import services, session_services
from inspection.missions.models import MissionStatus, TeamRole
from inspection.missions.session_services import SessionDetails
from inspection.nominations.reconcile import save_reported_figures
from tests.factories import make_unit, make_user
from tests.missions.builders import add_self_report, add_session, details, make_mission


@pytest.fixture
def world(app):
    unit_a, unit_b = make_unit("Sở Y tế", code="A"), make_unit("Sở Tư pháp", code="B")
    member = make_user(Role.INSPECTOR)
    mission = make_mission([unit_a, unit_b], member)
    world = {"mission": mission, "unit_a": unit_a, "member": member, "outsider": make_user(Role.INSPECTOR),
             "other_officer": make_user(Role.UNIT_OFFICER, units=[unit_b]),
             "report": add_self_report(mission, unit_a), "session": add_session(mission, unit_a)}
    db.session.commit()
    return world


def _session_details(unit) -> SessionDetails:
    return SessionDetails(held_on=date(2017, 11, 5), unit=unit, place="Trụ sở Sở Y tế")


@pytest.mark.parametrize("who", ["outsider", "other_officer"])
def test_mission_services_refuse_an_actor_off_the_team(world, who):
    actor, mission = world[who], world["mission"]
    changes = [
        lambda: services.update_mission(actor, mission, details(mission.units, title="Đổi tên"), mission.version),
        lambda: services.change_status(actor, mission, MissionStatus.PLANNED),
        lambda: services.add_member(actor, mission, role=TeamRole.MEMBER, outsider_name="Người ngoài"),
        lambda: services.remove_member(actor, mission, mission.members[0]),
        lambda: session_services.add_session(actor, mission, _session_details(world["unit_a"])),
        lambda: session_services.update_session(actor, world["session"], _session_details(world["unit_a"]),
                                                version=world["session"].version),
        lambda: session_services.attach_files(actor, world["session"], [b"x"], None),
    ]
    for change in changes:
        with pytest.raises(AccessDenied):
            change()
    db.session.rollback()
    assert db.session.get(type(mission), mission.id).status == MissionStatus.DRAFT


def test_another_units_officer_cannot_enter_a_units_figures(world):
    with pytest.raises(AccessDenied):
        save_reported_figures(world["other_officer"], world["report"], {}, version=world["report"].version)


def test_a_team_member_may_and_the_system_may(world):
    services.change_status(world["member"], world["mission"], MissionStatus.PLANNED)
    services.change_status(SYSTEM, world["mission"], MissionStatus.IN_PROGRESS)
    db.session.commit()
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "mission.status")
                                 .order_by(AuditEntry.id)).all()
    assert [entry.actor_id for entry in entries] == [world["member"].id, None]  # None: the system


def test_no_actor_is_refused_rather_than_trusted(world):
    with pytest.raises(TypeError):
        services.change_status(None, world["mission"], MissionStatus.PLANNED)
    with pytest.raises(TypeError):
        services.create_mission(None, details([world["unit_a"]]))


def test_admin_services_refuse_anyone_else_whatever_the_page_did(world):
    from inspection.calendar import services as calendar
    from inspection.calendar.models import DayKind
    from inspection.findings.transfer import transfer_open_recommendations
    from inspection.groups import services as groups
    from inspection.groups.models import GroupKind
    from inspection.units import services as units
    from inspection.units.models import UnitKind

    inspector = world["member"]
    changes = [
        lambda: units.create_unit(inspector, code="X", name="Sở mới", kind=UnitKind.DEPARTMENT),
        lambda: groups.create_group(inspector, kind=GroupKind.BLOCK, name="Khối mới", year=2017),
        lambda: calendar.add_day(inspector, date(2030, 1, 2), DayKind.DAY_OFF, "Nghỉ bù"),
        lambda: transfer_open_recommendations(world["other_officer"], world["unit_a"], world["unit_a"], None),
    ]
    for change in changes:
        with pytest.raises(AccessDenied):
            change()
