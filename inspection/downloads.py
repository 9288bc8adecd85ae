"""Every file the portal hands out (evidence, self-report files, import templates, .xlsx exports) leaves
through `send_download`: always as an attachment, never shown inside the portal's pages, under a name that
is safe in a header (RFC 6266: an ASCII `filename` for old clients and the exact name as UTF-8 `filename*`).
The security-headers hook gives attachments a sandboxing Content-Security-Policy."""

import unicodedata
from urllib.parse import quote

from flask import Response, send_file

from inspection.files.names import clean_file_name

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: the name when nothing printable is left of the original
FALLBACK_NAME = "tep-tai-ve"


def send_download(source, name: str | None, mimetype: str | None) -> Response:
    """`source`: a path or a binary file object (closed once sent)."""
    response = send_file(source, mimetype=mimetype or "application/octet-stream", as_attachment=True,
                         download_name=FALLBACK_NAME)
    response.headers["Content-Disposition"] = content_disposition(name)
    return response


def content_disposition(name: str | None) -> str:
    clean = safe_filename(name)
    return f"attachment; filename=\"{ascii_name(clean)}\"; filename*=UTF-8''{quote(clean, safe='')}"


def safe_filename(name: str | None) -> str:
    """The name as inspection/files/names.py keeps an upload's (no folders, control or format characters such
    as NUL, line breaks or right-to-left overrides), applied again on the way out: rows stored before names were
    cleaned, and names the portal makes itself, leave the same way."""
    return clean_file_name(name, FALLBACK_NAME).strip(" .") or FALLBACK_NAME


def ascii_name(name: str) -> str:
    """For clients that ignore filename*: Vietnamese without its marks, anything else as "_"."""
    plain = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(char for char in plain if not unicodedata.combining(char))
    return "".join(char if " " <= char <= "~" and char not in "\"\\%" else "_" for char in plain)

