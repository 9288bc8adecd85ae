"""Signing an issued document on its page: the issuing unit's certificate from the settings, the signed PDF stored
beside the issued one (which never changes), the page checking the stored signature each time it is shown."""

import hashlib
from pathlib import Path

import pytest

from inspection.extensions import db
from inspection.files.services import stored_path
from inspection.official.models import OfficialDocument
from tests.official.test_views import created, issue
from tests.official_sign.conftest import PASSWORD, certificate_files, certificates  # noqa: F401 (fixtures)


@pytest.fixture
def app_config(certificate_files):  # noqa: F811
    return {"SIGNING_CERTIFICATES": {"AG": {"file": str(certificate_files["p12"]), "password": PASSWORD}},
            "SIGNING_DEMO_ROOT": str(certificate_files["root"])}


def issued_document(login, world):
    council = login(world.council)
    document = created(council, world)
    assert issue(council, document, 3).status_code == 302
    return council, document


def test_the_council_signs_an_issued_pdf_and_the_page_says_who_signed_and_that_it_is_valid(app, world, login,
                                                                                           quick_pdf):
    council, document = issued_document(login, world)
    issued_pdf = council.get(f"/documents/{document.id}/pdf").data
    page = council.get(f"/documents/{document.id}").get_data(as_text=True)
    assert "Bản PDF đã ban hành chưa được ký số." in page and "Ký số bản PDF" in page

    response = council.post(f"/documents/{document.id}/sign", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Đã ký số văn bản số 03/TB-HĐTĐKT." in page
    assert 'data-signature="valid"' in page and "Chữ ký số hợp lệ" in page
    assert "Chứng thư số thử nghiệm – không có giá trị pháp lý" in page
    signed = council.get(f"/documents/{document.id}/signed").data
    assert signed.startswith(issued_pdf) and len(signed) > len(issued_pdf)  # an incremental update of the issued PDF
    assert hashlib.sha256(signed).hexdigest() in page
    assert "sha256" not in page.replace('data-sha256="', "")  # the history names the fingerprints in words
    assert council.get(f"/documents/{document.id}/pdf").data == issued_pdf  # the issued file itself never changes

    again = council.post(f"/documents/{document.id}/sign", follow_redirects=True).get_data(as_text=True)
    assert "Văn bản này đã được ký số." in again


def test_a_changed_byte_in_the_stored_signed_file_shows_on_the_page(app, world, login, quick_pdf):
    council, document = issued_document(login, world)
    council.post(f"/documents/{document.id}/sign")
    db.session.expire_all()
    path = stored_path(app.config["FILES_FOLDER"], db.session.get(OfficialDocument, document.id).signed_pdf)
    data = bytearray(Path(path).read_bytes())
    data[len(data) // 3] ^= 0x01
    Path(path).write_bytes(bytes(data))
    page = council.get(f"/documents/{document.id}").get_data(as_text=True)
    assert 'data-signature="invalid"' in page and "không còn khớp mã SHA-256" in page


def test_signing_without_a_certificate_for_the_issuing_unit_says_what_to_configure(app, world, login, quick_pdf):
    app.config["SIGNING_CERTIFICATES"] = {}
    council, document = issued_document(login, world)
    page = council.post(f"/documents/{document.id}/sign", follow_redirects=True).get_data(as_text=True)
    assert "Chưa cấu hình chứng thư số cho UBND tỉnh An Giang (thiết lập SIGNING_CERTIFICATES)" in page


def test_a_draft_cannot_be_signed_and_an_inspector_may_not_sign(app, world, login, quick_pdf):
    council = login(world.council)
    document = created(council, world)
    page = council.post(f"/documents/{document.id}/sign", follow_redirects=True).get_data(as_text=True)
    assert "Chỉ ký số văn bản đã ban hành" in page
    assert login(world.inspector).post(f"/documents/{document.id}/sign").status_code == 403
