"""Template workbooks to fill in, one builder for every import kind: the header row, an example row, drop-down
lists for the closed vocabularies, and a "Hướng dẫn" sheet explaining every column. Always in Vietnamese: it is
a file format."""

import io
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import zip_longest

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from inspection.documents.sheets import safe_row

LIST_SHEET = "Danh mục"
GUIDE_SHEET = "Hướng dẫn"
#: rows of the data sheet that get the drop-down lists and formats
LAST_ROW = 5000
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
TEXT, DAY = "@", "DD/MM/YYYY"


@dataclass
class Column:
    header: str
    required: bool
    explanation: str
    example: object = None
    choices: tuple[str, ...] = ()
    number_format: str | None = None


def build(title: str, columns: list[Column], notes: Sequence[str] = ()) -> bytes:
    """The workbook of an import kind: `columns` in order, its data sheet named `title`, and `notes` (the
    kind's own rules) after the general ones on the guide sheet. Call it under force_locale("vi")."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    _fill_data_sheet(sheet, columns)
    guide = workbook.create_sheet(GUIDE_SHEET)
    _add_guide(guide, columns)
    for line in notes:
        guide.append(safe_row(guide, [line]))
    _add_lists(workbook, sheet, columns)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _fill_data_sheet(sheet, columns: list[Column]) -> None:
    sheet.append(safe_row(sheet, [column.header for column in columns]))
    sheet.append(safe_row(sheet, [column.example for column in columns]))
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        header = sheet.cell(row=1, column=index)
        header.font, header.fill = Font(bold=True), HEADER_FILL
        sheet.column_dimensions[letter].width = max(14, min(45, len(column.header) + 6, 12 + len(str(column.example))))
        if column.number_format:
            sheet.column_dimensions[letter].number_format = column.number_format
            sheet.cell(row=2, column=index).number_format = column.number_format
    sheet.freeze_panes = "A2"


def _add_guide(sheet, columns: list[Column]) -> None:
    sheet.append(safe_row(sheet, [_("Cột"), _("Bắt buộc"), _("Cách ghi")]))
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    for column in columns:
        sheet.append(safe_row(sheet, [column.header, _("Có") if column.required else _("Không"),
                                      column.explanation]))
    sheet.append([])
    for line in (_("Dòng đầu tiên là dòng tiêu đề: giữ nguyên tên các cột. Mỗi dòng tiếp theo là một bản ghi; "
                   "xóa dòng ví dụ trước khi nhập."),
                 _("Ngày ghi dạng dd/mm/yyyy (ví dụ 30/11/2017) hoặc định dạng ngày của Excel."),
                 _("Ô tùy chọn để trống thì giữ nguyên giá trị hiện có, không xóa."),
                 _("Tệp được kiểm tra toàn bộ trước khi ghi: còn một dòng lỗi thì không dòng nào được ghi."),
                 _("Có thể lưu thành CSV UTF-8, phân cách bằng dấu phẩy, chấm phẩy hoặc tab.")):
        sheet.append(safe_row(sheet, [line]))
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 10
    sheet.column_dimensions["C"].width = 90
    for row in sheet.iter_rows(min_row=2):
        row[-1].alignment = Alignment(wrap_text=True, vertical="top")


def _add_lists(workbook: Workbook, sheet, columns: list[Column]) -> None:
    """Drop-downs read their values from a hidden sheet: labels such as "Sở, ban, ngành" hold commas,
    which an inline list cannot."""
    lists = workbook.create_sheet(LIST_SHEET)
    lists.sheet_state = "hidden"
    with_choices = [(index, column) for index, column in enumerate(columns, start=1) if column.choices]
    for row in zip_longest(*((column.header, *column.choices) for _index, column in with_choices)):
        lists.append(safe_row(lists, row))  # the catalogue's names are typed by people
    for list_index, (index, column) in enumerate(with_choices, start=1):
        list_letter, letter = get_column_letter(list_index), get_column_letter(index)
        validation = DataValidation(
            type="list", formula1=f"'{LIST_SHEET}'!${list_letter}$2:${list_letter}${len(column.choices) + 1}",
            allow_blank=not column.required, showErrorMessage=True, errorTitle=_("Giá trị không hợp lệ"),
            error=_("Chọn một giá trị trong danh sách."))
        validation.add(f"{letter}2:{letter}{LAST_ROW}")
        sheet.add_data_validation(validation)
