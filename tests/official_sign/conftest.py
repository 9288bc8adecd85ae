"""Certificates made once per run (key generation is slow), one real PDF made once per run (the neutral
document → .docx → LibreOffice, ~1,5 s), and an app whose settings name the certificate files."""

import datetime
from pathlib import Path

import pytest

from inspection import create_app
from inspection.documents.official import docx, pdf
from inspection.documents.official.model import Issuer, OfficialDoc, Paragraph, Section, Signer
from inspection.documents.official.signing.testcerts import make_test_certificates

PASSWORD = "mật-khẩu-thử"
UNIT = "TW-HDTDKT"


@pytest.fixture(scope="session")
def certificates():
    return make_test_certificates()


@pytest.fixture(scope="session")
def certificate_files(tmp_path_factory, certificates) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("certificates")
    expired = make_test_certificates(not_before=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC), days=365)
    files = {"p12": folder / "hdtdkt.p12", "root": folder / "root.pem", "expired": folder / "expired.p12"}
    files["p12"].write_bytes(certificates.pkcs12(PASSWORD))
    files["root"].write_bytes(certificates.root_pem())
    files["expired"].write_bytes(expired.pkcs12(PASSWORD))
    return files


@pytest.fixture(scope="session")
def unsigned_pdf() -> bytes:
    doc = OfficialDoc(
        issuer=Issuer("UBND TỈNH AN GIANG", "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG", "HĐTĐKT", "An Giang"),
        type_code="TB", type_name="THÔNG BÁO", subject="Kết luận kiểm tra công tác thi đua, khen thưởng",
        sections=(Section("Ưu điểm", (Paragraph("Tỉnh triển khai công tác thi đua nghiêm túc."),)),),
        signers=(Signer(("TM. HỘI ĐỒNG", "CHỦ TỊCH"), "Nguyễn Văn Ánh"),),
        number=15, issued_on=datetime.date(2026, 6, 1))
    return pdf.to_pdf(docx.to_docx(doc))


def signing_app(files: dict[str, Path], *, trust_demo_root: bool = True, **settings):
    config = {"TESTING": True, "SECRET_KEY": "test-secret", "DATABASE_URL": "sqlite://",
              "SIGNING_CERTIFICATES": {UNIT: {"file": str(files["p12"]), "password": PASSWORD}},
              "SIGNING_DEMO_ROOT": str(files["root"]) if trust_demo_root else None}
    return create_app(config | settings)


@pytest.fixture
def app(certificate_files):
    app = signing_app(certificate_files)
    with app.app_context():
        yield app
