"""Writing rows into openpyxl sheets: the one place where a value becomes a cell's content, for every
workbook the portal writes (the register export, the dossier export, the import templates).

Numbers and dates stay numbers and dates (a negative number is a number, not text starting with "-"), dates
shown dd/mm/yyyy. Text loses its control characters (openpyxl refuses them, so one old bad row would make the
export fail for everyone), and text that a spreadsheet could take for a formula stays text: openpyxl would
turn "=HYPERLINK(...)" into a live formula, and Excel or LibreOffice re-read a cell starting with "+", "-"
or "@" as a formula as soon as someone edits it. Such a cell is written as a text cell (data type "s") with
Excel's quote prefix, the mark a user's leading apostrophe leaves: the reader sees the original text, not
an apostrophe or a changed value, editing the cell keeps it text, and the dossier export still imports
back unchanged. (A literal apostrophe in front, the usual CSV advice, would change the text and show.)"""

from collections.abc import Iterable
from datetime import date

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, Cell

from inspection.plaintext import strip_controls

DAY_FORMAT = "DD/MM/YYYY"
#: how a formula may start in Excel or LibreOffice; tab and CR because readers strip them before one
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell_value(sheet, value):
    """What to append to `sheet` for `value`: text cleaned, and as a text cell when it could be read as a
    formula (or an error code such as "#N/A"); anything else as it is."""
    if not isinstance(value, str):
        return value
    text = strip_controls(value)
    if text.startswith(FORMULA_STARTS) or text in ERROR_CODES:
        return text_cell(sheet, text)
    return text


def text_cell(sheet, text: str) -> Cell:
    """A cell that shows `text` (cleaned) and never evaluates it; for cells that also get a style."""
    cell = WriteOnlyCell(sheet, value=strip_controls(text))
    cell.data_type = "s"  # openpyxl infers "f" for "=…" and "e" for "#N/A"
    if cell.value.startswith(FORMULA_STARTS):
        cell.quotePrefix = True
    return cell


def safe_row(sheet, values: Iterable) -> list:
    return [cell_value(sheet, value) for value in values]


def date_cell(sheet, value: date | None):
    """A real Excel date shown dd/mm/yyyy (Excel would otherwise show yyyy-mm-dd)."""
    if value is None:
        return None
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = DAY_FORMAT
    return cell


def append_rows(sheet, rows: Iterable[list], date_columns: Iterable[int]) -> int:
    """Append every row, its date columns as date cells and every other value through `cell_value`;
    the number appended."""
    date_columns = frozenset(date_columns)
    count = 0
    for row in rows:
        sheet.append([date_cell(sheet, value) if index in date_columns else cell_value(sheet, value)
                      for index, value in enumerate(row)])
        count += 1
    return count
