"""In-app notifications: always written; an e-mail copy goes out when SMTP is configured."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from inspection.auth.models import User
from inspection.enums import LabelledEnum, enum_column, register_labels
from inspection.extensions import db
from inspection.timeutil import utcnow


class NotificationKind(LabelledEnum):
    REMINDER = "reminder"
    ESCALATION = "escalation"
    DECISION = "decision"
    # a unit to the mission's team (and the council, for an extension request)
    ANSWER = "answer"
    EVIDENCE = "evidence"
    DONE = "done"
    EXTENSION = "extension"
    # the team (or the council) to the responsible units
    REPLY = "reply"
    VERDICT = "verdict"
    REOPENED = "reopened"
    RETURNED = "returned"
    DEADLINE = "deadline"
    ISSUED = "issued"


register_labels({
    NotificationKind.REMINDER: _l("Nhắc hạn"),
    NotificationKind.ESCALATION: _l("Báo cáo vượt cấp"),
    NotificationKind.DECISION: _l("Quyết định của Hội đồng"),
    NotificationKind.ANSWER: _l("Trao đổi của đơn vị"),
    NotificationKind.EVIDENCE: _l("Minh chứng mới"),
    NotificationKind.DONE: _l("Đơn vị báo cáo hoàn thành"),
    NotificationKind.EXTENSION: _l("Đề nghị gia hạn"),
    NotificationKind.REPLY: _l("Trao đổi của đoàn kiểm tra"),
    NotificationKind.VERDICT: _l("Kết quả xác minh"),
    NotificationKind.REOPENED: _l("Kiến nghị được mở lại"),
    NotificationKind.RETURNED: _l("Báo cáo hoàn thành bị trả lại"),
    NotificationKind.DEADLINE: _l("Quyết định về đề nghị gia hạn"),
    NotificationKind.ISSUED: _l("Kiến nghị mới"),
})

#: what a unit says about a recommendation: the desk counts these, while unread, as answers to read
ANSWER_KINDS = (NotificationKind.ANSWER, NotificationKind.EVIDENCE)


class Notification(db.Model):
    __tablename__ = "notification"
    __table_args__ = (Index("ix_notification_user_unread", "user_id", "read_at"),
                      Index("ix_notification_user_about", "user_id", "about_type", "about_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    kind: Mapped[NotificationKind] = enum_column(NotificationKind, info={"label": _l("Loại")})
    subject: Mapped[str] = mapped_column(String(255))
    body: Mapped[str] = mapped_column(Text)
    #: a path inside the portal ("/recommendations/12"), never an outside address
    link: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    read_at: Mapped[datetime | None]
    #: when the e-mail copy was handed to the SMTP server; None: in-app only or not sent
    emailed_at: Mapped[datetime | None]
    email_error: Mapped[str | None] = mapped_column(String(500))
    #: the record the notice is about ("recommendation", 12), named like an audit entry's target so this low
    #: layer knows no feature: opening that record's page marks the notice read, the desk counts by it
    about_type: Mapped[str | None] = mapped_column(String(40))
    about_id: Mapped[int | None]

    user: Mapped[User] = relationship()
