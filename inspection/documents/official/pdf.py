"""A .docx converted to PDF by LibreOffice headless: the PDF carries the Word file's content and layout.

Each conversion runs in a temporary folder of its own with its own LibreOffice profile (two conversions at once
would otherwise fight over the profile's lock), in a process group of its own so that a conversion past its
time is killed whole (soffice starts soffice.bin, which would outlive its parent), and leaves no file behind.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pathlib
import shutil
import signal
import subprocess
import tempfile

#: LibreOffice's first start in a fresh profile takes a few seconds; a document never needs two minutes
TIMEOUT_SECONDS = 120
_ZIP = b"PK\x03\x04"

log = logging.getLogger(__name__)


class ConversionError(RuntimeError):
    """The PDF could not be made; the message is for the user."""


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise ConversionError("Máy chủ chưa cài LibreOffice nên không tạo được bản PDF.")
    return found


def to_pdf(docx: bytes, *, timeout: float = TIMEOUT_SECONDS) -> bytes:
    if not docx.startswith(_ZIP):
        raise ConversionError("Tệp gửi chuyển sang PDF không phải văn bản Word (.docx).")
    with tempfile.TemporaryDirectory(prefix="inspection-pdf-") as folder:
        work = pathlib.Path(folder)
        (work / "document.docx").write_bytes(docx)
        _run(_command(work), work, timeout)
        result = work / "document.pdf"
        if not result.exists() or not result.read_bytes().startswith(b"%PDF"):
            raise ConversionError("LibreOffice không chuyển được văn bản sang PDF.")
        return result.read_bytes()


def _command(work: pathlib.Path) -> list[str]:
    profile = (work / "profile").as_uri()
    return [soffice(), f"-env:UserInstallation={profile}", "--headless", "--norestore", "--nolockcheck",
            "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(work), str(work / "document.docx")]


def _run(command: list[str], work: pathlib.Path, timeout: float) -> None:
    process = subprocess.Popen(command, cwd=work, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True, env={**os.environ, "HOME": str(work)})
    try:
        _, errors = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        raise ConversionError(f"LibreOffice không chuyển xong văn bản sang PDF trong {timeout:g} giây; "
                              "xin thử lại sau.") from None
    if process.returncode != 0:
        log.warning("soffice exited with %s: %s", process.returncode, errors.decode(errors="replace")[-500:])


def _kill_group(process: subprocess.Popen) -> None:
    """soffice and the soffice.bin it started, so nothing writes into the folder being removed."""
    with contextlib.suppress(ProcessLookupError):  # already gone
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()
