"""Read an uploaded .xlsx or .csv into its header and numbered data rows. Request-free: the caller
passes the bytes, the file name and the size limit. File-level problems raise RuleViolation(field="file")."""

import csv
import io
import os
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import NoReturn

from flask_babel import gettext as _

from inspection.files import zipguard
from inspection.files.names import clean_file_name
from inspection.plaintext import strip_controls
from inspection.rules import RuleViolation

FILE_FIELD = "file"
DELIMITERS = (",", ";", "\t")
ZIP_MAGIC = b"PK\x03\x04"
#: how many rows with data may precede the header row (titles, dates of the list)
HEADER_SEARCH_ROWS = 10
#: characters Excel and Windows leave around text that str.strip() keeps
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


@dataclass
class Row:
    number: int
    #: canonical column header → cleaned cell value (None when empty)
    values: dict[str, object]
    #: 1-based positions of cells holding data under no header
    stray: list[int] = field(default_factory=list)


@dataclass
class Table:
    filename: str
    columns: list[str]
    #: data rows after the header: a list, or (from open_table) read once as they are consumed
    rows: Iterable[Row]


def normalise_key(text) -> str:
    """How headers and closed vocabularies are compared: NFC, case-folded, spaces collapsed."""
    folded = unicodedata.normalize("NFC", str(text)).casefold()
    return " ".join(unicodedata.normalize("NFC", folded).split())


def clean(value):
    """Strings without control characters, stripped and NFC-normalised, empty strings as None; numbers and
    dates as they are. (A re-imported note compares equal to the cleaned one the database holds.)"""
    if isinstance(value, str):
        value = unicodedata.normalize("NFC", strip_controls(value)).strip().strip(INVISIBLE).strip()
        return value or None
    return value


def display_name(filename: str | None) -> str:
    """The file's own name, without any folder a browser may have sent with it nor control characters
    (it is shown, kept with an upload waiting for confirmation and written into the audit log)."""
    return clean_file_name(filename, _("(không tên)"))


def read_table(data: bytes, filename: str, *, columns: Sequence[str], required: Sequence[str],
               max_bytes: int) -> Table:
    """The whole file at once (for a small file, or a test)."""
    with open_table(data, filename, columns=columns, required=required, max_bytes=max_bytes) as table:
        return Table(table.filename, table.columns, list(table.rows))


@contextmanager
def open_table(data: bytes, filename: str, *, columns: Sequence[str], required: Sequence[str],
               max_bytes: int) -> Iterator[Table]:
    """The file's header checked now (RuleViolation(field="file")), its rows read while the caller iterates
    inside the `with` block: a 100,000-row file is never held as 100,000 Row objects."""
    name = display_name(filename)
    _check_size(data, name, max_bytes)
    with _raw_rows(data, name, columns) as raw:
        cleaned = ((number, [clean(value) for value in cells]) for number, cells in raw)
        rows = ((number, cells) for number, cells in cleaned if any(value is not None for value in cells))
        yield _headed_table(rows, name, columns, required)


def check_upload(data: bytes, filename: str, max_bytes: int) -> None:
    """What is refused at the upload itself, in well under a second whatever the file: empty or too big, not
    .xlsx / .csv, an .xlsx that is no ZIP or breaks zipguard's bounds (a bomb). The rest (the header, the
    rows, damage inside the sheet) is the preview's, which reads the file in a job."""
    name = display_name(filename)
    _check_size(data, name, max_bytes)
    extension = os.path.splitext(name)[1].lower()
    if extension == ".xlsx":
        not_xlsx = _("Tệp “%(name)s” không phải bảng tính Excel .xlsx hợp lệ (nội dung không đúng định dạng). "
                     "Hãy mở tệp bằng Excel và lưu lại dưới dạng .xlsx hoặc .csv.", name=name)
        if not data.startswith(ZIP_MAGIC):
            _refuse(not_xlsx)
        try:
            zipguard.check(data)
        except zipguard.UnsafeArchive as error:
            _refuse(zipguard.refusal(name, error))
        except zipguard.READ_ERRORS:
            _refuse(not_xlsx)
    elif extension != ".csv":
        _refuse(_("Chỉ nhận tệp Excel .xlsx hoặc .csv; tệp “%(name)s” không thuộc hai loại này "
                  "(tệp .xls cũ: mở bằng Excel rồi lưu lại dưới dạng .xlsx).", name=name))


def _refuse(message: str) -> NoReturn:
    raise RuleViolation(message, field=FILE_FIELD)


def _check_size(data: bytes, name: str, max_bytes: int) -> None:
    if not data:
        _refuse(_("Tệp “%(name)s” rỗng.", name=name))
    if len(data) > max_bytes:
        _refuse(_("Tệp “%(name)s” lớn hơn giới hạn %(limit)s MB.", name=name, limit=f"{max_bytes / 1048576:g}"))


@contextmanager
def _raw_rows(data: bytes, name: str, columns: Sequence[str]) -> Iterator[Iterator[tuple[int, list]]]:
    extension = os.path.splitext(name)[1].lower()
    if extension == ".xlsx":
        with xlsx_rows(data, name) as rows:
            yield rows
    elif extension == ".csv":
        yield iter(_csv_rows(data, name, columns))
    else:
        _refuse(_("Chỉ nhận tệp Excel .xlsx hoặc .csv; tệp “%(name)s” không thuộc hai loại này "
                  "(tệp .xls cũ: mở bằng Excel rồi lưu lại dưới dạng .xlsx).", name=name))


@contextmanager
def xlsx_rows(data: bytes, name: str) -> Iterator[Iterator[tuple[int, tuple]]]:
    """The first sheet's (row number, cells), read while the caller iterates inside the `with` block.
    The archive passes zipguard first; a bomb or a damaged file is refused with RuleViolation(field="file")."""
    not_xlsx = _("Tệp “%(name)s” không phải bảng tính Excel .xlsx hợp lệ (nội dung không đúng định dạng). "
                 "Hãy mở tệp bằng Excel và lưu lại dưới dạng .xlsx hoặc .csv.", name=name)
    workbook = _open_workbook(data, name, not_xlsx)
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # some generators write a wrong size; read what is there
        yield _refusing_on_damage(enumerate(sheet.iter_rows(values_only=True), start=1), not_xlsx)
    finally:
        workbook.close()


def _open_workbook(data: bytes, name: str, not_xlsx: str):
    if not data.startswith(ZIP_MAGIC):
        _refuse(not_xlsx)
    try:
        return zipguard.read_only_workbook(data)
    except zipguard.UnsafeArchive as error:
        _refuse(zipguard.refusal(name, error))
    except zipguard.READ_ERRORS:
        _refuse(not_xlsx)


def _refusing_on_damage(rows: Iterator, message: str) -> Iterator:
    """openpyxl parses the sheet while it is iterated: damage found then (a broken tag, an entity that
    defusedxml forbids) is refused like damage found on opening. The caller's own errors are not caught."""
    try:
        yield from rows
    except zipguard.READ_ERRORS:
        _refuse(message)


def _csv_rows(data: bytes, name: str, columns: Sequence[str]) -> list[tuple[int, list]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = None
    if text is None or "\x00" in text:
        _refuse(_("Tệp “%(name)s” không phải tệp CSV mã UTF-8. Trong Excel, chọn Lưu thành → "
                  "“CSV UTF-8 (Comma delimited)”.", name=name))
    delimiter = sniff_delimiter(text, columns)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        _refuse(_("Không đọc được tệp CSV “%(name)s”: %(reason)s.", name=name, reason=str(error)))
    return list(enumerate(records, start=1))


def sniff_delimiter(text: str, columns: Sequence[str]) -> str:
    """The delimiter among , ; tab that splits the header line into the most known headers
    (then into the most cells): robust to "Tên cụm, khối" inside a ;-separated header."""
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    known = {normalise_key(column) for column in columns}

    def score(delimiter: str) -> tuple[int, int]:
        cells = next(csv.reader([first_line], delimiter=delimiter), [])
        return sum(normalise_key(cell) in known for cell in cells), len(cells)

    return max(DELIMITERS, key=score)


def _headed_table(rows: Iterator, name: str, columns: Sequence[str], required: Sequence[str]) -> Table:
    """The header is looked for among the first rows with data; the rest streams."""
    first_rows = list(islice(rows, HEADER_SEARCH_ROWS))
    if not first_rows:
        _refuse(_("Tệp “%(name)s” không có dữ liệu.", name=name))
    start = _header_index(first_rows, required)
    header = first_rows[start][1]
    positions = _map_header(header, name, columns, required)
    data_rows = chain(first_rows[start + 1:], rows)
    first = next(data_rows, None)
    if first is None:
        _refuse(_("Tệp “%(name)s” chỉ có dòng tiêu đề, chưa có dòng dữ liệu nào.", name=name))
    headed = {index for index, cell in enumerate(header) if cell is not None}
    return Table(name, list(positions),
                 (_row(number, cells, positions, headed) for number, cells in chain([first], data_rows)))


def _header_index(rows: list[tuple[int, list]], required: Sequence[str]) -> int:
    """The first row naming every required column, among the first few rows with data (a title such as
    "DANH SÁCH ĐƠN VỊ" may sit above it); else the first row, whose missing columns are then reported."""
    wanted = {normalise_key(column) for column in required}
    for index, (_number, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if wanted <= {normalise_key(cell) for cell in cells if cell is not None}:
            return index
    return 0


def _map_header(header: list, name: str, columns: Sequence[str], required: Sequence[str]) -> dict[str, int]:
    """Canonical header → position; unknown headers are ignored, a repeated one is refused."""
    canonical = {normalise_key(column): column for column in columns}
    positions: dict[str, int] = {}
    for index, cell in enumerate(header):
        column = canonical.get(normalise_key(cell)) if cell is not None else None
        if column is not None and column in positions:
            _refuse(_("Tệp “%(name)s” có hai cột “%(column)s”.", name=name, column=column))
        if column is not None:
            positions[column] = index
    missing = [column for column in required if column not in positions]
    if missing:
        _refuse(_("Tệp “%(name)s” thiếu cột bắt buộc %(columns)s. Dòng tiêu đề phải ghi đúng tên cột "
                  "như tệp mẫu.", name=name, columns=", ".join(f"“{c}”" for c in missing)))
    return positions


def _row(number: int, cells: list, positions: dict[str, int], headed: set[int]) -> Row:
    values = {column: cells[index] if index < len(cells) else None for column, index in positions.items()}
    stray = [index + 1 for index, value in enumerate(cells) if value is not None and index not in headed]
    return Row(number, values, stray)
