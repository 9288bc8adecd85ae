"""Signing a PDF (PAdES B-B, pyHanko) with a visible stamp on the last page.

The signature is an incremental update: the original bytes stay the first bytes of the signed file. The
stamp sits in the bottom margin of the last page, right side (under the signing block of a Decree 30
document, whose page numbers are at the top), and says who signed and when — what Vietnamese readers look
for on a signed PDF; readers that show signature fields also open the signature's details from it.
"""

from __future__ import annotations

import datetime
import io

from flask import current_app
from flask_babel import gettext as _
from pyhanko.keys.internal import translate_pyca_cryptography_cert_to_asn1 as cert_asn1
from pyhanko.keys.internal import translate_pyca_cryptography_key_to_asn1 as key_asn1
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator.registry import SimpleCertificateStore

from inspection.documents.official.signing.certificates import SigningCertificate
from inspection.documents.official.signing.loopfree import run_outside_loop
from inspection.documents.official.signing.stampfont import source_font, stamp_font
from inspection.rules import RuleViolation
from inspection.timeutil import VIETNAM

STAMP_FONT_SIZE = 8
#: the stamp's box from the page's lower right corner, in points: width, height, right and bottom margins
STAMP_SIZE = (230, 48)
STAMP_MARGIN = (28, 12)
STAMP_COLOUR = (0.75, 0.0, 0.0)
#: the key usages a Vietnamese CA's signing certificate carries (either suffices)
A4 = (0, 0, 595, 842)
KEY_USAGE = {"digital_signature", "non_repudiation"}


def sign_pdf(pdf: bytes, certificate: SigningCertificate, *, reason: str, location: str, signer_name: str) -> bytes:
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        field_name = _free_field_name(writer.prev)
        box = _stamp_box(writer.prev)
    except (PdfError, ValueError, KeyError):
        raise RuleViolation(_("Tệp không phải PDF hợp lệ nên không ký số được.")) from None
    meta = signers.PdfSignatureMetadata(
        field_name=field_name, reason=reason, location=location, name=signer_name, md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES, signer_key_usage=KEY_USAGE)
    pdf_signer = signers.PdfSigner(
        meta, _signer(certificate), stamp_style=_stamp_style(),
        new_field_spec=fields.SigFieldSpec(sig_field_name=field_name, on_page=-1, box=box))
    text = stamp_text(signer_name, certificate, datetime.datetime.now(VIETNAM))
    try:
        output = run_outside_loop(pdf_signer.sign_pdf, writer, appearance_text_params={"stamp": text})
    except SigningError as error:
        current_app.logger.warning("signing failed: %s", error)
        raise RuleViolation(_("Không ký số được văn bản: %(reason)s", reason=str(error))) from None
    return output.getvalue()


def stamp_text(signer_name: str, certificate: SigningCertificate, moment: datetime.datetime) -> str:
    lines = [f"Ký bởi: {signer_name}", f"Chứng thư số: {certificate.subject_name}",
             f"Thời gian ký: {moment.strftime('%d/%m/%Y %H:%M')} (giờ Việt Nam)"]
    if certificate.is_test:
        lines.append("CHỨNG THƯ SỐ THỬ NGHIỆM – KHÔNG CÓ GIÁ TRỊ PHÁP LÝ")
    return "\n".join(lines)


def _signer(certificate: SigningCertificate) -> signers.SimpleSigner:
    registry = SimpleCertificateStore.from_certs([cert_asn1(ca) for ca in certificate.chain])
    return signers.SimpleSigner(signing_cert=cert_asn1(certificate.certificate),
                                signing_key=key_asn1(certificate.key), cert_registry=registry)


def _stamp_style() -> TextStampStyle:
    source = source_font()
    if source is None:
        raise RuleViolation(_("Máy chủ thiếu phông chữ tiếng Việt cho dấu chữ ký số (cài gói fonts-liberation2)."))
    box_style = TextBoxStyle(font=GlyphAccumulatorFactory(stamp_font(source), font_size=STAMP_FONT_SIZE),
                             font_size=STAMP_FONT_SIZE, leading=STAMP_FONT_SIZE + 2, text_color=STAMP_COLOUR)
    return TextStampStyle(stamp_text="%(stamp)s", text_box_style=box_style, border_width=1,
                          border_color=STAMP_COLOUR)


def _free_field_name(reader: PdfFileReader) -> str:
    taken = {signature.field_name for signature in reader.embedded_signatures}
    return next(name for number in range(1, 1000) if (name := f"ChuKySo{number}") not in taken)


def _stamp_box(reader: PdfFileReader) -> tuple[int, int, int, int]:
    left, bottom, right = _media_box(reader)
    width, height = STAMP_SIZE
    x_end, y_start = int(right) - STAMP_MARGIN[0], int(bottom) + STAMP_MARGIN[1]
    return (max(int(left), x_end - width), y_start, x_end, y_start + height)


def _media_box(reader: PdfFileReader) -> tuple[float, float, float]:
    """The last page's left, bottom and right edges (A4 when the page inherits its box)."""
    page, _resources = reader.find_page_for_modification(-1)
    box = page.get_object().get("/MediaBox") or A4
    left, bottom, right, _top = (float(value) for value in box)
    return left, bottom, right
