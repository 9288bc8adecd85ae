"""The register's export to .xlsx: every recommendation the register lists under the same filters and scope
(`register_query`), all pages of it. Recommendations come FETCH at a time (yield_per: a server-side cursor on
PostgreSQL, and one selectinload of the responsible units per batch instead of one per row) and go into
openpyxl's write-only workbook, which spools them to disk: 140,000 rows never sit in memory at once.
Request-free: the view passes the user, the filters and the day."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import IO

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from inspection.extensions import db
from inspection.findings.models import FindingCategory, Recommendation, Severity, UnitStatus, VerifiedStatus
from inspection.findings.queries import is_overdue
from inspection.findings.register import register_query
from inspection.formatting import vn_date
from inspection.imports.workbook import HEADER_FILL
from inspection.timeutil import to_vietnam_time

#: recommendations fetched from the database (and their responsible units loaded) at a time
FETCH = 1000
DAY_FORMAT = "DD/MM/YYYY"
WIDTHS = (6, 10, 60, 40, 30, 14, 30, 36, 45, 12, 12, 12, 10, 26, 12)
DATE_COLUMNS = (9, 10, 11, 14)  # Ngày ban hành, Hạn ban đầu, Hạn hiện tại, Ngày xác minh (0-based)
#: how the list is ordered, not which rows it holds: left out of the filters in words
ORDERING_FIELDS = frozenset({"sort", "order"})


@dataclass(frozen=True)
class Heading:
    """The lines above the table: what this is, which filters made it, when and by whom."""

    title: str
    filters: list[str]
    exported_at: datetime  # Vietnam time
    exported_by: str


def column_headers() -> list[str]:
    return [_("STT"), _("Số kiến nghị"), _("Nội dung kiến nghị"), _("Phát hiện"), _("Lĩnh vực"), _("Mức độ"),
            _("Đơn vị được kiểm tra"), _("Đoàn kiểm tra"), _("Đơn vị chịu trách nhiệm (tình trạng)"),
            _("Ngày ban hành"), _("Hạn ban đầu"), _("Hạn hiện tại"), _("Số ngày quá hạn"), _("Kết quả xác minh"),
            _("Ngày xác minh")]


def describe_filters(form) -> list[str]:
    """The filters in force, in words ("Mức độ: Nghiêm trọng"), read from whichever fields the form has."""
    active = [name for name in form.filters() if name in form and name not in ORDERING_FIELDS]
    return [_field_words(form[name]) for name in active]


def _field_words(field) -> str:
    label = str(field.label.text)
    if field.type == "BooleanField":
        return label
    return f"{label}: {_value_words(field)}"


def _value_words(field) -> str:
    if hasattr(field, "iter_choices") and field.choices is not None:
        return ", ".join(str(label) for _value, label, selected, *_rest in field.iter_choices() if selected)
    data = field.data
    if isinstance(data, date):
        return vn_date(data)
    if hasattr(data, "code") and hasattr(data, "name"):
        return f"{data.name} ({data.code})"
    return str(data)


def export_rows(user, filters: dict, today: date) -> Iterator[list]:
    """The file's rows in the register's order, numbered from 1; labels are translated once, not per row."""
    labels = {member: member.label for enum_cls in (FindingCategory, Severity, UnitStatus, VerifiedStatus)
              for member in enum_cls}
    query = register_query(user, filters, today).execution_options(yield_per=FETCH)
    for number, recommendation in enumerate(db.session.scalars(query), start=1):
        yield _row(number, recommendation, labels, today)


def _row(number: int, rec: Recommendation, labels: dict, today: date) -> list:
    finding = rec.finding
    shares = "; ".join(f"{share.unit.name} ({labels[share.status]})" for share in rec.responsibilities)
    days_overdue = (today - rec.current_due).days if is_overdue(rec, today) else None
    verified_on = to_vietnam_time(rec.verified_at).date() if rec.verified_at else None
    return [number, rec.id, rec.text, finding.title, labels[finding.category], labels[finding.severity],
            finding.unit.name, finding.mission.title, shares, rec.issued_on, rec.original_due, rec.current_due,
            days_overdue, labels[rec.verified_status], verified_on]


def write_workbook(handle: IO[bytes], heading: Heading, rows: Iterable[list]) -> int:
    """Write the heading, the column headers and the rows into `handle`; the number of rows written."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(heading.title[:31])
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    header_row = _write_heading(sheet, heading) + 1
    sheet.freeze_panes = f"C{header_row + 1}"
    sheet.append([_styled(sheet, text, bold=True, fill=True) for text in column_headers()])
    count = 0
    for row in rows:
        for index in DATE_COLUMNS:
            row[index] = _date_cell(sheet, row[index])
        sheet.append(row)
        count += 1
    sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(WIDTHS))}{header_row + count}"
    workbook.save(handle)
    return count


def _write_heading(sheet, heading: Heading) -> int:
    """The title, the filters and the export time, then a blank line; the number of rows used."""
    filters = "; ".join(heading.filters) if heading.filters else _("không lọc (mọi kiến nghị bạn được xem)")
    lines = [_styled(sheet, heading.title, bold=True, size=14),
             _("Bộ lọc: %(filters)s", filters=filters),
             _("Xuất lúc %(moment)s (giờ Việt Nam), người xuất: %(name)s",
               moment=heading.exported_at.strftime("%d/%m/%Y %H:%M"), name=heading.exported_by)]
    for line in lines:
        sheet.append([line])
    sheet.append([])
    return len(lines) + 1


def _styled(sheet, value, bold: bool = False, fill: bool = False, size: int | None = None) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = Font(bold=bold, size=size)
    if fill:
        cell.fill = HEADER_FILL
    return cell


def _date_cell(sheet, value: date | None):
    """A real Excel date shown dd/mm/yyyy (Excel would otherwise show yyyy-mm-dd)."""
    if value is None:
        return None
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = DAY_FORMAT
    return cell
