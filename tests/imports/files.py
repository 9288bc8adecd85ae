"""Spreadsheet files built in memory, and helpers that drive the import pages like a user would."""

import csv
import io
import re

from openpyxl import Workbook
from sqlalchemy import func, select

from inspection.extensions import db
from tests.imports.jobrun import after_jobs

UNIT_HEADERS = ["Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Mã đơn vị cấp trên", "Hoạt động từ", "Hoạt động đến ngày",
                "Ghi chú"]
GROUP_HEADERS = ["Năm", "Loại", "Tên cụm, khối", "Mã đơn vị", "Vai trò"]
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def xlsx(rows: list[list], title: str = "Dữ liệu") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[list], delimiter: str = ",", bom: bool = False) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")


def upload(client, data: bytes, filename: str = "don-vi.xlsx", kind: str = "units"):
    """The upload, then (its preview job run) the preview page; a refused file: the upload page again."""
    return after_jobs(client, client.post("/import/", data={"kind": kind, "file": (io.BytesIO(data), filename)},
                                          content_type="multipart/form-data"))


def token_of(response) -> str:
    match = re.search(r'name="token" type="hidden" value="([0-9a-f]{32})"', response.get_data(as_text=True))
    assert match, "the preview offers no confirmation"
    return match.group(1)


def confirm(client, token: str, follow: bool = True):
    """The confirmation, then (its job run) where the import lands, or the preview again."""
    return after_jobs(client, client.post("/import/confirm", data={"token": token}), follow)


def import_file(client, data: bytes, filename: str = "don-vi.xlsx", kind: str = "units"):
    """Upload, check the preview offers confirmation, confirm: the page the user lands on."""
    preview = upload(client, data, filename, kind)
    assert preview.status_code == 200
    return confirm(client, token_of(preview))


def committed_count(model) -> int:
    """Rows as another connection sees them: only what was really committed."""
    with db.engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(model))


def page_text(response) -> str:
    """The page as a reader sees it: tags dropped, spaces collapsed."""
    text = re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))
    return " ".join(text.split())
