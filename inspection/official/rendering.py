"""A document's files: the kind's content composed with the issuer's settings, written as Word
(documents/official/docx.py) and converted to PDF by LibreOffice (documents/official/pdf.py), kept in the file
store with their SHA-256, and read back only when the bytes still match that hash."""

from __future__ import annotations

import datetime
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import event
from sqlalchemy.orm import Session

from inspection.documents.issuer_profiles import IssuerProfile
from inspection.documents.official import docx, pdf
from inspection.documents.official.model import Content, OfficialDoc, compose
from inspection.extensions import db
from inspection.files.models import StoredFile
from inspection.files.services import store_bytes, stored_path
from inspection.formatting import vn_date
from inspection.official import issuers
from inspection.official.models import OfficialDocument
from inspection.rules import RuleViolation

DOCX_MIMETYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_MIMETYPE = "application/pdf"
_REMOVE = "official.files_to_remove"

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Files:
    docx: bytes
    pdf: bytes


def render(content: Content, profile: IssuerProfile, *, year: int, number: int | None = None,
           issued_on: datetime.date | None = None, replaces: str = "", progress: Progress | None = None) -> Files:
    """The .docx and its PDF; a draft when `number` and `issued_on` are None."""
    word = docx.to_docx(official_doc(content, profile, year=year, number=number, issued_on=issued_on,
                                     replaces=replaces))
    _step(progress, 2)
    try:
        converted = pdf.to_pdf(word)
    except pdf.ConversionError as error:
        raise RuleViolation(str(error)) from None
    _step(progress, 3)
    return Files(docx=word, pdf=converted)


def official_doc(content: Content, profile: IssuerProfile, *, year: int, number: int | None = None,
                 issued_on: datetime.date | None = None, replaces: str = "") -> OfficialDoc:
    """The content with the issuing unit's part: heading, signing block, its own recipients and archive."""
    return compose(content, issuer=issuers.issuer(profile), signers=issuers.signers(profile),
                   archive=profile.archive, year=year, number=number, issued_on=issued_on, replaces=replaces,
                   extra_recipients=profile.recipient_lines)


def _step(progress: Progress | None, done: int) -> None:
    if progress is not None:
        progress(done, 3)


def replaces_text(old: OfficialDocument | None, label: str) -> str:
    """"Văn bản này thay thế Thông báo kết luận kiểm tra số 05/TB-HĐTĐKT ngày 12/01/2026." """
    if old is None:
        return ""
    return _("Văn bản này thay thế %(kind)s số %(ref)s ngày %(day)s.", kind=label, ref=old.reference,
             day=vn_date(old.issued_on))


def attach(actor, document: OfficialDocument, files: Files, folder: str, base_name: str) -> None:
    """Keep both files and point the document at them; a draft's earlier files go once the request commits."""
    old = [stored for stored in (document.docx, document.pdf) if stored is not None]
    document.docx = store_bytes(actor, files.docx, f"{base_name}.docx", folder=folder,
                                content_type=DOCX_MIMETYPE, extension="docx")
    document.pdf = store_bytes(actor, files.pdf, f"{base_name}.pdf", folder=folder,
                               content_type=PDF_MIMETYPE, extension="pdf")
    for stored in old:
        _remove_after_commit(folder, stored)


def _remove_after_commit(folder: str, stored: StoredFile) -> None:
    db.session.delete(stored)
    db.session.info.setdefault(_REMOVE, []).append(stored_path(folder, stored))


@event.listens_for(Session, "after_commit")
def _remove_replaced_files(session: Session) -> None:
    for path in session.info.pop(_REMOVE, []):
        if os.path.exists(path):
            os.remove(path)


@event.listens_for(Session, "after_soft_rollback")
def _keep_files(session: Session, _previous_transaction) -> None:
    session.info.pop(_REMOVE, None)


def read_checked(folder: str, stored: StoredFile) -> bytes:
    """The stored bytes, refused when they no longer match the SHA-256 recorded when they were written."""
    try:
        with open(stored_path(folder, stored), "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise RuleViolation(_("Không tìm thấy tệp lưu trữ của văn bản; hãy báo quản trị viên.")) from None
    if hashlib.sha256(data).hexdigest() != stored.sha256:
        raise RuleViolation(_("Tệp lưu trữ của văn bản không còn khớp mã SHA-256 đã ghi khi lưu, nên không được tải "
                              "về; hãy báo quản trị viên."))
    return data
