"""Checking the signatures of a stored PDF: is it signed, unchanged since, by whom, when, trusted?

Every signature in the file is validated (pyHanko); the file counts as valid only when all are intact,
cryptographically valid and cover the document as it is (nothing added after them but further signatures). A
signature made without a timestamp authority (PAdES B-B) carries only the signer's own clock: the chain is
judged at that time, so a document stays valid after its certificate expires, as on paper.
"""

from __future__ import annotations

import datetime
import io
import logging
from dataclasses import dataclass, replace

from cryptography import x509
from flask_babel import gettext as _
from pyhanko.keys.internal import translate_pyca_cryptography_cert_to_asn1 as cert_asn1
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko_certvalidator import ValidationContext

from inspection.documents.official.signing.certificates import common_name, trust_roots
from inspection.documents.official.signing.loopfree import run_outside_loop
from inspection.documents.official.signing.sign import KEY_USAGE
from inspection.documents.official.signing.testcerts import is_test_name
from inspection.timeutil import to_vietnam_time

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SignatureCheck:
    signed: bool
    #: the signed bytes are unchanged (and nothing but signatures was added after)
    intact: bool
    #: intact and every signature is cryptographically valid
    valid: bool
    #: valid and the signer's certificate chains to a configured trust root (SIGNING_TRUST_ROOTS, SIGNING_DEMO_ROOT)
    trusted: bool
    #: the last signature's certificate subject (its CN)
    signer_name: str = ""
    #: the last signature's signing time as the signer reported it, naive UTC like the portal's stored times
    signed_at: datetime.datetime | None = None
    #: the certificate is a TEST one (marked so in its subject or its issuer's)
    test: bool = False
    #: one line in Vietnamese for the document page
    message: str = ""


def check_pdf(pdf: bytes) -> SignatureCheck:
    try:
        signatures = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures
    except Exception:  # an untrusted file: whatever breaks the reader, the answer is "cannot be checked"
        log.info("signature check: unreadable PDF", exc_info=True)
        return SignatureCheck(False, False, False, False, message=_("Không đọc được tệp PDF để kiểm tra chữ ký số."))
    if not signatures:
        return SignatureCheck(False, False, False, False, message=_("Chưa ký số"))
    roots = [cert_asn1(root) for root in trust_roots()]
    results = [_validate(signature, roots) for signature in signatures]
    return _summary(results, signatures[-1])


def _validate(signature, roots) -> tuple[bool, bool, bool]:
    """(intact, valid, trusted) of one signature."""
    try:
        context = ValidationContext(trust_roots=roots, moment=signature.self_reported_timestamp,
                                    allow_fetching=False, revocation_mode="soft-fail")
        status = run_outside_loop(validate_pdf_signature, signature, context, key_usage_settings=KeyUsageConstraints(
            key_usage=KEY_USAGE, match_all_key_usages=False))
    except Exception:  # a damaged or forged signature object must read as "changed", never as a server error
        log.info("signature check: signature cannot be validated", exc_info=True)
        return False, False, False
    # docmdp_ok: what was added after the signature is what its policy allows (more signatures, form filling);
    # a changed page is not
    intact = status.intact and bool(status.docmdp_ok)
    valid = intact and status.valid
    return intact, valid, valid and status.trusted


def _summary(results, last) -> SignatureCheck:
    intact = all(result[0] for result in results)
    valid = all(result[1] for result in results)
    trusted = all(result[2] for result in results)
    name, signed_at, test = _signer(last)
    check = SignatureCheck(True, intact, valid, trusted, signer_name=name, signed_at=signed_at, test=test)
    return replace(check, message=_message(check))


def _signer(signature) -> tuple[str, datetime.datetime | None, bool]:
    try:
        certificate = _cryptography_cert(signature.signer_cert)
        moment = signature.self_reported_timestamp
    except Exception:
        log.info("signature check: no signer certificate", exc_info=True)
        return "", None, False
    signed_at = moment.astimezone(datetime.UTC).replace(tzinfo=None) if moment else None
    test = is_test_name(certificate.subject) or is_test_name(certificate.issuer)
    return common_name(certificate.subject), signed_at, test


def _cryptography_cert(certificate):
    return x509.load_der_x509_certificate(certificate.dump())


def _message(check: SignatureCheck) -> str:
    if not check.intact:
        return _("Văn bản đã bị thay đổi sau khi ký")
    if not check.valid:
        return _("Chữ ký số không hợp lệ")
    when = to_vietnam_time(check.signed_at).strftime("%d/%m/%Y %H:%M") if check.signed_at else "?"
    if check.trusted:
        text = _("Chữ ký số hợp lệ – ký bởi %(name)s, lúc %(when)s", name=check.signer_name, when=when)
    else:
        text = _("Chữ ký số còn nguyên vẹn – ký bởi %(name)s, lúc %(when)s – nhưng chứng thư số không thuộc tổ chức "
                 "chứng thực được tin cậy", name=check.signer_name, when=when)
    if check.test:
        text += " " + _("(chứng thư số THỬ NGHIỆM, không có giá trị pháp lý)")
    return text
