"""Stream an uploaded .xlsx or .csv row by row, with the header rules, cleaning and messages of
inspection.imports.reader (whose helpers it reuses), so that a 100,000-row file is never held as
100,000 Row objects. Request-free: the caller passes the bytes, the file name and the size limit."""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain, islice

from flask_babel import gettext as _

from inspection.imports import reader
from inspection.imports.reader import HEADER_SEARCH_ROWS, Row, clean, display_name


@dataclass
class StreamedTable:
    filename: str
    columns: list[str]
    #: data rows after the header, read as they are consumed (once)
    rows: Iterator[Row]


@contextmanager
def open_table(data: bytes, filename: str, *, columns: Sequence[str], required: Sequence[str],
               max_bytes: int) -> Iterator[StreamedTable]:
    """The file's header checked now (RuleViolation(field="file") as the reader raises it), its rows read
    while the caller iterates inside the `with` block."""
    name = display_name(filename)
    reader._check_size(data, name, max_bytes)
    with _raw_rows(data, name, columns) as raw:
        rows = _non_empty((number, [clean(value) for value in cells]) for number, cells in raw)
        yield _headed_table(rows, name, columns, required)


@contextmanager
def _raw_rows(data: bytes, name: str, columns: Sequence[str]):
    if name.lower().endswith(".xlsx"):
        with reader.xlsx_rows(data, name) as rows:  # the same bounded opening as the unit and group imports
            yield rows
    else:  # .csv (the text is in memory already) or a refused type: the reader decides and explains
        yield iter(reader._raw_rows(data, name, columns))


def _non_empty(rows):
    return ((number, cells) for number, cells in rows if any(value is not None for value in cells))


def _headed_table(rows: Iterator, name: str, columns: Sequence[str], required: Sequence[str]) -> StreamedTable:
    """The header is looked for among the first rows with data, as the reader does; the rest streams."""
    first_rows = list(islice(rows, HEADER_SEARCH_ROWS))
    if not first_rows:
        reader._refuse(_("Tệp “%(name)s” không có dữ liệu.", name=name))
    start = reader._header_index(first_rows, required)
    header = first_rows[start][1]
    positions = reader._map_header(header, name, columns, required)
    data_rows = chain(first_rows[start + 1:], rows)
    first = next(data_rows, None)
    if first is None:
        reader._refuse(_("Tệp “%(name)s” chỉ có dòng tiêu đề, chưa có dòng dữ liệu nào.", name=name))
    headed = {index for index, cell in enumerate(header) if cell is not None}
    return StreamedTable(name, list(positions), (reader._row(number, cells, positions, headed)
                                                 for number, cells in chain([first], data_rows)))
