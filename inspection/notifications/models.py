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


register_labels({
    NotificationKind.REMINDER: _l("Nhắc hạn"),
    NotificationKind.ESCALATION: _l("Báo cáo vượt cấp"),
    NotificationKind.DECISION: _l("Quyết định của Hội đồng"),
})


class Notification(db.Model):
    __tablename__ = "notification"
    __table_args__ = (Index("ix_notification_user_unread", "user_id", "read_at"),)

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

    user: Mapped[User] = relationship()
