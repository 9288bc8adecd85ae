"""Review sessions of the council (phiên họp Hội đồng Thi đua – Khen thưởng): the items on the agenda and
the decision taken on each. A decision is applied through the findings and responses services, so it
moves the recommendation through its normal transitions and lands in its history."""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from inspection.auth.models import User
from inspection.documents import purposes
from inspection.documents.columns import DocRefType
from inspection.documents.refs import DocRef
from inspection.enums import LabelledEnum, enum_column, register_labels
from inspection.extensions import db
from inspection.findings.models import Recommendation
from inspection.missions.models import Mission
from inspection.timeutil import utcnow
from inspection.workflow import Transitions


class SessionStatus(LabelledEnum):
    OPEN = "open"
    CLOSED = "closed"


class ItemReason(LabelledEnum):
    """Why an item is on the agenda; proposals are ranked in this order."""

    EXTENSION_PENDING = "extension_pending"
    ESCALATED = "escalated"
    DEFERRED = "deferred"
    OVERDUE = "overdue"
    ADDED = "added"


class Decision(LabelledEnum):
    PENDING = "pending"
    ACCEPT = "accept"
    EXTEND = "extend"
    ESCALATE = "escalate"
    OVERTAKEN = "overtaken"
    REINSPECT = "reinspect"
    DEFER = "defer"


register_labels({
    SessionStatus.OPEN: _l("Đang họp"),
    SessionStatus.CLOSED: _l("Đã kết thúc"),
    ItemReason.EXTENSION_PENDING: _l("Có đề nghị gia hạn chờ quyết định"),
    ItemReason.ESCALATED: _l("Đã báo cáo cơ quan cấp trên"),
    ItemReason.DEFERRED: _l("Hoãn từ phiên họp trước"),
    ItemReason.OVERDUE: _l("Quá hạn"),
    ItemReason.ADDED: _l("Hội đồng bổ sung"),
    Decision.PENDING: _l("Chưa quyết định"),
    Decision.ACCEPT: _l("Chấp nhận kết quả khắc phục"),
    Decision.EXTEND: _l("Gia hạn"),
    Decision.ESCALATE: _l("Báo cáo cơ quan quản lý cấp trên"),
    Decision.OVERTAKEN: _l("Kết thúc do không còn phù hợp"),
    Decision.REINSPECT: _l("Kiểm tra lại"),
    Decision.DEFER: _l("Hoãn sang phiên sau"),
})

SESSION_TRANSITIONS = Transitions({SessionStatus.OPEN: {SessionStatus.CLOSED}})

#: a decision is final; a different view later is taken in a later session
DECISION_TRANSITIONS = Transitions({Decision.PENDING: set(Decision) - {Decision.PENDING}})


class ReviewSession(db.Model):
    __tablename__ = "review_session"
    #: the audit log's words for the actions recorded with these keys (inspection/labels.py)
    __audit_action_labels__ = {
        "council.open": _l("Mở phiên họp"),
        "council.close": _l("Kết thúc phiên họp"),
    }
    #: what the audit log calls a record of this table
    __audit_name__ = _l("Phiên họp Hội đồng")

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(500), info={"label": _l("Tiêu đề")})
    held_on: Mapped[date] = mapped_column(index=True, info={"label": _l("Ngày làm việc")})
    place: Mapped[str | None] = mapped_column(String(255), info={"label": _l("Địa điểm")})
    chaired_by: Mapped[str | None] = mapped_column(String(255), info={"label": _l("Chủ trì")})
    #: one participant a line: "Họ tên – chức vụ"
    participants: Mapped[str] = mapped_column(Text, info={"label": _l("Thành phần tham dự")})
    #: proposals: open items overdue by more than this many days
    overdue_days: Mapped[int] = mapped_column(default=30, info={"label": _l("Đề xuất kiến nghị quá hạn trên (ngày)")})
    status: Mapped[SessionStatus] = enum_column(SessionStatus, default=SessionStatus.OPEN, index=True,
                                                info={"label": _l("Trạng thái")})
    minutes_ref: Mapped[DocRef | None] = mapped_column(DocRefType(purposes.MINUTES), info={"label": _l("Biên bản")})
    conclusion: Mapped[str | None] = mapped_column(Text, info={"label": _l("Kết luận chung")})
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(default=1)

    created_by: Mapped[User | None] = relationship()
    items: Mapped[list["ReviewItem"]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="ReviewItem.position")

    __mapper_args__ = {"version_id_col": version}

    @property
    def participant_lines(self) -> list[str]:
        return [line.strip() for line in self.participants.splitlines() if line.strip()]


class ReviewItem(db.Model):
    __tablename__ = "review_item"
    #: the audit log's words for the actions recorded with these keys (inspection/labels.py)
    __audit_action_labels__ = {
        "council.agenda": _l("Đưa vào phiên họp Hội đồng"),
        "council.agenda_add": _l("Thêm kiến nghị vào phiên họp"),
        "council.agenda_remove": _l("Bỏ kiến nghị khỏi phiên họp"),
        "council.decide": _l("Hội đồng quyết định"),
    }
    #: actions recorded on another record that carry this model's fields (inspection/labels.py)
    __audit_actions__ = ("council.decide",)
    #: audit keys that are not columns (inspection/labels.py)
    __audit_labels__ = {"current_due": Recommendation.current_due, "mission": _l("Đoàn")}
    __table_args__ = (UniqueConstraint("session_id", "recommendation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("review_session.id", ondelete="CASCADE"), index=True)
    recommendation_id: Mapped[int] = mapped_column(ForeignKey("recommendation.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    reason: Mapped[ItemReason] = enum_column(ItemReason, info={"label": _l("Lý do")})
    #: how overdue the item was when put on the agenda (for the minutes)
    days_overdue: Mapped[int | None]
    decision: Mapped[Decision] = enum_column(Decision, default=Decision.PENDING, index=True,
                                           info={"label": _l("Quyết định")})
    decision_note: Mapped[str | None] = mapped_column(Text, info={"label": _l("Ý kiến quyết định")})
    new_due: Mapped[date | None]
    reinspection_mission_id: Mapped[int | None] = mapped_column(ForeignKey("mission.id"))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    decided_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(default=1)

    session: Mapped[ReviewSession] = relationship(back_populates="items")
    recommendation: Mapped[Recommendation] = relationship()
    reinspection_mission: Mapped[Mission | None] = relationship()
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])

    __mapper_args__ = {"version_id_col": version}
