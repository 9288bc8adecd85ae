"""The visible stamp, read back from the rendered last page (pdftoppm + Tesseract's Vietnamese model), and
the demo's TEST certificate made by `flask documents demo-certificate` and usable from instance/config.py."""

import datetime
import io
import subprocess

import pytest
from flask import Config
from pyhanko.pdf_utils.reader import PdfFileReader

from inspection.demo.kiengiang import SIGNING_UNITS
from inspection.documents.official.signing import certificate_for, check_pdf, sign_pdf
from inspection.documents.official.signing.demo import demo_files
from inspection.timeutil import VIETNAM
from tests.official_sign.conftest import UNIT, signing_app

pytestmark = pytest.mark.no_database  # files and certificates only: the same on every database

DPI = 300


def stamp_text_on_page(pdf: bytes) -> str:
    """OCR of the signature widget's rectangle on the page that holds it."""
    reader = PdfFileReader(io.BytesIO(pdf))
    widget = reader.embedded_signatures[-1].sig_field
    left, bottom, right, top = (float(value) for value in widget["/Rect"])
    page_height = float(widget["/P"]["/MediaBox"][3])
    page_number = 1 + [page.idnum for page in _page_refs(reader)].index(widget.raw_get("/P").idnum)
    scale = DPI / 72
    png = subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-f", str(page_number), "-l", str(page_number), "-gray",
         "-x", str(int(left * scale)), "-y", str(int((page_height - top) * scale)),
         "-W", str(int((right - left) * scale)), "-H", str(int((top - bottom) * scale)), "-png", "-"],
        input=pdf, capture_output=True, check=True).stdout
    return subprocess.run(["tesseract", "-", "-", "-l", "vie"], input=png, capture_output=True,
                          check=True).stdout.decode()


def _page_refs(reader):
    return list(reader.root["/Pages"].raw_get("/Kids"))


def test_the_stamp_on_the_last_page_says_who_signed_and_when_in_vietnamese(app, unsigned_pdf):
    signed = sign_pdf(unsigned_pdf, certificate_for(UNIT), reason="Ban hành", location="An Giang",
                      signer_name="Nguyễn Văn Ánh")
    text = stamp_text_on_page(signed)
    today = datetime.datetime.now(VIETNAM).strftime("%d/%m/%Y")
    assert "Ký bởi: Nguyễn Văn Ánh" in text
    assert f"Thời gian ký: {today}" in text
    assert "CHỨNG THƯ SỐ THỬ NGHIỆM" in text


def test_the_demo_command_writes_a_test_certificate_and_configures_it(certificate_files, tmp_path):
    app = signing_app(certificate_files)
    app.instance_path = str(tmp_path)
    (tmp_path / "config.py").write_text("SECRET_KEY = 'giu-nguyen'\n", encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["documents", "demo-certificate"])
    assert result.exit_code == 0, result.output
    p12, root = demo_files(str(tmp_path))
    assert p12.stat().st_mode & 0o077 == 0  # the private key is readable by its owner only
    again = app.test_cli_runner().invoke(args=["documents", "demo-certificate", "--if-missing"])
    assert "bỏ qua" in again.output
    config = Config(str(tmp_path))
    config.from_pyfile("config.py")
    assert config["SECRET_KEY"] == "giu-nguyen"
    assert config["SIGNING_DEMO_ROOT"] == "signing/demo-root.pem"
    demo = signing_app(certificate_files, SIGNING_CERTIFICATES=config["SIGNING_CERTIFICATES"],
                       SIGNING_DEMO_ROOT=config["SIGNING_DEMO_ROOT"])
    demo.instance_path = str(tmp_path)
    with demo.app_context():
        certificate = certificate_for(SIGNING_UNITS[0])
        assert certificate.is_test
        check = check_pdf(sign_pdf(b"%PDF-1.4\n" + _tiny_pdf_body(), certificate, reason="Thử", location="An Giang",
                                   signer_name="Trần Thị B"))
    assert (check.valid, check.trusted, check.test) == (True, True, True)


def _tiny_pdf_body() -> bytes:
    """A one-page PDF written by hand, so this test needs no LibreOffice."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
    body, offsets = b"", []
    for number, content in enumerate(objects, start=1):
        offsets.append(9 + len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (number, content)
    xref = b"xref\n0 4\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return body + xref + b"trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (9 + len(body))
