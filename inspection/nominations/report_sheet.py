"""The award statistics report as a workbook in the layout of Biểu số 0603.N/BNV-TĐKT ("Số lượng khen thưởng cấp
bộ, ban, ngành, đoàn thể Trung ương và tỉnh, thành phố trực thuộc Trung ương", Thông tư 02/2023/TT-BNV guiding
the Law on Emulation and Commendation 2022): code rows 01–17 (total; by recipient, individuals by the form's
groups; by method), column 1 the total, columns 2–5 split by form (Bằng khen, Chiến sĩ thi đua, Cờ thi đua,
Huy hiệu / kỷ niệm chương).

Column 1 is the report page's own number for the line (sections V and VI of the page, which group the lines the
same way); columns 2–5 add the form to the line's criteria and are counted in one more GROUP-less query. Every
cell is written through documents/sheets.py: numbers stay numbers, no formula, no control character."""

from __future__ import annotations

import io
from dataclasses import dataclass

from flask_babel import force_locale
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from sqlalchemy import case, func, select, true

from inspection.documents.sheets import cell_value, text_cell
from inspection.extensions import db
from inspection.nominations.figures import DECIDED, LINES, MEASURE_STATUSES, PROVINCIAL_SOLDIER, Line
from inspection.nominations.filters import DossierFilter
from inspection.nominations.models import AchievementType, Dossier, LeaderGroup
from inspection.nominations.report import Report, scope_where

FORM_ID = "Biểu số: 0603.N/BNV-TĐKT"
LEGAL_BASIS = "Ban hành kèm theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023 của Bộ Nội vụ"
TITLE = ("SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG VÀ TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG")
#: the "Chia ra" columns: (heading, criteria added to the line's)
SPLIT = (("Bằng khen", {"group": "merit_certificate"}),
         ("Chiến sĩ thi đua cấp bộ, cấp tỉnh", {"form": list(PROVINCIAL_SOLDIER)}),
         ("Cờ thi đua của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương",
          {"group": "emulation_flag"}),
         ("Huy hiệu (kỷ niệm chương) của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương",
          {"group": "commemorative"}))
NOTE = ("Ghi chú: cột 1 (Tổng số) là số hồ sơ đã có quyết định khen thưởng do Chủ tịch UBND tỉnh quyết định, gồm cả "
        "các hình thức không có cột riêng trong biểu (danh hiệu “Tập thể lao động xuất sắc”…); số liệu như trên trang "
        "Báo cáo thống kê khen thưởng.")
WIDTHS = (58, 8, 12, 12, 12, 14, 18, 18)
BOLD = Font(bold=True)


@dataclass(frozen=True)
class FormLine:
    label: str
    code: str = ""  # "01"…"17"; empty for a heading line
    unit: str = ""  # đơn vị tính
    key: str = ""  # the report line counted


def form_lines() -> list[FormLine]:
    with force_locale("vi"):
        groups = [FormLine(f"+ {group.label}", f"{6 + index:02d}", "Người", f"b0603.{group.value}")
                  for index, group in enumerate(LeaderGroup)]
        methods = [FormLine(f"- {kind.label}", f"{11 + index:02d}", "", f"b0603.{kind.value}")
                   for index, kind in enumerate(AchievementType)]
    return [FormLine("Tổng số", "01", "", "provincial.total"),
            FormLine("1. Chia theo đối tượng khen thưởng"),
            FormLine("- Tập thể", "02", "Tập thể", "provincial.collectives"),
            FormLine("Trong đó: Doanh nghiệp", "03", "Doanh nghiệp", "b0603.enterprises"),
            FormLine("- Hộ gia đình", "04", "Hộ", "provincial.households"),
            FormLine("- Cá nhân", "05", "Người", "provincial.individuals"),
            *groups, FormLine("2. Chia theo phương thức khen thưởng"), *methods]


def split_counts(report: Report, visible_ids: set[int] | None, lines: list[FormLine]) -> dict[tuple[str, int], int]:
    """(line key, column index) → the decided dossiers of the line awarded in that column's forms: one query."""
    day = report.scope.reference_day()
    cells = [(line.key, index, _condition(line.key, extra, day))
             for line in lines if line.key for index, (_title, extra) in enumerate(SPLIT)]
    sums = [func.coalesce(func.sum(case((condition, 1), else_=0)), 0) for _key, _index, condition in cells]
    where = scope_where(report.scope, visible_ids)
    row = db.session.execute(select(*sums).where(where, Dossier.status.in_(MEASURE_STATUSES[DECIDED]))).one()
    return {(key, index): int(value) for (key, index, _c), value in zip(cells, row, strict=True)}


def _condition(key: str, extra: dict, day):
    condition = Line(key, "", LINES[key].criteria | extra).condition(as_of=day)
    return true() if condition is None else condition


def workbook_bytes(report: Report, visible_ids: set[int] | None, reporter: str, period: str) -> bytes:
    lines = form_lines()
    split = split_counts(report, visible_ids, lines)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Biểu 0603")
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in _heading(sheet, reporter, period):
        sheet.append(row)
    for line in lines:
        sheet.append(_line_row(sheet, report, split, line))
    sheet.append([])
    sheet.append([cell_value(sheet, NOTE)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _bold(sheet, text: str):
    cell = text_cell(sheet, text)
    cell.font = BOLD
    cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    return cell


def _heading(sheet, reporter: str, period: str) -> list[list]:
    return [[_bold(sheet, FORM_ID), None, None, None, None, cell_value(sheet, f"Đơn vị báo cáo: {reporter}")],
            [cell_value(sheet, LEGAL_BASIS)],
            [],
            [_bold(sheet, TITLE)],
            [cell_value(sheet, period)],
            [],
            [_bold(sheet, ""), _bold(sheet, "Mã số"), _bold(sheet, "Đơn vị tính"), _bold(sheet, "Tổng số"),
             *(_bold(sheet, f"Chia ra: {title}" if index == 0 else title) for index, (title, _e) in enumerate(SPLIT))],
            [_bold(sheet, text) for text in ("A", "B", "C", "1", "2", "3", "4", "5")]]


def _line_row(sheet, report: Report, split: dict, line: FormLine) -> list:
    if not line.key:
        return [_bold(sheet, line.label)]
    label = _bold(sheet, line.label) if line.code == "01" else cell_value(sheet, line.label)
    return [label, cell_value(sheet, line.code), cell_value(sheet, line.unit), report.value(line.key),
            *(split[(line.key, index)] for index in range(len(SPLIT)))]


def period_text(scope: DossierFilter) -> str:
    """"Năm thi đua 2017" / "Năm thi đua 2015 – 2017"; the submission dates when those are the period."""
    start, end = scope.year_from, scope.year_to
    if start or end:
        years = str(start or end) if start == end or not (start and end) else f"{start} – {end}"
        prefix = "Năm thi đua" if start and end else ("Năm thi đua từ" if start else "Năm thi đua đến")
        return f"{prefix} {years}"
    if scope.submitted_from or scope.submitted_to:
        first = scope.submitted_from.strftime("%d/%m/%Y") if scope.submitted_from else "…"
        last = scope.submitted_to.strftime("%d/%m/%Y") if scope.submitted_to else "…"
        return f"Hồ sơ trình từ {first} đến {last}"
    return "Mọi năm thi đua có hồ sơ trên Cổng"
