"""TEST certificates made with `cryptography`: a self-signed root and a signing certificate under it, each
marked in its subject as having no legal value, written as a PKCS#12 file (key, certificate, root) with a
password. The demo signs with them (`flask documents demo-certificate`) and the tests make their own,
expired ones too. A real issuing unit signs with a certificate from a licensed CA (Ban Cơ yếu Chính phủ,
VNPT-CA, Viettel-CA…), configured in SIGNING_CERTIFICATES.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

#: every test certificate says so in its subject; `check_pdf` reports a signature made with one as a test
TEST_MARK = "CHỨNG THƯ SỐ THỬ NGHIỆM – KHÔNG CÓ GIÁ TRỊ PHÁP LÝ"
TEST_ORGANISATION = "Hội đồng Thi đua – Khen thưởng (thử nghiệm)"
#: the words `is_test_name` looks for (case-insensitive) in any part of a subject
TEST_WORD = "thử nghiệm"
KEY_BITS = 2048


@dataclass(frozen=True)
class DemoCertificates:
    root: x509.Certificate
    certificate: x509.Certificate
    key: rsa.RSAPrivateKey

    def pkcs12(self, password: str) -> bytes:
        return pkcs12.serialize_key_and_certificates(
            b"demo-signing", self.key, self.certificate, [self.root],
            serialization.BestAvailableEncryption(password.encode()))

    def root_pem(self) -> bytes:
        return self.root.public_bytes(serialization.Encoding.PEM)


def is_test_name(name: x509.Name) -> bool:
    return any(TEST_WORD in str(attribute.value).casefold() for attribute in name)


def make_test_certificates(*, common_name: str = TEST_ORGANISATION, not_before: datetime.datetime | None = None,
                           days: int = 3 * 365) -> DemoCertificates:
    """A root valid ten years and a signing certificate valid `days` from `not_before` (default: now)."""
    now = datetime.datetime.now(datetime.UTC)
    start = not_before or now - datetime.timedelta(minutes=5)
    root_key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    root_name = _name("CA THỬ NGHIỆM – Hội đồng Thi đua – Khen thưởng")
    root = _root_certificate(root_key, root_name, start)
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    certificate = (_builder(_name(common_name), root_name, key, start, start + datetime.timedelta(days=days))
                   .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                   .add_extension(_signing_usage(), critical=True)
                   .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()),
                                  critical=False)
                   .sign(root_key, hashes.SHA256()))
    return DemoCertificates(root=root, certificate=certificate, key=key)


def _root_certificate(key, name: x509.Name, start: datetime.datetime) -> x509.Certificate:
    return (_builder(name, name, key, start, start + datetime.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                         crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
            .sign(key, hashes.SHA256()))


def _builder(subject: x509.Name, issuer: x509.Name, key, start, end) -> x509.CertificateBuilder:
    return (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(start).not_valid_after(end)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False))


def _signing_usage() -> x509.KeyUsage:
    # digitalSignature + nonRepudiation (contentCommitment), as on the signing certificates Vietnamese CAs issue
    return x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                         data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
                         encipher_only=False, decipher_only=False)


def _name(common_name: str) -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, TEST_ORGANISATION),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, TEST_MARK),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
    ])
