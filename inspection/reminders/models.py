"""The daily reminder ledger that makes `flask reminders send` idempotent: one dispatch per person per day."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from inspection.extensions import db
from inspection.timeutil import utcnow


class ReminderDispatch(db.Model):
    """One row per person and day on which reminders were sent: the second run of a day finds it."""

    __tablename__ = "reminder_dispatch"
    __table_args__ = (UniqueConstraint("user_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    day: Mapped[date] = mapped_column(index=True)
    item_count: Mapped[int] = mapped_column(default=0)
    notification_id: Mapped[int | None] = mapped_column(ForeignKey("notification.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
