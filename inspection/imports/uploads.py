"""Import files between their preview and their confirmation: the bytes once in the file store (with their
SHA-256), an ImportUpload row for the kind, the owner and the previewed plan's fingerprint. Request-free: the
caller passes the file store's folder. Nothing here commits."""

import hashlib
import os
import re
import secrets
from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import select, update

from inspection.extensions import db
from inspection.files.services import delete_stored, store_bytes, stored_path
from inspection.files.sniff import XLSX
from inspection.imports.models import ImportUpload, UploadStatus
from inspection.rules import RuleViolation
from inspection.timeutil import utcnow

TOKEN_PATTERN = re.compile(r"[0-9a-f]{32}")
#: uploads never confirmed are removed after this long
MAX_AGE = timedelta(hours=24)
#: what the file store records of an import file (its reader checks the content itself)
STORED_TYPES = {".xlsx": (XLSX, "xlsx"), ".csv": ("text/csv", "csv")}


def gone() -> RuleViolation:
    return RuleViolation(_("Tệp đã tải lên không còn (đã nhập, đã quá hạn hoặc không hợp lệ). "
                           "Vui lòng tải tệp lên lại."))


def save(actor, kind: str, data: bytes, filename: str, folder: str) -> ImportUpload:
    """Keep the file for its preview and confirmation (uploads older than MAX_AGE are removed first)."""
    purge(folder)
    content_type, extension = STORED_TYPES.get(os.path.splitext(filename)[1].lower(), ("application/octet-stream",
                                                                                       "bin"))
    stored = store_bytes(actor, data, filename, folder=folder, content_type=content_type, extension=extension)
    upload = ImportUpload(token=secrets.token_hex(16), kind=kind, file=stored, user_id=getattr(actor, "id", None))
    db.session.add(upload)
    db.session.flush()
    return upload


def by_token(actor, token: str | None) -> ImportUpload:
    """The actor's upload carrying this token; `gone()` when the token is malformed, unknown or someone else's."""
    if not isinstance(token, str) or not TOKEN_PATTERN.fullmatch(token):
        raise gone()
    return _owned(actor, db.session.scalar(select(ImportUpload).where(ImportUpload.token == token)))


def get(actor, upload_id: int, kind: str) -> ImportUpload:
    upload = _owned(actor, db.session.get(ImportUpload, upload_id))
    if upload.kind != kind:
        raise gone()
    return upload


def _owned(actor, upload: ImportUpload | None) -> ImportUpload:
    if upload is None or upload.user_id != getattr(actor, "id", None):
        raise gone()
    return upload


def read(upload: ImportUpload, folder: str) -> bytes:
    """The bytes as they were uploaded: a file changed on disk since is refused."""
    try:
        with open(stored_path(folder, upload.file), "rb") as handle:
            data = handle.read()
    except OSError:
        raise gone() from None
    if hashlib.sha256(data).hexdigest() != upload.file.sha256:
        raise RuleViolation(_("Tệp đã tải lên bị thay đổi sau khi tải lên; chưa ghi gì. Vui lòng tải tệp lên lại."))
    return data


def require_previewed(upload: ImportUpload) -> None:
    """Only a previewed upload may be confirmed (checked without writing: the claim comes later)."""
    if upload.status != UploadStatus.PREVIEWED:
        raise gone()


def claim(upload: ImportUpload) -> None:
    """Mark a previewed upload as being written, once: a second confirmation (a double click, a parallel request)
    finds it claimed, or waits for the first transaction and finds it gone, and is refused."""
    result = db.session.execute(
        update(ImportUpload).where(ImportUpload.id == upload.id, ImportUpload.status == UploadStatus.PREVIEWED)
        .values(status=UploadStatus.APPLYING).execution_options(synchronize_session=False))
    if result.rowcount != 1:
        raise gone()
    db.session.refresh(upload)


def previewed(upload: ImportUpload, digest: str) -> None:
    """The preview found something to write and no error: the upload may be confirmed against `digest`."""
    upload.digest, upload.status = digest, UploadStatus.PREVIEWED


def discard(upload: ImportUpload, folder: str) -> None:
    stored = upload.file
    db.session.delete(upload)
    db.session.flush()
    delete_stored(folder, stored)
    db.session.flush()


def purge(folder: str, now=None) -> int:
    """Remove uploads older than MAX_AGE (nobody will confirm them any more); how many were removed."""
    limit = (now or utcnow()) - MAX_AGE
    expired = db.session.scalars(select(ImportUpload).where(ImportUpload.created_at < limit)).all()
    for upload in expired:
        discard(upload, folder)
    return len(expired)
