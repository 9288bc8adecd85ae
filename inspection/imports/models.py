"""An uploaded import file between its preview and its confirmation. The bytes live once in the file store
(files.StoredFile, with their SHA-256); this row says whose upload it is, of which kind, and which plan the
preview showed (`digest`), so that the confirmation re-reads the same bytes and refuses a stale preview."""

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from inspection.enums import enum_column
from inspection.extensions import db
from inspection.files.models import StoredFile
from inspection.timeutil import utcnow


class UploadStatus(enum.StrEnum):
    #: stored, not yet previewed (a preview job may be waiting)
    UPLOADED = "uploaded"
    #: previewed without an error, something to write: it may be confirmed
    PREVIEWED = "previewed"
    #: claimed by a confirmation that is writing it (a second confirmation is refused)
    APPLYING = "applying"


class ImportUpload(db.Model):
    __tablename__ = "import_upload"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: random hex carried by the confirmation form (never the id: it cannot be guessed)
    token: Mapped[str] = mapped_column(String(32), unique=True)
    #: the import kind's name ("units", "groups", "dossiers")
    kind: Mapped[str] = mapped_column(String(40))
    file_id: Mapped[int] = mapped_column(ForeignKey("stored_file.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    status: Mapped[UploadStatus] = enum_column(UploadStatus, default=UploadStatus.UPLOADED)
    #: the fingerprint of what the preview said would be written
    digest: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    file: Mapped[StoredFile] = relationship()
