"""A .docx converted to PDF by LibreOffice headless: the PDF carries the Word file's content and layout."""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import tempfile

#: LibreOffice's first start in a fresh profile takes a few seconds; a document never needs a minute
TIMEOUT_SECONDS = 120


class ConversionError(RuntimeError):
    """The PDF could not be made; the message is for the user."""


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise ConversionError("Máy chủ chưa cài LibreOffice nên không tạo được bản PDF.")
    return found


def to_pdf(docx: bytes) -> bytes:
    with tempfile.TemporaryDirectory(prefix="inspection-pdf-") as folder:
        work = pathlib.Path(folder)
        (work / "document.docx").write_bytes(docx)
        # A profile of its own: two conversions at once would otherwise fight over the user's profile lock.
        profile = (work / "profile").as_uri()
        command = [soffice(), f"-env:UserInstallation={profile}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(work), str(work / "document.docx")]
        try:
            subprocess.run(command, cwd=work, capture_output=True, timeout=TIMEOUT_SECONDS, check=False,
                           env={**os.environ, "HOME": str(work)})
        except subprocess.TimeoutExpired:
            raise ConversionError("LibreOffice không chuyển xong văn bản sang PDF trong thời gian cho phép.") from None
        result = work / "document.pdf"
        if not result.exists():
            raise ConversionError("LibreOffice không chuyển được văn bản sang PDF.")
        return result.read_bytes()
