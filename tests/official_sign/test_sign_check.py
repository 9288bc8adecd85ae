"""Signing a real PDF and checking it: valid and trusted with the configured demo root, the signer and the
TEST mark read back, the original bytes kept; one changed byte, or a page changed after signing, is caught."""

import datetime
import io
import re

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from inspection.documents.official.signing import check_pdf, sign_pdf
from inspection.documents.official.signing.certificates import certificate_for
from inspection.documents.official.signing.testcerts import TEST_ORGANISATION
from inspection.rules import RuleViolation
from inspection.timeutil import VIETNAM
from tests.official_sign.conftest import UNIT, signing_app

pytestmark = pytest.mark.no_database  # files and certificates only: the same on every database


@pytest.fixture(scope="module")
def signed_pdf(certificate_files, unsigned_pdf) -> bytes:
    with signing_app(certificate_files).app_context():
        return sign(unsigned_pdf)


def sign(pdf: bytes) -> bytes:
    return sign_pdf(pdf, certificate_for(UNIT), reason="Ban hành văn bản", location="An Giang",
                    signer_name="Nguyễn Văn Ánh")


def test_signed_pdf_is_valid_trusted_and_names_the_test_signer(app, signed_pdf, unsigned_pdf):
    check = check_pdf(signed_pdf)
    assert signed_pdf.startswith(unsigned_pdf)  # an incremental update: the issued bytes are kept
    assert (check.signed, check.intact, check.valid, check.trusted, check.test) == (True, True, True, True, True)
    assert check.signer_name == TEST_ORGANISATION
    now = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
    assert abs(check.signed_at - now) < datetime.timedelta(minutes=5)
    when = check.signed_at.replace(tzinfo=datetime.UTC).astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M")
    assert check.message == (f"Chữ ký số hợp lệ – ký bởi {TEST_ORGANISATION}, lúc {when} "
                             "(chứng thư số THỬ NGHIỆM, không có giá trị pháp lý)")


def test_one_changed_byte_in_the_signed_range_breaks_the_signature(app, signed_pdf, unsigned_pdf):
    # a byte inside the first page's compressed content stream: the file still parses, the digest differs
    start = re.search(rb"stream\r?\n", unsigned_pdf).end() + 20
    changed = bytearray(signed_pdf)
    changed[start] ^= 0x01
    check = check_pdf(bytes(changed))
    assert (check.signed, check.intact, check.valid, check.trusted) == (True, False, False, False)
    assert check.message == "Văn bản đã bị thay đổi sau khi ký"


def test_a_page_changed_in_a_later_revision_is_reported_as_changed(app, signed_pdf):
    writer = IncrementalPdfFileWriter(io.BytesIO(signed_pdf))
    page_ref, _resources = writer.find_page_for_modification(0)
    page = page_ref.get_object()
    page["/Contents"] = writer.add_object(generic.StreamObject(stream_data=b"BT /F1 12 Tf (Sua) Tj ET"))
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    check = check_pdf(out.getvalue())
    assert (check.signed, check.intact, check.valid) == (True, False, False)
    assert check.message == "Văn bản đã bị thay đổi sau khi ký"


def test_unsigned_and_unreadable_files(app, unsigned_pdf):
    assert check_pdf(unsigned_pdf).message == "Chưa ký số"
    assert not check_pdf(unsigned_pdf).signed
    garbage = check_pdf(b"%PDF-1.7\nkhong phai pdf")
    assert (garbage.signed, garbage.valid) == (False, False)
    assert garbage.message == "Không đọc được tệp PDF để kiểm tra chữ ký số."


def test_without_the_demo_root_configured_the_signature_is_intact_but_not_trusted(certificate_files, signed_pdf):
    with signing_app(certificate_files, trust_demo_root=False).app_context():
        check = check_pdf(signed_pdf)
    assert (check.intact, check.valid, check.trusted, check.test) == (True, True, False, True)
    assert check.message.startswith(f"Chữ ký số còn nguyên vẹn – ký bởi {TEST_ORGANISATION}")
    assert "không thuộc tổ chức chứng thực được tin cậy" in check.message


def test_a_second_signature_keeps_both_valid(app, signed_pdf):
    twice = sign(signed_pdf)
    assert twice.startswith(signed_pdf)
    check = check_pdf(twice)
    assert (check.intact, check.valid, check.trusted) == (True, True, True)


def test_signing_a_file_that_is_not_a_pdf_is_refused_in_vietnamese(app):
    with pytest.raises(RuleViolation, match="không phải PDF hợp lệ"):
        sign(b"hello")


def test_signing_and_checking_work_where_an_event_loop_already_runs(app, unsigned_pdf):
    """A worker whose thread already runs an event loop (Playwright's sync API in the same process did, in CI):
    pyHanko's own asyncio.run would fail there."""
    import asyncio

    async def inside_a_loop():
        return check_pdf(sign(unsigned_pdf))

    try:  # a worker that ran a browser test already has a loop running in this thread: that is the case itself
        asyncio.get_running_loop()
    except RuntimeError:
        assert asyncio.run(inside_a_loop()).valid
    else:
        assert check_pdf(sign(unsigned_pdf)).valid
