"""The issuing unit's certificate from settings: loaded, or refused with a Vietnamese message naming the
setting (missing file, wrong password, expired, password variable unset)."""

import pytest

from inspection.documents.official.signing import CertificateError, certificate_for
from inspection.documents.official.signing.testcerts import TEST_ORGANISATION
from tests.official_sign.conftest import PASSWORD, UNIT, signing_app

pytestmark = pytest.mark.no_database  # files and certificates only: the same on every database

SETTING = f'SIGNING_CERTIFICATES["{UNIT}"]'


def load_with(files, entry):
    with signing_app(files, SIGNING_CERTIFICATES={UNIT: entry}).app_context():
        return certificate_for(UNIT)


def test_the_configured_certificate_loads(app):
    certificate = certificate_for(UNIT)
    assert certificate.subject_name == TEST_ORGANISATION
    assert certificate.is_test
    assert len(certificate.chain) == 1  # the root travels with it into the signature


def test_a_unit_without_a_certificate_has_none(app):
    assert certificate_for("KG-SNV") is None


def test_a_missing_file_names_the_file_and_the_setting(certificate_files, tmp_path):
    with pytest.raises(CertificateError) as refused:
        load_with(certificate_files, {"file": str(tmp_path / "khong-co.p12"), "password": PASSWORD})
    assert refused.value.message == (f"Không tìm thấy tệp chứng thư số {tmp_path / 'khong-co.p12'} "
                                     f"(thiết lập {SETTING}).")


def test_a_wrong_password_is_refused(certificate_files):
    with pytest.raises(CertificateError) as refused:
        load_with(certificate_files, {"file": str(certificate_files["p12"]), "password": "sai"})
    assert "sai mật khẩu" in refused.value.message
    assert SETTING in refused.value.message


def test_an_expired_certificate_is_refused_with_its_end_date(certificate_files):
    with pytest.raises(CertificateError) as refused:
        load_with(certificate_files, {"file": str(certificate_files["expired"]), "password": PASSWORD})
    assert refused.value.message == ("Chứng thư số đã hết hạn ngày 31/12/2020: cần gia hạn hoặc thay chứng thư số "
                                     f"(thiết lập {SETTING}).")


def test_the_password_may_come_from_an_environment_variable(certificate_files, monkeypatch):
    entry = {"file": str(certificate_files["p12"]), "password_env": "HDTDKT_P12_PASSWORD"}
    monkeypatch.delenv("HDTDKT_P12_PASSWORD", raising=False)
    with pytest.raises(CertificateError) as refused:
        load_with(certificate_files, entry)
    assert refused.value.message.startswith("Chưa đặt biến môi trường HDTDKT_P12_PASSWORD")
    monkeypatch.setenv("HDTDKT_P12_PASSWORD", PASSWORD)
    assert load_with(certificate_files, entry).is_test


def test_an_entry_without_a_file_names_what_is_missing(certificate_files):
    with pytest.raises(CertificateError) as refused:
        load_with(certificate_files, {"password": PASSWORD})
    assert refused.value.message == f'Thiết lập {SETTING} thiếu mục "file".'
