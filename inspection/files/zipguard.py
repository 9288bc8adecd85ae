"""The one door for uploaded ZIP-based files (.docx, .xlsx, OpenDocument). Before anything reads a member,
every member is inflated here in bounded chunks, counting the real bytes (the sizes an archive declares can
lie), and the archive is refused beyond a member count, a total inflated size and a compression ratio
(ZIP_MAX_* in inspection/config.py). Only then may a caller open members or hand the bytes to openpyxl, whose
XML parsing goes through defusedxml (installed from requirements.txt), so entities are never expanded."""

import io
import struct
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from flask import current_app, has_app_context
from flask_babel import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from inspection.config import DefaultConfig

CHUNK = 64 * 1024
#: members inflating to less than this are not refused for their ratio: they cannot hurt, and small parts
#: full of repeated markup compress oddly well (Apache POI's ZipSecureFile has the same kind of grace)
RATIO_GRACE_BYTES = 1024 * 1024
#: a central directory entry is 46 bytes plus the name, extra field and comment: Office writes far less.
#: zipfile reads the whole directory into objects, so its size is bounded before zipfile sees it.
DIRECTORY_BYTES_PER_MEMBER = 1024
_END, _END64, _LOCATOR64, _LOCAL = b"PK\x05\x06", b"PK\x06\x06", b"PK\x06\x07", b"PK\x03\x04"
_END_SEARCH = 22 + 65535  # the end record and the longest comment
#: what openpyxl raises on a damaged workbook (defusedxml's refusals of entities are ValueErrors, expat's
#: syntax errors SyntaxErrors); a reader turns them into "not a valid .xlsx"
READ_ERRORS = (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError, OSError, EOFError,
               SyntaxError, zlib.error)


class UnsafeArchive(Exception):
    """The archive breaks a bound; `reason` says which, in words for the user."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class ZipLimits:
    max_members: int
    max_inflated: int
    max_ratio: int

    @classmethod
    def current(cls) -> "ZipLimits":
        """The deployment's limits; the defaults outside an application (a script, a unit test).
        Read here, once, rather than threaded through every upload's call chain: it is a server safety bound."""
        config = current_app.config if has_app_context() else {}

        def setting(key: str) -> int:
            return int(config.get(key, getattr(DefaultConfig, key)))

        return cls(setting("ZIP_MAX_MEMBERS"), setting("ZIP_MAX_INFLATED_BYTES"), setting("ZIP_MAX_RATIO"))


def refusal(name: str, error: UnsafeArchive) -> str:
    """The message shown beside the file field."""
    return _("Tệp “%(name)s” bị từ chối: %(reason)s. Tệp có thể là “bom nén” hoặc đã bị hỏng; hãy mở tệp "
             "bằng phần mềm văn phòng, lưu lại rồi tải lên lần nữa.", name=name, reason=error.reason)


def check(data: bytes, limits: ZipLimits | None = None) -> None:
    """Return quietly when the archive is within the limits; raise UnsafeArchive when it is not and
    zipfile.BadZipFile when it is no readable ZIP."""
    limits = limits or ZipLimits.current()
    _check_directory(data, limits)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
    _check_declared(members, limits)
    view, total = memoryview(data), 0
    for info in members:
        total += _inflated_size(view, info, limits, limits.max_inflated - total)


@contextmanager
def open_archive(data: bytes) -> Iterator[zipfile.ZipFile]:
    """The archive, checked first."""
    check(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        yield archive


def read_only_workbook(data: bytes):
    """An .xlsx opened by openpyxl in read-only mode (cell values, not formulas), checked first; the caller
    closes it. UnsafeArchive and the READ_ERRORS of a damaged file are the caller's to turn into a message."""
    check(data)
    return load_workbook(io.BytesIO(data), read_only=True, data_only=True)


def _too_many(limits: ZipLimits) -> UnsafeArchive:
    return UnsafeArchive(_("tệp nén chứa quá nhiều thành phần (tối đa %(count)s)", count=limits.max_members))


def _too_large(limits: ZipLimits) -> UnsafeArchive:
    return UnsafeArchive(_("nội dung giải nén lớn hơn %(mb)s MB", mb=limits.max_inflated // (1024 * 1024)))


def _too_compressed(limits: ZipLimits) -> UnsafeArchive:
    return UnsafeArchive(_("tỉ lệ nén bất thường (hơn %(ratio)s lần)", ratio=limits.max_ratio))


def _lying() -> UnsafeArchive:
    return UnsafeArchive(_("kích thước khai báo trong tệp nén không khớp nội dung thật"))


def _check_directory(data: bytes, limits: ZipLimits) -> None:
    """Member count and directory size from the end record, before zipfile builds an object per member."""
    end = data.rfind(_END, max(0, len(data) - _END_SEARCH))
    if end < 0 or len(data) < end + 22:
        raise zipfile.BadZipFile("no end of central directory")
    entries, size = struct.unpack("<HI", data[end + 10:end + 16])
    if entries == 0xFFFF or size == 0xFFFFFFFF:
        entries, size = _zip64_directory(data, end)
    if entries > limits.max_members or size > limits.max_members * DIRECTORY_BYTES_PER_MEMBER:
        raise _too_many(limits)


def _zip64_directory(data: bytes, end: int) -> tuple[int, int]:
    locator = end - 20
    if locator < 0 or data[locator:locator + 4] != _LOCATOR64:
        raise zipfile.BadZipFile("no zip64 locator")
    (offset,) = struct.unpack("<Q", data[locator + 8:locator + 16])
    if data[offset:offset + 4] != _END64:
        raise zipfile.BadZipFile("no zip64 end record")
    return struct.unpack("<QQ", data[offset + 32:offset + 48])


def _check_declared(members: list[zipfile.ZipInfo], limits: ZipLimits) -> None:
    """What the directory declares: refused at once, before a byte is inflated."""
    if len(members) > limits.max_members:
        raise _too_many(limits)
    if sum(info.file_size for info in members) > limits.max_inflated:
        raise _too_large(limits)
    for info in members:
        if info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise UnsafeArchive(_("tệp nén dùng mã hóa hoặc kiểu nén không được hỗ trợ"))
        if _over_ratio(info.file_size, info.compress_size, limits):
            raise _too_compressed(limits)


def _over_ratio(inflated: int, compressed: int, limits: ZipLimits) -> bool:
    return inflated > RATIO_GRACE_BYTES and inflated > limits.max_ratio * max(compressed, 1)


def _inflated_size(view: memoryview, info: zipfile.ZipInfo, limits: ZipLimits, budget: int) -> int:
    """The member's real inflated size, inflated CHUNK by CHUNK and given up as soon as it passes its declared
    size, the remaining budget or the ratio; it must end exactly at its declared size."""
    start = _data_start(view, info)
    compressed = view[start:start + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        produced = len(compressed)
    else:
        produced = _inflate_counting(compressed, info, limits, budget)
    if produced > budget:
        raise _too_large(limits)
    if produced != info.file_size:
        raise _lying()
    return produced


def _inflate_counting(compressed: memoryview, info: zipfile.ZipInfo, limits: ZipLimits, budget: int) -> int:
    inflater, produced, position, pending = zlib.decompressobj(-zlib.MAX_WBITS), 0, 0, b""
    while not inflater.eof:
        if not pending:
            if position >= len(compressed):
                raise _lying()  # the deflate stream is cut short
            pending, position = compressed[position:position + CHUNK], position + CHUNK
        try:
            produced += len(inflater.decompress(pending, CHUNK))
        except zlib.error:
            raise zipfile.BadZipFile(f"bad deflate data in {info.filename!r}") from None
        pending = inflater.unconsumed_tail
        _check_progress(produced, min(position, len(compressed)) - len(pending), info, limits, budget)
    return produced


def _check_progress(produced: int, consumed: int, info: zipfile.ZipInfo, limits: ZipLimits, budget: int) -> None:
    if produced > budget:
        raise _too_large(limits)
    if produced > info.file_size:
        raise _lying()
    if _over_ratio(produced, consumed, limits):
        raise _too_compressed(limits)


def _data_start(view: memoryview, info: zipfile.ZipInfo) -> int:
    """Where the member's compressed bytes begin, after its local header."""
    offset = info.header_offset
    header = bytes(view[offset:offset + 30])
    if len(header) < 30 or header[:4] != _LOCAL:
        raise zipfile.BadZipFile(f"bad local header for {info.filename!r}")
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    return offset + 30 + name_length + extra_length
