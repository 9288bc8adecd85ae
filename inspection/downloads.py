"""Every file the portal hands out (evidence, self-report files, import templates, .xlsx exports) leaves
through `send_download`: always as an attachment, never shown inside the portal's pages, under a name that
is safe in a header (RFC 6266: an ASCII `filename` for old clients and the exact name as UTF-8 `filename*`).
The security-headers hook gives attachments a sandboxing Content-Security-Policy."""

import unicodedata
from urllib.parse import quote

from flask import Response, send_file

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: the name when nothing printable is left of the original
FALLBACK_NAME = "tep-tai-ve"
#: most file systems take 255 bytes; a UTF-8 Vietnamese character takes up to 3
MAX_NAME_CHARS = 120


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
    """The name without control or format characters (NUL, line breaks, right-to-left overrides) and
    without folders; what is left, or a fixed name when nothing is."""
    text = unicodedata.normalize("NFC", name or "")
    text = "".join("_" if char in "/\\" else char for char in text if not unicodedata.category(char).startswith("C"))
    text = text.strip(" .")
    return _shorten(text) or FALLBACK_NAME


def ascii_name(name: str) -> str:
    """For clients that ignore filename*: Vietnamese without its marks, anything else as "_"."""
    plain = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(char for char in plain if not unicodedata.combining(char))
    return "".join(char if " " <= char <= "~" and char not in "\"\\%" else "_" for char in plain)


def _shorten(name: str) -> str:
    if len(name) <= MAX_NAME_CHARS:
        return name
    stem, dot, extension = name.rpartition(".")
    if dot and 0 < len(extension) <= 10:
        return stem[:MAX_NAME_CHARS - len(extension) - 1] + "." + extension
    return name[:MAX_NAME_CHARS]
