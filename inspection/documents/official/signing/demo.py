"""The demo's TEST certificate: generated on the demo server (never committed), kept in instance/signing/
and configured in instance/config.py for the demo's issuing units (`flask documents demo-certificate`,
run by `make run`). Generating takes a fraction of a second, so no private key needs to live in git.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from inspection.documents.official.signing.testcerts import make_test_certificates

FOLDER = "signing"
P12_NAME = "demo-signing.p12"
ROOT_NAME = "demo-root.pem"


def demo_files(instance_path: str) -> tuple[Path, Path]:
    folder = Path(instance_path) / FOLDER
    return folder / P12_NAME, folder / ROOT_NAME


def install_demo_certificate(instance_path: str, unit_codes: tuple[str, ...]) -> str:
    """Write a new TEST certificate and its root, and configure them for `unit_codes` by appending to
    instance/config.py (later lines win: the file's other settings stay as they are)."""
    p12, root = demo_files(instance_path)
    p12.parent.mkdir(parents=True, exist_ok=True)
    password = secrets.token_urlsafe(18)
    certificates = make_test_certificates()
    _write_private(p12, certificates.pkcs12(password))
    root.write_bytes(certificates.root_pem())
    with open(Path(instance_path) / "config.py", "a", encoding="utf-8") as config:
        config.write(config_block(unit_codes, password))
    return (f"Đã tạo chứng thư số THỬ NGHIỆM {p12} (gốc {root}) cho đơn vị {', '.join(unit_codes)} "
            f"và ghi cấu hình vào {Path(instance_path) / 'config.py'}.")


def config_block(unit_codes: tuple[str, ...], password: str) -> str:
    entries = ", ".join(f'{code!r}: {{"file": {f"{FOLDER}/{P12_NAME}"!r}, "password": {password!r}}}'
                        for code in unit_codes)
    return ("\n# Written by `flask documents demo-certificate`: the demo's TEST certificate (no legal value).\n"
            f'SIGNING_CERTIFICATES = {{**(globals().get("SIGNING_CERTIFICATES") or {{}}), {entries}}}\n'
            f"SIGNING_DEMO_ROOT = {f'{FOLDER}/{ROOT_NAME}'!r}\n")


def _write_private(path: Path, data: bytes) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(data)
