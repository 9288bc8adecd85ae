"""Uploaded files waiting for confirmation, stored under a random hex token.
Request-free: the caller passes the folder (instance/imports). A token is checked as hex before any path is built."""

import contextlib
import json
import os
import re
import secrets
import time
from dataclasses import dataclass

from flask_babel import gettext as _

from inspection.rules import RuleViolation

TOKEN_PATTERN = re.compile(r"[0-9a-f]{32}")
#: uploads never confirmed are removed after this many seconds
MAX_AGE_SECONDS = 24 * 3600


@dataclass
class StoredImport:
    token: str
    kind: str
    filename: str
    user_id: int | None
    digest: str
    data: bytes


def save(folder: str, *, data: bytes, kind: str, filename: str, user_id: int | None, digest: str) -> str:
    os.makedirs(folder, mode=0o700, exist_ok=True)
    purge(folder)
    token = secrets.token_hex(16)
    with open(_path(folder, token, "upload"), "xb") as handle:
        handle.write(data)
    _write_meta(folder, StoredImport(token, kind, filename, user_id, digest, data))
    return token


def load(folder: str, token: str | None, user_id: int | None) -> StoredImport:
    """The stored upload; RuleViolation when the token is malformed, unknown, expired or someone else's."""
    gone = RuleViolation(_("Tệp đã tải lên không còn (đã nhập, đã quá hạn hoặc không hợp lệ). "
                           "Vui lòng tải tệp lên lại."))
    if not isinstance(token, str) or not TOKEN_PATTERN.fullmatch(token):
        raise gone
    try:
        with open(_path(folder, token, "json"), encoding="utf-8") as handle:
            meta = json.load(handle)
        with open(_path(folder, token, "upload"), "rb") as handle:
            data = handle.read()
    except (OSError, ValueError):
        raise gone from None
    if meta.get("user_id") != user_id:
        raise gone
    return StoredImport(token, meta["kind"], meta["filename"], meta["user_id"], meta["digest"], data)


def update_digest(folder: str, stored: StoredImport, digest: str) -> None:
    stored.digest = digest
    _write_meta(folder, stored)


def discard(folder: str, token: str) -> None:
    if not TOKEN_PATTERN.fullmatch(token):
        return
    for suffix in ("upload", "json"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(_path(folder, token, suffix))


def purge(folder: str, now: float | None = None) -> None:
    """Remove uploads older than MAX_AGE_SECONDS (nobody will confirm them any more)."""
    limit = (now or time.time()) - MAX_AGE_SECONDS
    expired = set()
    for entry in os.scandir(folder):
        token = entry.name.split(".", 1)[0]
        with contextlib.suppress(FileNotFoundError):  # another request may be purging too
            if TOKEN_PATTERN.fullmatch(token) and entry.stat().st_mtime < limit:
                expired.add(token)
    for token in expired:
        discard(folder, token)


def _write_meta(folder: str, stored: StoredImport) -> None:
    meta = {"kind": stored.kind, "filename": stored.filename, "user_id": stored.user_id, "digest": stored.digest}
    with open(_path(folder, stored.token, "json"), "w", encoding="utf-8") as handle:
        json.dump(meta, handle, ensure_ascii=False)


def _path(folder: str, token: str, suffix: str) -> str:
    return os.path.join(folder, f"{token}.{suffix}")
