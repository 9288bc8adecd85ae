"""Filters a user saved by name for a list page (the recommendation register, the dossier registry…)."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from inspection.extensions import db
from inspection.timeutil import utcnow


class SavedFilter(db.Model):
    __tablename__ = "saved_filter"
    __table_args__ = (UniqueConstraint("user_id", "list_name", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    #: which list: "register"
    list_name: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(120))
    #: the list's query string, without page number
    query_string: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
