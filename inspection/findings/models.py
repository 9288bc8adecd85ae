"""Findings (tồn tại, hạn chế; ưu điểm), recommendations (kiến nghị) with their responsible units,
and the follow-up actions units plan. The unit's own status and the inspector's verified status are
two separate fields with two transition tables: a unit reporting "done" never closes anything."""

from datetime import date, datetime
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, Numeric, String, Text, UniqueConstraint, event, text
from sqlalchemy.orm import Mapped, Session, mapped_column, object_session, relationship

from inspection.auth.models import User
from inspection.documents import purposes
from inspection.documents.columns import DocRefType
from inspection.documents.refs import DocRef
from inspection.enums import LabelledEnum, enum_column, register_labels
from inspection.extensions import db
from inspection.findings.numbering import next_number
from inspection.missions.models import Mission, WorkingSession
from inspection.textsearch import search_column, searchable, text_of
from inspection.timeutil import utcnow
from inspection.units.models import Unit
from inspection.workflow import Transitions


class FindingKind(LabelledEnum):
    SHORTCOMING = "shortcoming"
    STRENGTH = "strength"


class FindingCategory(LabelledEnum):
    """DOMAIN.md 2.4."""

    LEADERSHIP_DIRECTION = "leadership_direction"
    MOVEMENT_ORGANISATION = "movement_organisation"
    EXEMPLAR_REPLICATION = "exemplar_replication"
    COMMUNICATION = "communication"
    AWARD_TARGETING = "award_targeting"
    AWARD_COMPLIANCE = "award_compliance"
    BACKLOG = "backlog"
    APPARATUS_STAFF = "apparatus_staff"
    COUNCIL_CLUSTER = "council_cluster"
    RECORDS_IT = "records_it"
    FUND_ARTIFACTS = "fund_artifacts"


class Severity(LabelledEnum):
    MINOR = "minor"
    MODERATE = "moderate"
    SERIOUS = "serious"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return list(Severity).index(self)


class UnitStatus(LabelledEnum):
    """What the responsible unit says about its own progress."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    REPORTED_DONE = "reported_done"


class VerifiedStatus(LabelledEnum):
    """What an inspector established."""

    OPEN = "open"
    IMPLEMENTED = "implemented"
    PARTIAL = "partial"
    NOT_IMPLEMENTED = "not_implemented"
    OVERTAKEN = "overtaken"
    NOT_ACCEPTED = "not_accepted"


class VerificationMethod(LabelledEnum):
    DESK_REVIEW = "desk_review"
    ON_SITE = "on_site"
    UNIT_WORD = "unit_word"


register_labels({
    FindingKind.SHORTCOMING: _l("Tồn tại, hạn chế"),
    FindingKind.STRENGTH: _l("Ưu điểm"),
    FindingCategory.LEADERSHIP_DIRECTION: _l("Lãnh đạo, chỉ đạo; ban hành văn bản"),
    FindingCategory.MOVEMENT_ORGANISATION: _l("Tổ chức phong trào thi đua"),
    FindingCategory.EXEMPLAR_REPLICATION: _l("Phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến"),
    FindingCategory.COMMUNICATION: _l("Tuyên truyền"),
    FindingCategory.AWARD_TARGETING: _l("Đối tượng khen thưởng"),
    FindingCategory.AWARD_COMPLIANCE: _l("Tiêu chuẩn, quy trình, hồ sơ, thẩm quyền, thời hạn khen thưởng"),
    FindingCategory.BACKLOG: _l("Khen thưởng tồn đọng"),
    FindingCategory.APPARATUS_STAFF: _l("Bộ máy, cán bộ làm công tác thi đua, khen thưởng"),
    FindingCategory.COUNCIL_CLUSTER: _l("Hội đồng Thi đua – Khen thưởng; cụm, khối thi đua"),
    FindingCategory.RECORDS_IT: _l("Lưu trữ hồ sơ; ứng dụng công nghệ thông tin"),
    FindingCategory.FUND_ARTIFACTS: _l("Quỹ thi đua, khen thưởng; hiện vật"),
    Severity.MINOR: _l("Nhẹ"),
    Severity.MODERATE: _l("Trung bình"),
    Severity.SERIOUS: _l("Nghiêm trọng"),
    Severity.CRITICAL: _l("Rất nghiêm trọng"),
    UnitStatus.NOT_STARTED: _l("Chưa thực hiện"),
    UnitStatus.IN_PROGRESS: _l("Đang thực hiện"),
    UnitStatus.REPORTED_DONE: _l("Đã báo cáo hoàn thành"),
    VerifiedStatus.OPEN: _l("Chưa kết luận"),
    VerifiedStatus.IMPLEMENTED: _l("Đã thực hiện (đã xác minh)"),
    VerifiedStatus.PARTIAL: _l("Thực hiện một phần"),
    VerifiedStatus.NOT_IMPLEMENTED: _l("Không thực hiện"),
    VerifiedStatus.OVERTAKEN: _l("Không còn phù hợp do tình hình thay đổi"),
    VerifiedStatus.NOT_ACCEPTED: _l("Đơn vị không tiếp thu"),
    VerificationMethod.DESK_REVIEW: _l("Xem xét hồ sơ, minh chứng"),
    VerificationMethod.ON_SITE: _l("Kiểm tra tại chỗ"),
    VerificationMethod.UNIT_WORD: _l("Chỉ theo báo cáo của đơn vị"),
})

UNIT_STATUS_TRANSITIONS = Transitions({
    UnitStatus.NOT_STARTED: {UnitStatus.IN_PROGRESS, UnitStatus.REPORTED_DONE},
    UnitStatus.IN_PROGRESS: {UnitStatus.REPORTED_DONE},
    # back to work when the inspector finds the report wanting, or the unit withdraws it
    UnitStatus.REPORTED_DONE: {UnitStatus.IN_PROGRESS},
})

CLOSED_STATUSES = {VerifiedStatus.IMPLEMENTED, VerifiedStatus.PARTIAL, VerifiedStatus.NOT_IMPLEMENTED,
                   VerifiedStatus.OVERTAKEN, VerifiedStatus.NOT_ACCEPTED}

VERIFIED_TRANSITIONS = Transitions({
    VerifiedStatus.OPEN: set(CLOSED_STATUSES),
    **{status: {VerifiedStatus.OPEN} for status in CLOSED_STATUSES},  # only by reopening
})


class Finding(db.Model):
    __tablename__ = "finding"
    #: the audit log's words for the actions recorded with these keys (inspection/labels.py)
    __audit_action_labels__ = {
        "finding.create": _l("Ghi nhận kết quả kiểm tra"),
        "finding.update": _l("Sửa kết quả kiểm tra"),
    }
    #: what the audit log calls a record of this table
    __audit_name__ = _l("Kết quả kiểm tra")

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = mapped_column(ForeignKey("mission.id"), index=True)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("working_session.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    kind: Mapped[FindingKind] = enum_column(FindingKind, default=FindingKind.SHORTCOMING, info={"label": _l("Loại")})
    category: Mapped[FindingCategory] = enum_column(FindingCategory, index=True, info={"label": _l("Lĩnh vực")})
    severity: Mapped[Severity] = enum_column(Severity, default=Severity.MODERATE, index=True,
                                             info={"label": _l("Mức độ")})
    title: Mapped[str] = mapped_column(String(500), info={"label": _l("Tiêu đề")})
    description: Mapped[str | None] = mapped_column(Text, info={"label": _l("Mô tả")})
    #: figures quoted as evidence, as printed ("1.973 / 3.408 = 57,86%")
    figures: Mapped[str | None] = mapped_column(Text, info={"label": _l("Số liệu")})
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)
    search_text: Mapped[str] = search_column()  # normalised, for search (inspection/textsearch.py)

    mission: Mapped[Mission] = relationship(info={"label": _l("Đoàn")})
    session: Mapped[WorkingSession | None] = relationship(info={"label": _l("Buổi làm việc")})
    unit: Mapped[Unit] = relationship(info={"label": _l("Đơn vị")})
    recommendations: Mapped[list["Recommendation"]] = relationship(
        back_populates="finding", cascade="all, delete-orphan", order_by="Recommendation.id")

    __mapper_args__ = {"version_id_col": version}
    #: audit keys that are not columns (inspection/labels.py)
    __audit_labels__ = {"working_session": session}


searchable(Finding, "title")


class Recommendation(db.Model):
    __tablename__ = "recommendation"
    #: the audit log's words for the actions recorded with these keys (inspection/labels.py)
    __audit_action_labels__ = {
        "recommendation.create": _l("Ban hành kiến nghị"),
        "recommendation.update": _l("Sửa kiến nghị"),
        "recommendation.verify": _l("Xác minh kiến nghị"),
        "recommendation.reopen": _l("Mở lại kiến nghị"),
    }
    #: what the audit log calls a record of this table
    __audit_name__ = _l("Kiến nghị")
    #: the column the audit log names a record of this table by (its number, not its id)
    __audit_record_name__ = "number"
    #: audit keys that are not columns (inspection/labels.py)
    __audit_labels__ = {"responsible_units": _l("Đơn vị chịu trách nhiệm"), "due": _l("Hạn"), "note": _l("Ghi chú")}
    # the dashboard's and the reminders' questions: open items by due date, cohorts by issue date
    __table_args__ = (# id after the due date: the register's order (due date, then id) is read off the index, a deep
                      # page skips index entries; finding_id: the dashboard's joins need no row lookup
                      Index("ix_recommendation_open_due", "verified_status", "current_due", "id", "finding_id"),
                      # the open ones by id with their due date: a province officer's to-do looks its few thousand
                      # recommendations up here (PostgreSQL: an index-only scan, not a row fetched per id)
                      Index("ix_recommendation_open_id", "id", postgresql_include=["current_due"],
                            postgresql_where=text("verified_status = 'open'"),
                            sqlite_where=text("verified_status = 'open'")),
                      Index("ix_recommendation_issued_on", "issued_on"),
                      Index("ix_recommendation_verified_at", "verified_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    finding_id: Mapped[int] = mapped_column(ForeignKey("finding.id"), index=True)
    #: "KN-03/Đ12-2017", given once when the row is first written, never changed (findings/numbering.py)
    number: Mapped[str] = mapped_column(String(40), unique=True, info={"label": _l("Số kiến nghị")})
    text: Mapped[str] = mapped_column(Text, info={"label": _l("Nội dung kiến nghị")})
    issued_on: Mapped[date | None] = mapped_column(info={"label": _l("Ngày ban hành")})
    original_due: Mapped[date | None] = mapped_column(info={"label": _l("Hạn ban đầu")})
    #: changes only through an approved extension or a council decision, never by a plain edit
    current_due: Mapped[date | None] = mapped_column(index=True, info={"label": _l("Hạn hiện tại")})
    verified_status: Mapped[VerifiedStatus] = enum_column(VerifiedStatus, default=VerifiedStatus.OPEN, index=True,
                                                          info={"label": _l("Kết quả xác minh")})
    verification_method: Mapped[VerificationMethod | None] = enum_column(VerificationMethod, nullable=True,
                                                                         info={"label": _l("Cách xác minh")})
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    verified_at: Mapped[datetime | None]
    verification_note: Mapped[str | None] = mapped_column(Text, info={"label": _l("Ghi chú xác minh")})
    #: optional outcomes: awards to revoke or re-examine, money to recover
    awards_to_revoke: Mapped[int | None] = mapped_column(info={"label": _l("Số khen thưởng phải thu hồi")})
    awards_to_reexamine: Mapped[int | None] = mapped_column(info={"label": _l("Số khen thưởng phải xem xét lại")})
    amount_to_recover: Mapped[Decimal | None] = mapped_column(Numeric(18, 0),
                                                              info={"label": _l("Số tiền phải thu hồi")})
    amount_recovered: Mapped[Decimal | None] = mapped_column(Numeric(18, 0), info={"label": _l("Số tiền đã thu hồi")})
    #: set when the council reports the item to the supervising body (a review-session decision)
    escalated_at: Mapped[datetime | None]
    escalation_note: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)
    search_text: Mapped[str] = search_column()  # normalised, for search (inspection/textsearch.py)

    finding: Mapped[Finding] = relationship(back_populates="recommendations", info={"label": _l("Kết quả kiểm tra")})
    verified_by: Mapped[User | None] = relationship(foreign_keys=[verified_by_id])
    responsibilities: Mapped[list["Responsibility"]] = relationship(
        back_populates="recommendation", cascade="all, delete-orphan", order_by="Responsibility.id")

    __mapper_args__ = {"version_id_col": version}

    @property
    def is_open(self) -> bool:
        return self.verified_status == VerifiedStatus.OPEN


searchable(Recommendation, "number", "text")

#: the last number handed out per mission in the flush under way, by session (its rows are not inserted yet)
_GIVEN_KEY = "recommendation_numbers"


@event.listens_for(Recommendation, "before_insert")
def _give_number(_mapper, connection, recommendation: Recommendation) -> None:
    """Every new recommendation gets the next number of its mission, however it was created."""
    if recommendation.number:
        return
    finding = recommendation.finding
    mission_id = finding.mission_id if finding.mission_id is not None else finding.mission.id
    given = object_session(recommendation).info.setdefault(_GIVEN_KEY, {})
    tables = (Mission.__table__, Finding.__table__, Recommendation.__table__)
    recommendation.number = given[mission_id] = next_number(connection, tables, mission_id, given)
    recommendation.search_text = text_of([recommendation.number, recommendation.text])


@event.listens_for(Session, "after_flush")
def _forget_given(session, _context) -> None:
    session.info.pop(_GIVEN_KEY, None)


@event.listens_for(Session, "after_rollback")
def _forget_given_on_rollback(session) -> None:
    session.info.pop(_GIVEN_KEY, None)


class Responsibility(db.Model):
    """One responsible unit of a recommendation, with its own progress (joint responsibility)."""

    __tablename__ = "responsibility"
    #: the audit log's words for the actions recorded with these keys (inspection/labels.py)
    __audit_action_labels__ = {
        "recommendation.transfer": _l("Chuyển đơn vị chịu trách nhiệm"),
        "responsibility.progress": _l("Đơn vị báo cáo tiến độ"),
        "responsibility.return": _l("Trả lại báo cáo hoàn thành"),
    }
    #: actions recorded on another record that carry this model's fields (inspection/labels.py)
    __audit_actions__ = ("responsibility.", "recommendation.transfer")
    __table_args__ = (UniqueConstraint("recommendation_id", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(ForeignKey("recommendation.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    status: Mapped[UnitStatus] = enum_column(UnitStatus, default=UnitStatus.NOT_STARTED, index=True,
                                             info={"label": _l("Trạng thái")})
    reported_done_at: Mapped[datetime | None]
    #: set when the item came over from a dissolved or merged unit
    transferred_from_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    transfer_basis: Mapped[DocRef | None] = mapped_column(DocRefType(purposes.LEGAL_BASIS),
                                                          info={"label": _l("Căn cứ chuyển giao")})
    transferred_at: Mapped[datetime | None]

    recommendation: Mapped[Recommendation] = relationship(back_populates="responsibilities")
    unit: Mapped[Unit] = relationship(foreign_keys=[unit_id], info={"label": _l("Đơn vị")})
    transferred_from: Mapped[Unit | None] = relationship(foreign_keys=[transferred_from_id])
    actions: Mapped[list["FollowUpAction"]] = relationship(
        back_populates="responsibility", cascade="all, delete-orphan", order_by="FollowUpAction.id")


class FollowUpAction(db.Model):
    """Biện pháp khắc phục the unit plans: what, who, by when, how far along."""

    __tablename__ = "follow_up_action"
    #: the audit log's words for the actions recorded with these keys (inspection/labels.py)
    __audit_action_labels__ = {
        "action.add": _l("Thêm biện pháp khắc phục"),
        "action.update": _l("Cập nhật biện pháp khắc phục"),
    }
    #: actions recorded on another record that carry this model's fields (inspection/labels.py)
    __audit_actions__ = ("action.",)
    #: audit keys that are not columns (inspection/labels.py)
    __audit_labels__ = {"unit": Responsibility.unit}

    id: Mapped[int] = mapped_column(primary_key=True)
    responsibility_id: Mapped[int] = mapped_column(ForeignKey("responsibility.id", ondelete="CASCADE"), index=True)
    what: Mapped[str] = mapped_column(Text, info={"label": _l("Biện pháp")})
    who: Mapped[str | None] = mapped_column(String(255), info={"label": _l("Người thực hiện")})
    due: Mapped[date | None] = mapped_column(info={"label": _l("Hạn")})
    #: 0–100
    progress: Mapped[int] = mapped_column(default=0, info={"label": _l("Tiến độ (%)")})
    note: Mapped[str | None] = mapped_column(Text, info={"label": _l("Ghi chú")})
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    responsibility: Mapped[Responsibility] = relationship(back_populates="actions")

    __mapper_args__ = {"version_id_col": version}


#: Records of the features above that belong to one recommendation and speak for one unit (the answers'
#: messages, evidence and due-date changes): each has `recommendation_id` and `unit_id` and is audited under its
#: table name. The recommendation's history includes their entries, and a unit that has one has spoken on the
#: recommendation, so its share cannot be dropped. Declared by those features with `@recommendation_part`,
#: so findings need not know them.
RECOMMENDATION_PARTS: list[type] = []


def recommendation_part(model: type) -> type:
    RECOMMENDATION_PARTS.append(model)
    return model
