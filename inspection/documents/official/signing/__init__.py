"""Digital signatures on issued PDFs (PAdES, pyHanko): the issuing unit's certificate, signing, checking.

    certificate_for(unit_code: str) -> SigningCertificate | None
        The unit's certificate from SIGNING_CERTIFICATES (None: none configured). Raises CertificateError (a
        RuleViolation: its Vietnamese message names the setting) for a missing file, a wrong password, an
        expired or not yet valid certificate. Needs an app context.

    sign_pdf(pdf: bytes, certificate, *, reason: str, location: str, signer_name: str) -> bytes
        The PDF signed PAdES B-B (SHA-256, /ETSI.CAdES.detached) in an incremental update: the original bytes
        are the signed file's first bytes. A visible stamp in the last page's bottom margin (right) names the
        signer, the certificate and the time (Vietnam time), and says TEST for a test certificate. Raises
        RuleViolation for a file that is not a PDF. No timestamp authority is asked (the server may have no
        Internet): the signing time is the server's.

    check_pdf(pdf: bytes) -> SignatureCheck
        signed, intact, valid, trusted, signer_name, signed_at (naive UTC), test, message (Vietnamese, one line
        for the document page: "Chữ ký số hợp lệ – ký bởi …, lúc dd/mm/yyyy hh:mm", "Văn bản đã bị thay đổi
        sau khi ký", "Chưa ký số"…). Never raises for a bad file. Trust: SIGNING_TRUST_ROOTS, plus the demo
        root when SIGNING_DEMO_ROOT names it.

    testcerts.make_test_certificates() makes a TEST root and signing certificate (`flask documents
    demo-certificate` writes them into instance/signing/ for the demo).
"""

import warnings

# pyHanko 0.38 imports cryptography's DSA types, which warn on import; the portal never signs with DSA, and the
# warning would print on every command a user runs
warnings.filterwarnings("ignore", message="DSA is deprecated")

from inspection.documents.official.signing.certificates import CertificateError, SigningCertificate, certificate_for  # noqa: E402, I001
from inspection.documents.official.signing.check import SignatureCheck, check_pdf  # noqa: E402
from inspection.documents.official.signing.sign import sign_pdf  # noqa: E402

__all__ = ["CertificateError", "SignatureCheck", "SigningCertificate", "certificate_for", "check_pdf", "sign_pdf"]
