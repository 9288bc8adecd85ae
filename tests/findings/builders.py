"""Builders for findings tests: missions as rows (independent of the missions feature's forms),
findings and recommendations through the findings services (actor None: the system)."""

import itertools
from dataclasses import dataclass
from datetime import date

from inspection.access import SYSTEM
from inspection.auth.models import Role, User
from inspection.extensions import db
from inspection.findings import services
from inspection.findings.models import Finding, FindingCategory, Recommendation, Severity
from inspection.missions.models import Mission, MissionKind, MissionMember, MissionStatus, TeamRole, WorkingSession
from inspection.units.models import Unit
from tests.factories import make_unit, make_user

_numbers = itertools.count(1)


def make_mission(units: list[Unit], members: list[User] = (), *, status=MissionStatus.IN_PROGRESS,
                 title: str | None = None, conclusion_date: date | None = None) -> Mission:
    mission = Mission(kind=MissionKind.INSPECTION, title=title or f"Đoàn kiểm tra số {next(_numbers)}",
                      status=status, conclusion_date=conclusion_date, planned_start=date(2017, 11, 4))
    mission.units = list(units)
    mission.members = [MissionMember(user=user, role=TeamRole.HEAD if index == 0 else TeamRole.MEMBER)
                       for index, user in enumerate(members)]
    db.session.add(mission)
    db.session.flush()
    return mission


def make_session(mission: Mission, held_on: date = date(2017, 11, 4), place: str = "UBND tỉnh") -> WorkingSession:
    session = WorkingSession(mission=mission, unit=mission.units[0] if mission.units else None, held_on=held_on,
                             place=place)
    db.session.add(session)
    db.session.flush()
    return session


def make_finding(mission: Mission, unit: Unit | None = None, *, title: str | None = None,
                 category=FindingCategory.EXEMPLAR_REPLICATION, severity=Severity.MODERATE) -> Finding:
    return services.create_finding(SYSTEM, mission, unit=unit or mission.units[0], category=category,
                                   severity=severity, title=title or f"Phát hiện số {next(_numbers)}")


def make_recommendation(finding: Finding, units: list[Unit] | None = None, *, text: str | None = None,
                        issued_on: date = date(2017, 12, 1), due: date = date(2018, 6, 30),
                        **outcomes) -> Recommendation:
    return services.create_recommendation(
        SYSTEM, finding, text=text or f"Kiến nghị số {next(_numbers)}", issued_on=issued_on, due=due,
        responsible_units=units or [finding.unit], **outcomes)


@dataclass
class World:
    """Two units, a mission on the first with one member, and a user of every kind."""

    own: Unit
    foreign: Unit
    mission: Mission
    member: User
    outsider: User
    council: User
    admin: User
    own_officer: User
    foreign_officer: User
    finding: Finding
    recommendation: Recommendation


def make_world() -> World:
    own = make_unit("UBND tỉnh Kiên Giang", code="KG")
    foreign = make_unit("UBND tỉnh Cà Mau", code="CM")
    member = make_user(Role.INSPECTOR, full_name="Lại Xuân Môn")
    mission = make_mission([own], [member], title="Đoàn kiểm tra công tác TĐKT năm 2017")
    finding = make_finding(mission, own, title="Nhân rộng mô hình còn hạn chế")
    recommendation = make_recommendation(finding, text="Đẩy mạnh nhân rộng điển hình tiên tiến")
    world = World(own=own, foreign=foreign, mission=mission, member=member,
                  outsider=make_user(Role.INSPECTOR), council=make_user(Role.COUNCIL),
                  admin=make_user(Role.ADMIN), own_officer=make_user(Role.UNIT_OFFICER, units=[own]),
                  foreign_officer=make_user(Role.UNIT_OFFICER, units=[foreign]),
                  finding=finding, recommendation=recommendation)
    db.session.commit()
    return world
