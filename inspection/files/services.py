"""Storing uploads: size limit, type from the content, random name under instance/files, SHA-256."""

import contextlib
import hashlib
import os
import secrets

from flask_babel import gettext as _

from inspection.extensions import db
from inspection.files import zipguard
from inspection.files.models import StoredFile
from inspection.files.names import clean_file_name
from inspection.files.sniff import EVIDENCE_TYPES, EXTENSIONS, detect_type
from inspection.rules import RuleViolation

CHUNK = 1024 * 1024


def store_upload(actor, upload, *, folder: str, max_bytes: int, field: str = "file",
                 allowed_types: frozenset[str] = EVIDENCE_TYPES) -> StoredFile:
    """Check and keep an uploaded file (a werkzeug FileStorage); RuleViolation when it is refused.
    `folder` is the storage folder (instance/files): services do not reach for the app config (the ZIP bounds,
    a server-wide safety setting, are read by zipguard itself)."""
    data = _read_limited(upload.stream, max_bytes, field)
    content_type = _content_type(data, _display_name(upload), field)
    if content_type not in allowed_types:
        raise RuleViolation(_("Tệp “%(name)s” không phải PDF, Word, Excel hay ảnh (kiểm tra theo nội dung tệp, "
                              "không theo tên).", name=_display_name(upload)), field=field)
    return store_bytes(actor, data, _display_name(upload), folder=folder, content_type=content_type,
                       extension=EXTENSIONS[content_type])


def store_bytes(actor, data: bytes, name: str, *, folder: str, content_type: str, extension: str) -> StoredFile:
    """Keep bytes already checked by the caller (type, size) under a random name, with their SHA-256."""
    stored_name = f"{secrets.token_hex(16)}.{extension}"
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, stored_name), "xb") as target:
        target.write(data)
    stored = StoredFile(original_name=name, stored_name=stored_name, size=len(data),
                        sha256=hashlib.sha256(data).hexdigest(), content_type=content_type,
                        uploaded_by_id=getattr(actor, "id", None))
    db.session.add(stored)
    db.session.flush()
    return stored


def delete_stored(folder: str, stored: StoredFile) -> None:
    """Forget a file the portal no longer needs: its row now, its bytes at once (a missing file is no error)."""
    db.session.delete(stored)
    with contextlib.suppress(FileNotFoundError):
        os.remove(stored_path(folder, stored))


def _read_limited(stream, max_bytes: int, field: str) -> bytes:
    chunks, total = [], 0
    while chunk := stream.read(CHUNK):
        total += len(chunk)
        if total > max_bytes:
            raise RuleViolation(_("Tệp vượt quá dung lượng cho phép (%(mb)s MB).", mb=max_bytes // (1024 * 1024)),
                                field=field)
        chunks.append(chunk)
    if total == 0:
        raise RuleViolation(_("Tệp rỗng."), field=field)
    return b"".join(chunks)


def _content_type(data: bytes, name: str, field: str) -> str | None:
    try:
        return detect_type(data[:16], data)
    except zipguard.UnsafeArchive as error:
        raise RuleViolation(zipguard.refusal(name, error), field=field) from None


def _display_name(upload) -> str:
    """The user's file name, kept for display and downloads only (never used as a path)."""
    return clean_file_name(upload.filename, "tep")


def stored_path(folder: str, stored: StoredFile) -> str:
    return os.path.join(folder, stored.stored_name)
