"""Writing rows into openpyxl write-only sheets the way Vietnamese readers expect: dates as real Excel dates
shown dd/mm/yyyy. Shared by the register export and the dossier export."""

from collections.abc import Iterable
from datetime import date

from openpyxl.cell import WriteOnlyCell

DAY_FORMAT = "DD/MM/YYYY"


def date_cell(sheet, value: date | None):
    """A real Excel date shown dd/mm/yyyy (Excel would otherwise show yyyy-mm-dd)."""
    if value is None:
        return None
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = DAY_FORMAT
    return cell


def append_rows(sheet, rows: Iterable[list], date_columns: Iterable[int]) -> int:
    """Append every row (a list, changed in place), its date columns as date cells; the number appended."""
    date_columns = tuple(date_columns)
    count = 0
    for row in rows:
        for index in date_columns:
            row[index] = date_cell(sheet, row[index])
        sheet.append(row)
        count += 1
    return count
