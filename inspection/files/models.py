"""Uploaded files, stored under instance/ with a random name and their SHA-256."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import BigInteger, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from inspection.extensions import db
from inspection.timeutil import utcnow


class StoredFile(db.Model):
    __tablename__ = "stored_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the name the user's file had; shown and offered on download, never used as a path
    original_name: Mapped[str] = mapped_column(String(255))
    #: random name under instance/files/
    stored_name: Mapped[str] = mapped_column(String(80), unique=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True, info={"label": _l("SHA-256")})
    size: Mapped[int] = mapped_column(BigInteger)
    #: the type detected from the content ("application/pdf"), not the name
    content_type: Mapped[str] = mapped_column(String(120))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)
