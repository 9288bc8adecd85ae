"""The signing certificate of an issuing unit, from settings (docs/deploy.md, "Chữ ký số").

SIGNING_CERTIFICATES maps a unit code to its PKCS#12 file and the file's password, given either as
"password" or as "password_env", the name of an environment variable holding it (so the password need not
sit in a configuration file):

    SIGNING_CERTIFICATES = {"TW-HDTDKT": {"file": "/etc/inspection/hdtdkt.p12", "password_env": "HDTDKT_P12_PASSWORD"}}

A relative "file" is read from the instance folder. SIGNING_TRUST_ROOTS lists the files (PEM or DER) of the
root certificates a signature must chain to, to be "trusted"; SIGNING_DEMO_ROOT names the demo's TEST root,
trusted only when configured there.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.serialization import pkcs12
from flask import current_app
from flask_babel import gettext as _

from inspection.documents.official.signing.testcerts import is_test_name
from inspection.rules import RuleViolation
from inspection.timeutil import VIETNAM

SETTING = "SIGNING_CERTIFICATES"


class CertificateError(RuleViolation):
    """The unit's certificate cannot be used; the message names the setting to fix."""


@dataclass(frozen=True)
class SigningCertificate:
    unit_code: str
    key: object  # a cryptography private key (RSA or EC)
    certificate: x509.Certificate
    #: the issuing CA certificates found in the PKCS#12 file (embedded in the signature)
    chain: tuple[x509.Certificate, ...]

    @property
    def subject_name(self) -> str:
        return common_name(self.certificate.subject)

    @property
    def is_test(self) -> bool:
        return is_test_name(self.certificate.subject)

    @property
    def not_after(self) -> datetime.datetime:
        return self.certificate.not_valid_after_utc


def common_name(name: x509.Name) -> str:
    for oid in (x509.NameOID.COMMON_NAME, x509.NameOID.ORGANIZATION_NAME):
        values = name.get_attributes_for_oid(oid)
        if values:
            return str(values[0].value)
    return name.rfc4514_string()


def certificate_for(unit_code: str) -> SigningCertificate | None:
    """The unit's certificate, or None when none is configured; CertificateError when the configured one
    cannot be used (missing file, wrong password, expired)."""
    entry = (current_app.config.get(SETTING) or {}).get(unit_code)
    if not entry:
        return None
    setting = f'{SETTING}["{unit_code}"]'
    path = instance_file(_required(entry, "file", setting))
    data = _read(path, setting)
    key, certificate, chain = _open(data, _password(entry, setting), path, setting)
    _require_current(certificate, setting)
    return SigningCertificate(unit_code=unit_code, key=key, certificate=certificate, chain=tuple(chain))


def instance_file(name: str) -> Path:
    path = Path(name)
    return path if path.is_absolute() else Path(current_app.instance_path) / path


def _required(entry, name: str, setting: str) -> str:
    value = entry.get(name) if isinstance(entry, dict) else None
    if not value:
        raise CertificateError(_("Thiết lập %(setting)s thiếu mục \"%(name)s\".", setting=setting, name=name))
    return str(value)


def _password(entry: dict, setting: str) -> bytes:
    if entry.get("password_env"):
        variable = str(entry["password_env"])
        value = os.environ.get(variable)
        if value is None:
            raise CertificateError(_("Chưa đặt biến môi trường %(variable)s chứa mật khẩu chứng thư số "
                                     "(thiết lập %(setting)s).", variable=variable, setting=setting))
        return value.encode()
    return _required(entry, "password", setting).encode()


def _read(path: Path, setting: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        raise CertificateError(_("Không tìm thấy tệp chứng thư số %(path)s (thiết lập %(setting)s).",
                                 path=str(path), setting=setting)) from None


def _open(data: bytes, password: bytes, path: Path, setting: str):
    try:
        key, certificate, chain = pkcs12.load_key_and_certificates(data, password)
    except ValueError:
        raise CertificateError(_("Không mở được chứng thư số %(path)s: sai mật khẩu hoặc tệp không phải PKCS#12 "
                                 "(thiết lập %(setting)s).", path=str(path), setting=setting)) from None
    if key is None or certificate is None:
        raise CertificateError(_("Tệp %(path)s không chứa khóa bí mật và chứng thư số để ký (thiết lập "
                                 "%(setting)s).", path=str(path), setting=setting))
    return key, certificate, chain


def _require_current(certificate: x509.Certificate, setting: str) -> None:
    now = datetime.datetime.now(datetime.UTC)
    if certificate.not_valid_after_utc < now:
        raise CertificateError(_("Chứng thư số đã hết hạn ngày %(day)s: cần gia hạn hoặc thay chứng thư số "
                                 "(thiết lập %(setting)s).", day=_day(certificate.not_valid_after_utc),
                                 setting=setting))
    if certificate.not_valid_before_utc > now:
        raise CertificateError(_("Chứng thư số chỉ có hiệu lực từ ngày %(day)s (thiết lập %(setting)s).",
                                 day=_day(certificate.not_valid_before_utc), setting=setting))


def _day(moment: datetime.datetime) -> str:
    return moment.astimezone(VIETNAM).strftime("%d/%m/%Y")


def trust_roots() -> tuple[x509.Certificate, ...]:
    """The configured roots: SIGNING_TRUST_ROOTS, and the demo root when SIGNING_DEMO_ROOT names one."""
    names = list(current_app.config.get("SIGNING_TRUST_ROOTS") or ())
    if current_app.config.get("SIGNING_DEMO_ROOT"):
        names.append(current_app.config["SIGNING_DEMO_ROOT"])
    return tuple(certificate for name in names for certificate in _load_certificates(instance_file(name)))


def _load_certificates(path: Path) -> list[x509.Certificate]:
    try:
        data = path.read_bytes()
    except OSError:
        current_app.logger.warning("signing: trust root file %s cannot be read", path)
        return []
    if b"-----BEGIN" in data:
        return x509.load_pem_x509_certificates(data)
    return [x509.load_der_x509_certificate(data)]
