"""Missions, findings and recommendations built directly from the models (not through the findings
feature's services), plus evidence uploads. They flush, never commit."""

import io
import itertools
from datetime import date, timedelta

from werkzeug.datastructures import FileStorage

from inspection.auth.models import Role
from inspection.extensions import db
from inspection.findings.models import Finding, FindingCategory, Recommendation, Responsibility
from inspection.missions.models import Mission, MissionKind, MissionMember, TeamRole
from inspection.timeutil import today_vn
from tests.factories import make_unit, make_user

PDF_BYTES = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n"
_counter = itertools.count(1)


def make_mission(*, members=(), units=(), title: str | None = None) -> Mission:
    mission = Mission(kind=MissionKind.INSPECTION, title=title or f"Đoàn kiểm tra thử {next(_counter)}")
    mission.units = list(units)
    mission.members = [MissionMember(user=user, role=TeamRole.MEMBER) for user in members]
    db.session.add(mission)
    db.session.flush()
    return mission


def make_recommendation(units, *, mission: Mission | None = None, due: date | None = None,
                        issued_on: date | None = None, text: str | None = None,
                        category: FindingCategory = FindingCategory.COMMUNICATION) -> Recommendation:
    """A recommendation on a new finding about units[0], shared by every unit in `units`."""
    mission = mission or make_mission(units=units)
    number = next(_counter)
    finding = Finding(mission=mission, unit=units[0], category=category, title=f"Tồn tại thử {number}")
    due = due if due is not None else today_vn() + timedelta(days=60)
    recommendation = Recommendation(finding=finding, text=text or f"Kiến nghị thử số {number}: đẩy mạnh tuyên truyền",
                                    issued_on=issued_on or today_vn() - timedelta(days=30),
                                    original_due=due, current_due=due)
    recommendation.responsibilities = [Responsibility(unit=unit) for unit in units]
    db.session.add(finding)
    db.session.add(recommendation)
    db.session.flush()
    return recommendation


def pdf(name: str = "Báo cáo khắc phục.pdf", data: bytes = PDF_BYTES) -> FileStorage:
    return FileStorage(stream=io.BytesIO(data), filename=name)


def program(name: str = "bien-ban.pdf") -> FileStorage:
    """A Windows program dressed up as a PDF."""
    return FileStorage(stream=io.BytesIO(b"MZ\x90\x00 this is a program" + b"\x00" * 64), filename=name)


class Scene:
    """One recommendation for an own unit, with a unit officer, a mission member, the council, a
    foreign unit's officer and an inspector outside the mission."""

    def __init__(self, due: date | None = None):
        self.unit = make_unit("Sở Văn hóa và Thể thao")
        self.foreign_unit = make_unit("Sở Y tế")
        self.officer = make_user(Role.UNIT_OFFICER, units=[self.unit], full_name="Trần Thị Đầu Mối")
        self.foreign_officer = make_user(Role.UNIT_OFFICER, units=[self.foreign_unit])
        self.inspector = make_user(Role.INSPECTOR, full_name="Lại Xuân Môn")
        self.outsider = make_user(Role.INSPECTOR)
        self.council = make_user(Role.COUNCIL)
        self.admin = make_user(Role.ADMIN)
        self.mission = make_mission(members=[self.inspector], units=[self.unit])
        self.recommendation = make_recommendation([self.unit], mission=self.mission, due=due)
        self.share = self.recommendation.responsibilities[0]
