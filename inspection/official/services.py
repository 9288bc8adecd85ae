"""Drafting, regenerating, issuing and correcting official documents. Each takes the acting user and checks it,
records the change in the audit log, and leaves the one commit to its caller (a view, a job).

A draft is built from the subject's data on the day it is made and leaves number and day blank (DỰ THẢO).
Issuing checks the number (unique per issuing unit, type and year) and the day, builds the document again with
both, stores the files with their SHA-256 and freezes it (models.FROZEN): a correction is a new draft naming it."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from inspection import access, audit, rules
from inspection.access import Need
from inspection.extensions import db
from inspection.official import issuers, numbers, rendering
from inspection.official.access import can_draft
from inspection.official.kinds import KINDS, Kind, SubjectRef
from inspection.official.models import DOCUMENT_TRANSITIONS, DocumentStatus, OfficialDocument
from inspection.rules import RuleViolation
from inspection.timeutil import utcnow
from inspection.units.validity import require_existed, when_day


def kind_named(key: str) -> Kind:
    kind = KINDS.get(key or "")
    if kind is None:
        raise RuleViolation(_("Không có loại văn bản “%(kind)s”.", kind=key), field="kind")
    return kind


def load_subject(actor, kind: Kind, args: Mapping[str, str]):
    """The kind's subject, with the actor's access checked by the kind (403/404 propagate to the edge)."""
    try:
        return kind.load(actor, args)
    except ValueError as error:
        raise RuleViolation(str(error), field="args") from None


def create_draft(actor, kind_key: str, args: Mapping[str, str], *, folder: str, today: datetime.date,
                 replaces: OfficialDocument | None = None, progress=None) -> OfficialDocument:
    access.require(actor, can_draft)
    kind = kind_named(kind_key)
    subject = load_subject(actor, kind, args)
    profile = issuers.default_profile()
    document = OfficialDocument(kind=kind.key, type_code=kind.type_code, status=DocumentStatus.DRAFT,
                                issuer_unit_id=profile.unit_id, replaces_id=replaces.id if replaces else None,
                                created_by_id=getattr(actor, "id", None), created_at=utcnow())
    _describe(document, kind.describe(subject), args)
    _progress(progress, 1)
    files = rendering.render(kind.build(subject, today), profile, year=today.year, progress=progress,
                             replaces=rendering.replaces_text(replaces, str(kind.label)))
    rendering.attach(actor, document, files, folder, _base_name(document))
    db.session.add(document)
    db.session.flush()
    _record_draft(actor, document, replaces)
    return document


def _record_draft(actor, document: OfficialDocument, replaces: OfficialDocument | None) -> None:
    if replaces is None:
        audit.record(actor, "official.draft", document, audit.text("Tạo dự thảo “%(title)s”", title=document.title),
                     after=_snapshot(document))
        return
    audit.record(actor, "official.correct", document,
                 audit.text("Tạo dự thảo “%(title)s” thay thế văn bản số %(ref)s", title=document.title,
                            ref=replaces.reference), after=_snapshot(document))


def regenerate(actor, document: OfficialDocument, *, folder: str, today: datetime.date, version) -> None:
    """Build a draft again from today's data (after the records it shows were corrected)."""
    access.check(actor, document, Need.EDIT)
    _require_draft(document)
    rules.require_version(document, version, {})
    kind = kind_named(document.kind)
    subject = load_subject(actor, kind, document.args)
    before = _snapshot(document)
    _describe(document, kind.describe(subject), document.args)
    files = rendering.render(kind.build(subject, today), issuers.profile_of(document.issuer_unit_id),
                             year=today.year, replaces=rendering.replaces_text(document.replaces, str(kind.label)))
    rendering.attach(actor, document, files, folder, _base_name(document))
    audit.record(actor, "official.regenerate", document, audit.text("Tạo lại dự thảo “%(title)s”",
                                                                    title=document.title),
                 before=before, after=_snapshot(document))


def issue(actor, document: OfficialDocument, *, number: int, issued_on: datetime.date, folder: str,
          today: datetime.date, version) -> None:
    access.check(actor, document, Need.DECIDE)
    rules.require_version(document, version, {})
    DOCUMENT_TRANSITIONS.check(document.status, DocumentStatus.ISSUED, field=None)
    profile = issuers.profile_of(document.issuer_unit_id)
    _check_day(document, issued_on, today)
    numbers.require_free(document, number, issued_on.year, profile.symbol)
    before = _snapshot(document)
    kind = kind_named(document.kind)
    subject = load_subject(actor, kind, document.args)
    files = rendering.render(kind.build(subject, issued_on), profile, year=issued_on.year, number=number,
                             issued_on=issued_on, replaces=rendering.replaces_text(document.replaces, str(kind.label)))
    document.reference = numbers.reference(number, document.type_code, profile.symbol)
    rendering.attach(actor, document, files, folder, _base_name(document))
    _claim_number(document, number, issued_on, profile.symbol, actor)
    audit.record(actor, "official.issue", document,
                 audit.text("Ban hành văn bản số %(ref)s ngày %(day)s: “%(title)s”", ref=document.reference,
                            day=issued_on.strftime("%d/%m/%Y"), title=document.title),
                 before=before, after=_snapshot(document) | {"docx_sha256": document.docx.sha256,
                                                             "pdf_sha256": document.pdf.sha256})


def correct(actor, document: OfficialDocument, *, folder: str, today: datetime.date) -> OfficialDocument:
    """A new draft of the same kind and subject that names the issued `document` it replaces."""
    access.check(actor, document, Need.EDIT)
    if not document.is_issued:
        raise RuleViolation(_("Chỉ văn bản đã ban hành mới cần văn bản thay thế; dự thảo thì tạo lại hoặc sửa "
                              "trực tiếp."))
    return create_draft(actor, document.kind, document.args, folder=folder, today=today, replaces=document)


def _claim_number(document: OfficialDocument, number: int, issued_on: datetime.date, symbol: str, actor) -> None:
    """Write the number and flush it with the issued files: a parallel issue of the same number waits on the
    unique index (or fails there) and is refused with the number named, never with a 500."""
    db.session.flush()  # everything else first: begin_nested() would flush it outside the savepoint
    try:
        with db.session.begin_nested():
            document.number, document.number_year, document.issued_on = number, issued_on.year, issued_on
            document.status, document.issued_by_id, document.issued_at = DocumentStatus.ISSUED, actor.id, utcnow()
            db.session.flush()
    except IntegrityError:
        raise numbers.taken_refusal(document, number, issued_on.year, symbol) from None


def _check_day(document: OfficialDocument, day: datetime.date, today: datetime.date) -> None:
    """Like other document dates: not after today, and the issuing unit existed that day."""
    if day > today:
        raise RuleViolation(_("Ngày ban hành không được sau hôm nay (%(today)s).",
                              today=today.strftime("%d/%m/%Y")), field="issued_on")
    require_existed(document.issuer_unit, day, field="issued_on", when=when_day(day))


def _require_draft(document: OfficialDocument) -> None:
    if document.is_issued:
        raise RuleViolation(_("Văn bản đã ban hành không thay đổi được; hãy tạo văn bản thay thế."))


def _describe(document: OfficialDocument, ref: SubjectRef, args: Mapping[str, str]) -> None:
    document.subject_type, document.subject_id, document.unit_id = ref.subject_type, ref.subject_id, ref.unit_id
    document.title, document.year = ref.title[:500], ref.year
    document.args = {str(key): str(value) for key, value in (ref.args or args).items()}


def _base_name(document: OfficialDocument) -> str:
    """The download's name: "TB 05-HĐTĐKT 2026 – title" once issued, "Dự thảo – title" before."""
    prefix = document.reference.replace("/", " ") if document.reference else _("Dự thảo")
    return f"{prefix} – {document.title}"[:150]


def _snapshot(document: OfficialDocument) -> dict:
    # the kind is not in it: it never changes, and the page and the summary line name it in words
    return audit.changes(document, ("title", "status", "reference", "issued_on", "year"))


def _progress(progress, done: int) -> None:
    if progress is not None:
        progress(done, 3)
