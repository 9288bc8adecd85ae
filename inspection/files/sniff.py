"""What a file really is, from its first bytes, whatever its name says."""

import zipfile

from inspection.files import zipguard

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
OLE = "application/x-ole-storage"  # .doc / .xls of Office 97–2003
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
PNG, JPEG, GIF, WEBP, TIFF = "image/png", "image/jpeg", "image/gif", "image/webp", "image/tiff"

EXTENSIONS = {PDF: "pdf", DOCX: "docx", XLSX: "xlsx", PPTX: "pptx", OLE: "doc", ODT: "odt", ODS: "ods",
              PNG: "png", JPEG: "jpg", GIF: "gif", WEBP: "webp", TIFF: "tif"}

#: longer than any OpenDocument type name
MIMETYPE_BYTES = 200
#: what an evidence file may be: PDF, Word, Excel, images
EVIDENCE_TYPES = frozenset({PDF, DOCX, XLSX, OLE, ODT, ODS, PNG, JPEG, GIF, WEBP, TIFF})

_SIGNATURES = [
    (b"%PDF-", PDF), (b"\x89PNG\r\n\x1a\n", PNG), (b"\xff\xd8\xff", JPEG), (b"GIF87a", GIF), (b"GIF89a", GIF),
    (b"II*\x00", TIFF), (b"MM\x00*", TIFF), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", OLE),
]


def detect_type(head: bytes, whole: bytes | None = None) -> str | None:
    """The content type, or None when it is none of the types the portal accepts.
    A ZIP beyond the bounds of zipguard raises zipguard.UnsafeArchive."""
    for signature, content_type in _SIGNATURES:
        if head.startswith(signature):
            return content_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"PK\x03\x04") and whole is not None:
        return _office_zip_type(whole)
    return None


def _office_zip_type(data: bytes) -> str | None:
    """A .docx, .xlsx or OpenDocument file is a ZIP; which one it is, its member names tell."""
    try:
        with zipguard.open_archive(data) as archive:
            names = set(archive.namelist())
            mimetype = _mimetype(archive) if "mimetype" in names else ""
    except (zipfile.BadZipFile, KeyError, ValueError):
        return None
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    if "ppt/presentation.xml" in names:
        return PPTX
    return {ODT: ODT, ODS: ODS}.get(mimetype)


def _mimetype(archive: zipfile.ZipFile) -> str:
    """OpenDocument's `mimetype` member: a short ASCII line, so only its first bytes are read."""
    with archive.open("mimetype") as member:
        return member.read(MIMETYPE_BYTES).decode("ascii", "ignore").strip()
