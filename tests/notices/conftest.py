"""A small world for notices: a mission on two departments with a team of two, the departments' officers, an
inspector outside the team, the council; a recommendation issued (by the team's head) to the first department."""

from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import select

from inspection.auth.models import Role, User
from inspection.extensions import db
from inspection.findings import services as findings
from inspection.findings.models import Finding, Recommendation
from inspection.missions.models import Mission
from inspection.notifications.models import Notification
from inspection.units.models import Unit
from tests.factories import make_unit, make_user
from tests.findings.builders import make_finding, make_mission
from tests.notifications.conftest import mailbox  # noqa: F401  (the local SMTP server, a fixture)


@dataclass
class World:
    home: Unit  # responsible for the recommendation
    other: Unit  # inspected by the same mission, not responsible
    officer: User
    colleague: User  # a second officer of `home`
    other_officer: User
    head: User  # the team's head, who issues the recommendation
    member: User  # the second team member
    outsider: User  # an inspector of no part in this mission
    council: User
    mission: Mission
    finding: Finding
    recommendation: Recommendation

    def issue(self, units: list[Unit] | None = None, text: str = "Rà soát hồ sơ khen thưởng còn tồn đọng",
              finding: Finding | None = None) -> Recommendation:
        return findings.create_recommendation(self.head, finding or self.finding, text=text,
                                              issued_on=date(2026, 3, 2), due=date(2026, 9, 30),
                                              responsible_units=units or [self.home])


def email(user: User, address: str) -> User:
    user.email = address
    return user


@pytest.fixture
def world(app) -> World:
    home = make_unit("Sở Tư pháp tỉnh An Giang", code="AG-STP")
    other = make_unit("Sở Y tế tỉnh An Giang", code="AG-SYT")
    head = email(make_user(Role.INSPECTOR, full_name="Nguyễn Văn Trưởng Đoàn"), "truongdoan@example.vn")
    member = email(make_user(Role.INSPECTOR, full_name="Lê Thị Thành Viên"), "thanhvien@example.vn")
    mission = make_mission([home, other], [head, member], title="Đoàn kiểm tra công tác TĐKT năm 2026")
    world = World(home=home, other=other,
                  officer=email(make_user(Role.UNIT_OFFICER, units=[home], full_name="Trần Văn Đầu Mối"),
                                "daumoi@example.vn"),
                  colleague=email(make_user(Role.UNIT_OFFICER, units=[home], full_name="Phạm Thị Đồng Nghiệp"),
                                  "dongnghiep@example.vn"),
                  other_officer=email(make_user(Role.UNIT_OFFICER, units=[other], full_name="Võ Văn Y Tế"),
                                      "yte@example.vn"),
                  head=head, member=member,
                  outsider=email(make_user(Role.INSPECTOR, full_name="Đỗ Văn Ngoài Đoàn"), "ngoaidoan@example.vn"),
                  council=email(make_user(Role.COUNCIL, full_name="Thư Ký Hội Đồng"), "hoidong@example.vn"),
                  mission=mission, finding=make_finding(mission, home, title="Hồ sơ khen thưởng chậm"),
                  recommendation=None)
    world.recommendation = world.issue()
    db.session.commit()
    return world


def notices_of(user: User) -> list[Notification]:
    db.session.expire_all()
    return list(db.session.scalars(select(Notification).where(Notification.user_id == user.id)
                                   .order_by(Notification.id)))


def kinds_of(user: User) -> list[str]:
    return [notice.kind.value for notice in notices_of(user)]


def all_notices() -> list[Notification]:
    db.session.expire_all()
    return list(db.session.scalars(select(Notification).order_by(Notification.id)))
