"""A province with a department under it, a mission on the department with recommendations issued
through the findings services, and a user of every kind; helpers to open a session and to shape
recommendations (overdue, escalated, with an extension request waiting)."""

from dataclasses import dataclass
from datetime import date, timedelta

from inspection.auth.models import Role, User
from inspection.council import services
from inspection.council.models import ReviewSession
from inspection.extensions import db
from inspection.findings.models import Recommendation
from inspection.missions.models import Mission
from inspection.responses import deadlines
from inspection.timeutil import utcnow
from inspection.units.models import Unit, UnitKind
from tests.factories import make_unit, make_user
from tests.findings.builders import make_finding, make_mission, make_recommendation

HELD_ON = date(2019, 3, 15)
PARTICIPANTS = "Nguyễn Văn Chủ – Phó Chủ tịch UBND tỉnh, Chủ tịch Hội đồng\nTrần Thị Thư – Thư ký Hội đồng"


@dataclass
class Scene:
    province: Unit
    unit: Unit
    other: Unit
    mission: Mission
    member: User
    outsider: User
    council: User
    admin: User
    officer: User
    province_officer: User
    other_officer: User

    def rec(self, due: date, *, units: list[Unit] | None = None, text: str | None = None) -> Recommendation:
        """An open recommendation of the department, issued on 01/12/2017."""
        finding = make_finding(self.mission, (units or [self.unit])[0])
        return make_recommendation(finding, units or [self.unit], due=due, text=text)

    def overdue(self, days: int, **kwargs) -> Recommendation:
        """Overdue by exactly `days` on the session date."""
        return self.rec(HELD_ON - timedelta(days=days), **kwargs)

    def open_session(self, actor: User | None = None, overdue_days: int = 30, held_on: date = HELD_ON,
                     title: str = services.DEFAULT_TITLE) -> ReviewSession:
        session = services.open_session(actor or self.council, services.SessionDetails(
            title=title, held_on=held_on, participants=PARTICIPANTS, overdue_days=overdue_days,
            place="Phòng họp số 1, trụ sở UBND tỉnh", chaired_by="Nguyễn Văn Chủ – Chủ tịch Hội đồng"))
        db.session.commit()
        return session


def make_scene() -> Scene:
    province = make_unit("UBND tỉnh Kiên Giang", code="KG", kind=UnitKind.PROVINCE)
    unit = make_unit("Sở Văn hóa và Thể thao", code="KG-SVHTT", parent=province)
    other = make_unit("Sở Y tế", code="KG-SYT", parent=province)
    member = make_user(Role.INSPECTOR, full_name="Lại Xuân Môn")
    scene = Scene(province=province, unit=unit, other=other, mission=make_mission([unit, other], [member],
                  title="Đoàn kiểm tra công tác thi đua, khen thưởng năm 2017"),
                  member=member, outsider=make_user(Role.INSPECTOR),
                  council=make_user(Role.COUNCIL, full_name="Phạm Thị Hội Đồng"), admin=make_user(Role.ADMIN),
                  officer=make_user(Role.UNIT_OFFICER, units=[unit], full_name="Trần Thị Đầu Mối"),
                  province_officer=make_user(Role.UNIT_OFFICER, units=[province], full_name="Lê Văn Tỉnh"),
                  other_officer=make_user(Role.UNIT_OFFICER, units=[other]))
    db.session.commit()
    return scene


def escalate(recommendation: Recommendation) -> Recommendation:
    recommendation.escalated_at = utcnow()
    db.session.flush()
    return recommendation


def ask_extension(scene: Scene, recommendation: Recommendation, requested: date, reason: str = "Chờ kiện toàn bộ máy"):
    return deadlines.request_extension(scene.officer, recommendation, scene.unit, requested, reason)
