"""Uploads: the type comes from the content, the size is limited, the file gets a random name and a SHA-256."""

import hashlib
import io
import os
import re
import zipfile

import pytest
from werkzeug.datastructures import FileStorage

from inspection.access import SYSTEM
from inspection.auth.models import Role
from inspection.files.services import store_upload
from inspection.files.sniff import DOCX, PDF, XLSX, detect_type
from inspection.rules import RuleViolation

PDF_BYTES = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n"


def _zip(names: list[str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


def _upload(data: bytes, name: str) -> FileStorage:
    return FileStorage(stream=io.BytesIO(data), filename=name)


def test_types_are_read_from_the_content():
    assert detect_type(PDF_BYTES[:16], PDF_BYTES) == PDF
    docx = _zip(["[Content_Types].xml", "word/document.xml"])
    assert detect_type(docx[:16], docx) == DOCX
    xlsx = _zip(["[Content_Types].xml", "xl/workbook.xml"])
    assert detect_type(xlsx[:16], xlsx) == XLSX
    assert detect_type(b"MZ\x90\x00" + b"\x00" * 12, b"MZ") is None  # a Windows program
    assert detect_type(b"PK\x03\x04junk", b"PK\x03\x04junk") is None  # a broken zip


def test_a_good_file_is_kept_with_random_name_and_hash(app):
    stored = store_upload(SYSTEM, _upload(PDF_BYTES, "../../Báo cáo 280.pdf"), folder=app.config["FILES_FOLDER"],
                          max_bytes=1024)
    assert stored.original_name == "Báo cáo 280.pdf" and stored.content_type == PDF
    assert stored.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    assert re.fullmatch(r"[0-9a-f]{32}\.pdf", stored.stored_name)  # random, nothing of the original name
    with open(os.path.join(app.config["FILES_FOLDER"], stored.stored_name), "rb") as kept:
        assert kept.read() == PDF_BYTES


def test_a_disguised_file_is_refused(app):
    with pytest.raises(RuleViolation, match="không phải PDF, Word, Excel hay ảnh"):
        store_upload(SYSTEM, _upload(b"MZ\x90\x00 this is a program", "bien-ban.pdf"),
                     folder=app.config["FILES_FOLDER"], max_bytes=1024)


def test_an_oversize_file_is_refused_before_anything_is_written(app):
    with pytest.raises(RuleViolation, match="vượt quá dung lượng"):
        store_upload(SYSTEM, _upload(PDF_BYTES + b"x" * 2048, "to.pdf"), folder=app.config["FILES_FOLDER"],
                     max_bytes=1024)
    assert not os.path.exists(app.config["FILES_FOLDER"]) or not os.listdir(app.config["FILES_FOLDER"])


def test_a_request_over_the_limit_gets_a_clear_page(app, client_as):
    app.config["MAX_CONTENT_LENGTH"] = 1024
    client = client_as(Role.ADMIN)
    response = client.post("/import/", data={"kind": "units", "file": (io.BytesIO(b"x" * 4096), "big.xlsx")},
                           content_type="multipart/form-data")
    assert response.status_code == 413
    assert "Tệp quá lớn" in response.get_data(as_text=True)
