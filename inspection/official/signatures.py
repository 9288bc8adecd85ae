"""Signing an issued document's PDF with its issuing unit's certificate, and what the page says about it.

The issued files never change (models.FROZEN): signing stores a third file, the signed PDF (PAdES, an
incremental update of the issued PDF, so its first bytes are the issued PDF's), once. The page checks the stored
signed file each time it is shown: a file changed on disk reads "Văn bản đã bị thay đổi sau khi ký"."""

from __future__ import annotations

from flask_babel import gettext as _

from inspection import access, audit
from inspection.access import Need
from inspection.documents.official.signing import SignatureCheck, certificate_for, check_pdf, sign_pdf
from inspection.files.services import store_bytes
from inspection.official import issuers, rendering
from inspection.official.models import OfficialDocument
from inspection.rules import RuleViolation
from inspection.timeutil import utcnow


def sign(actor, document: OfficialDocument, *, folder: str) -> None:
    access.check(actor, document, Need.DECIDE)
    _require_signable(document)
    certificate = certificate_for(document.issuer_unit.code)
    if certificate is None:
        raise RuleViolation(_("Chưa cấu hình chứng thư số cho %(unit)s (thiết lập SIGNING_CERTIFICATES): hãy báo "
                              "quản trị viên.", unit=document.issuer_unit.name))
    profile = issuers.profile_of(document.issuer_unit_id)
    signed = sign_pdf(rendering.read_checked(folder, document.pdf), certificate,
                      reason=_("Ban hành văn bản số %(ref)s", ref=document.reference), location=profile.place,
                      signer_name=profile.signer_name)
    document.signed_pdf = store_bytes(actor, signed, f"{document.pdf.original_name[:-4]}-ky-so.pdf", folder=folder,
                                      content_type=rendering.PDF_MIMETYPE, extension="pdf")
    document.signed_by_id, document.signed_at = getattr(actor, "id", None), utcnow()
    audit.record(actor, "official.sign", document,
                 audit.text("Ký số văn bản số %(ref)s", ref=document.reference),
                 after={"signed_pdf_sha256": document.signed_pdf.sha256})


def _require_signable(document: OfficialDocument) -> None:
    if not document.is_issued:
        raise RuleViolation(_("Chỉ ký số văn bản đã ban hành (đã có số và ngày)."))
    if document.signed_pdf_id is not None:
        raise RuleViolation(_("Văn bản này đã được ký số."))


def status(document: OfficialDocument, folder: str) -> SignatureCheck | None:
    """The stored signed PDF checked now; None while the document is not signed."""
    if document.signed_pdf is None:
        return None
    try:
        return check_pdf(rendering.read_checked(folder, document.signed_pdf))
    except RuleViolation as violation:  # the file is gone or no longer matches its SHA-256
        return SignatureCheck(signed=True, intact=False, valid=False, trusted=False, signer_name="",
                              signed_at=None, test=False, message=violation.message)
