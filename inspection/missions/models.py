"""Inspection plans, missions (đoàn kiểm tra / giám sát), their members, self-reports and working sessions."""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Column, ForeignKey, Index, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from inspection.auth.models import User
from inspection.documents import purposes
from inspection.documents.columns import DocRefType
from inspection.documents.refs import DocRef
from inspection.enums import LabelledEnum, enum_column, register_labels
from inspection.extensions import db
from inspection.files.models import StoredFile
from inspection.textsearch import search_column, searchable
from inspection.timeutil import utcnow
from inspection.units.models import Unit
from inspection.workflow import Transitions


class MissionKind(LabelledEnum):
    INSPECTION = "inspection"
    SUPERVISION = "supervision"
    CROSS = "cross"


register_labels({
    MissionKind.INSPECTION: _l("Kiểm tra"),
    MissionKind.SUPERVISION: _l("Giám sát"),
    MissionKind.CROSS: _l("Kiểm tra chéo trong cụm, khối"),
})


class MissionStatus(LabelledEnum):
    DRAFT = "draft"
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    CONCLUDED = "concluded"
    CLOSED = "closed"


register_labels({
    MissionStatus.DRAFT: _l("Dự thảo"),
    MissionStatus.PLANNED: _l("Đã lên kế hoạch"),
    MissionStatus.IN_PROGRESS: _l("Đang tiến hành"),
    MissionStatus.CONCLUDED: _l("Đã kết luận"),
    MissionStatus.CLOSED: _l("Đã kết thúc"),
})

MISSION_TRANSITIONS = Transitions({
    MissionStatus.DRAFT: {MissionStatus.PLANNED},
    MissionStatus.PLANNED: {MissionStatus.DRAFT, MissionStatus.IN_PROGRESS},
    MissionStatus.IN_PROGRESS: {MissionStatus.CONCLUDED},
    # a conclusion may be reopened (a missed point); closing is final
    MissionStatus.CONCLUDED: {MissionStatus.IN_PROGRESS, MissionStatus.CLOSED},
    MissionStatus.CLOSED: set(),
})


class TeamRole(LabelledEnum):
    HEAD = "head"
    DEPUTY = "deputy"
    MEMBER = "member"
    SECRETARY = "secretary"


register_labels({
    TeamRole.HEAD: _l("Trưởng đoàn"),
    TeamRole.DEPUTY: _l("Phó trưởng đoàn"),
    TeamRole.MEMBER: _l("Thành viên"),
    TeamRole.SECRETARY: _l("Thư ký"),
})

plan_units = Table(
    "plan_unit", db.Model.metadata,
    Column("plan_id", ForeignKey("inspection_plan.id", ondelete="CASCADE"), primary_key=True),
    Column("unit_id", ForeignKey("unit.id"), primary_key=True),
)

mission_units = Table(
    "mission_unit", db.Model.metadata,
    Column("mission_id", ForeignKey("mission.id", ondelete="CASCADE"), primary_key=True),
    Column("unit_id", ForeignKey("unit.id"), primary_key=True, index=True),
)

session_files = Table(
    "working_session_file", db.Model.metadata,
    Column("session_id", ForeignKey("working_session.id", ondelete="CASCADE"), primary_key=True),
    Column("file_id", ForeignKey("stored_file.id"), primary_key=True),
)


class InspectionPlan(db.Model):
    """Kế hoạch kiểm tra (e.g. 64/KH-HĐTĐKT): a year's content areas and the units to inspect."""

    __tablename__ = "inspection_plan"
    #: the audit log's words for the actions recorded with these keys (inspection/labels.py)
    __audit_action_labels__ = {
        "plan.create": _l("Lập kế hoạch kiểm tra"),
        "plan.update": _l("Sửa kế hoạch kiểm tra"),
    }
    #: what the audit log calls a record of this table
    __audit_name__ = _l("Kế hoạch kiểm tra")

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[DocRef | None] = mapped_column(DocRefType(purposes.PLAN), info={"label": _l("Số, ký hiệu")})
    issued_on: Mapped[date | None] = mapped_column(info={"label": _l("Ngày ban hành")})
    year: Mapped[int] = mapped_column(index=True, info={"label": _l("Năm")})
    title: Mapped[str] = mapped_column(String(500), info={"label": _l("Tiêu đề")})
    content_areas: Mapped[str | None] = mapped_column(Text, info={"label": _l("Nội dung kiểm tra")})
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    units: Mapped[list[Unit]] = relationship(secondary=plan_units, order_by=Unit.code, info={"label": _l("Đơn vị")})
    missions: Mapped[list["Mission"]] = relationship(back_populates="plan")

    __mapper_args__ = {"version_id_col": version}


class Mission(db.Model):
    __tablename__ = "mission"
    #: the audit log's words for the actions recorded with these keys (inspection/labels.py)
    __audit_action_labels__ = {
        "mission.create": _l("Lập đoàn kiểm tra"),
        "mission.update": _l("Sửa đoàn kiểm tra"),
        "mission.status": _l("Đổi trạng thái đoàn kiểm tra"),
    }
    #: what the audit log calls a record of this table
    __audit_name__ = _l("Đoàn kiểm tra")
    #: audit keys that are not columns (inspection/labels.py)
    __audit_labels__ = {"group": _l("Cụm, khối")}

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("inspection_plan.id"), index=True)
    kind: Mapped[MissionKind] = enum_column(MissionKind, info={"label": _l("Loại")})
    title: Mapped[str] = mapped_column(String(500), info={"label": _l("Tiêu đề")})
    #: the decision establishing the team (e.g. 1317/QĐ-UBND) and its date
    decision_ref: Mapped[DocRef | None] = mapped_column(DocRefType(purposes.DECISION),
                                                        info={"label": _l("Quyết định thành lập")})
    decision_date: Mapped[date | None] = mapped_column(info={"label": _l("Ngày quyết định")})
    #: issuing body as printed ("Hội đồng Thi đua – Khen thưởng Trung ương")
    issuing_body: Mapped[str | None] = mapped_column(String(255), info={"label": _l("Cơ quan ban hành")})
    issuing_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    #: for a cross-inspection: the cluster or block whose members inspect each other
    group_id: Mapped[int | None] = mapped_column(ForeignKey("emulation_group.id"))
    period_from: Mapped[date | None] = mapped_column(info={"label": _l("Thời kỳ từ")})
    period_to: Mapped[date | None] = mapped_column(info={"label": _l("Thời kỳ đến")})
    planned_start: Mapped[date | None] = mapped_column(info={"label": _l("Dự kiến bắt đầu")})
    planned_end: Mapped[date | None] = mapped_column(info={"label": _l("Dự kiến kết thúc")})
    status: Mapped[MissionStatus] = enum_column(MissionStatus, default=MissionStatus.DRAFT, index=True,
                                                info={"label": _l("Trạng thái")})
    #: the conclusion notice (thông báo kết luận), when issued
    conclusion_ref: Mapped[DocRef | None] = mapped_column(DocRefType(purposes.CONCLUSION),
                                                          info={"label": _l("Thông báo kết luận")})
    conclusion_date: Mapped[date | None] = mapped_column(info={"label": _l("Ngày kết luận")})
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)
    search_text: Mapped[str] = search_column()  # normalised, for search (inspection/textsearch.py)

    plan: Mapped[InspectionPlan | None] = relationship(back_populates="missions", info={"label": _l("Kế hoạch")})
    issuing_unit: Mapped[Unit | None] = relationship(foreign_keys=[issuing_unit_id],
                                                     info={"label": _l("Đơn vị ban hành (mã)")})
    units: Mapped[list[Unit]] = relationship(secondary=mission_units, order_by=Unit.code, info={"label": _l("Đơn vị")})
    members: Mapped[list["MissionMember"]] = relationship(
        back_populates="mission", cascade="all, delete-orphan", order_by="MissionMember.id")
    sessions: Mapped[list["WorkingSession"]] = relationship(
        back_populates="mission", cascade="all, delete-orphan", order_by="WorkingSession.held_on")
    self_reports: Mapped[list["SelfReport"]] = relationship(
        back_populates="mission", cascade="all, delete-orphan", order_by="SelfReport.report_date")

    __mapper_args__ = {"version_id_col": version}


searchable(Mission, "title", "decision_ref", "conclusion_ref")


class MissionMember(db.Model):
    """A team member: a portal user, or a named outsider (a council member from elsewhere)."""

    __tablename__ = "mission_member"
    #: the audit log's words for the actions recorded with these keys (inspection/labels.py)
    __audit_action_labels__ = {
        "mission.member_add": _l("Thêm thành viên đoàn"),
        "mission.member_remove": _l("Bỏ thành viên đoàn"),
    }
    #: actions recorded on another record that carry this model's fields (inspection/labels.py)
    __audit_actions__ = ("mission.member_",)
    #: audit keys that are not columns (inspection/labels.py)
    __audit_labels__ = {"member": _l("Thành viên"), "username": User.username}
    # a portal user joins a team once (outsiders have no user: NULLs never collide)
    __table_args__ = (UniqueConstraint("mission_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = mapped_column(ForeignKey("mission.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    outsider_name: Mapped[str | None] = mapped_column(String(200))
    #: position as printed: "Ủy viên Trung ương Đảng, Chủ tịch Hội Nông dân Việt Nam"
    position: Mapped[str | None] = mapped_column(String(500), info={"label": _l("Chức vụ")})
    role: Mapped[TeamRole] = enum_column(TeamRole, info={"label": _l("Vai trò")})

    mission: Mapped[Mission] = relationship(back_populates="members", info={"label": _l("Đoàn")})
    user: Mapped[User | None] = relationship()

    @property
    def display_name(self) -> str:
        return self.user.full_name if self.user else (self.outsider_name or "")


class SelfReport(db.Model):
    """The inspected unit's báo cáo tự kiểm tra (e.g. 280/BC-UBND of 30/11/2017)."""

    __tablename__ = "self_report"
    #: the audit log's words for the actions recorded with these keys (inspection/labels.py)
    __audit_action_labels__ = {
        "self_report.create": _l("Nhận báo cáo tự kiểm tra"),
        "self_report.figures": _l("Ghi số liệu báo cáo tự kiểm tra"),
    }
    #: what the audit log calls a record of this table
    __audit_name__ = _l("Báo cáo tự kiểm tra")
    # a unit's report is entered once per mission: its number with the unit (another province's "280/BC-UBND"
    # is another document); an index, not a constraint, so that SQLite adds it in place
    __table_args__ = (Index("ux_self_report_mission_unit_ref", "mission_id", "unit_id", "ref", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = mapped_column(ForeignKey("mission.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    ref: Mapped[DocRef] = mapped_column(DocRefType(purposes.SELF_REPORT), info={"label": _l("Số, ký hiệu")})
    report_date: Mapped[date] = mapped_column(info={"label": _l("Ngày báo cáo")})
    subject: Mapped[str | None] = mapped_column(String(500), info={"label": _l("Trích yếu")})
    file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_file.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: moves with every save of the report's figures too (they are edited on one form)
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    search_text: Mapped[str] = search_column()  # normalised, for search (inspection/textsearch.py)

    mission: Mapped[Mission] = relationship(back_populates="self_reports", info={"label": _l("Đoàn")})
    unit: Mapped[Unit] = relationship(info={"label": _l("Đơn vị")})
    file: Mapped[StoredFile | None] = relationship(info={"label": _l("Tệp")})

    __mapper_args__ = {"version_id_col": version}


searchable(SelfReport, "ref", "subject")


class WorkingSession(db.Model):
    """Buổi làm việc: when, where, who on each side, what was examined, and its minutes."""

    __tablename__ = "working_session"
    #: the audit log's words for the actions recorded with these keys (inspection/labels.py)
    __audit_action_labels__ = {
        "session.create": _l("Ghi buổi làm việc"),
        "session.update": _l("Sửa buổi làm việc"),
        "session.attach": _l("Đính kèm tệp vào buổi làm việc"),
    }
    #: what the audit log calls a record of this table
    __audit_name__ = _l("Buổi làm việc")

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = mapped_column(ForeignKey("mission.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    held_on: Mapped[date] = mapped_column(info={"label": _l("Ngày làm việc")})
    place: Mapped[str | None] = mapped_column(String(255), info={"label": _l("Địa điểm")})
    team_participants: Mapped[str | None] = mapped_column(Text, info={"label": _l("Thành phần đoàn")})
    unit_participants: Mapped[str | None] = mapped_column(Text, info={"label": _l("Thành phần đơn vị")})
    content: Mapped[str | None] = mapped_column(Text, info={"label": _l("Nội dung làm việc")})
    minutes_ref: Mapped[DocRef | None] = mapped_column(DocRefType(purposes.MINUTES), info={"label": _l("Biên bản")})
    minutes_date: Mapped[date | None] = mapped_column(info={"label": _l("Ngày biên bản")})
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    search_text: Mapped[str] = search_column()  # normalised, for search (inspection/textsearch.py)

    mission: Mapped[Mission] = relationship(back_populates="sessions", info={"label": _l("Đoàn")})
    unit: Mapped[Unit | None] = relationship(info={"label": _l("Đơn vị")})
    files: Mapped[list[StoredFile]] = relationship(secondary=session_files, order_by=StoredFile.id,
                                                   info={"label": _l("Tệp")})

    __mapper_args__ = {"version_id_col": version}


searchable(WorkingSession, "minutes_ref", "place")
