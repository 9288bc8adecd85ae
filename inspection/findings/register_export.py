"""The register's export to .xlsx: every recommendation the register lists under the same filters and scope
(`register_query`), all pages of it. Rows come FETCH at a time (yield_per: a server-side cursor on PostgreSQL),
each batch's responsible units and unit names by one query each instead of one per row, and go into openpyxl's
write-only workbook, which spools them to disk: 140,000 rows never sit in memory at once.
Request-free: the view passes the user, the filters and the day."""

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import IO

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from inspection.documents.sheets import append_rows, safe_row, text_cell
from inspection.extensions import db
from inspection.findings.models import (
    Finding,
    FindingCategory,
    Recommendation,
    Responsibility,
    Severity,
    UnitStatus,
    VerifiedStatus,
)
from inspection.findings.register import register_query
from inspection.findings.register_filters import names_day
from inspection.formatting import vn_date
from inspection.imports.workbook import HEADER_FILL
from inspection.labels import field_label
from inspection.missions.models import Mission
from inspection.timeutil import to_vietnam_time
from inspection.units.models import Unit

#: rows fetched from the database at a time (and their responsible units looked up together)
FETCH = 1000
WIDTHS = (6, 18, 60, 40, 30, 14, 30, 36, 45, 12, 12, 12, 10, 26, 12)
DATE_COLUMNS = (9, 10, 11, 14)  # Ngày ban hành, Hạn ban đầu, Hạn hiện tại, Ngày xác minh (0-based)
#: how the list is ordered, not which rows it holds: left out of the filters in words
ORDERING_FIELDS = frozenset({"sort", "order"})
#: what the file needs of a recommendation, its finding and mission; the units' names are looked up apart
COLUMNS = (Recommendation.id, Recommendation.number, Recommendation.text, Finding.title.label("finding_title"),
           Finding.category, Finding.severity, Finding.unit_id, Mission.title.label("mission_title"),
           Recommendation.issued_on, Recommendation.original_due, Recommendation.current_due,
           Recommendation.verified_status, Recommendation.verified_at)


@dataclass(frozen=True)
class Heading:
    """The lines above the table: what this is, which filters made it, when and by whom."""

    title: str
    filters: list[str]
    exported_at: datetime  # Vietnam time
    exported_by: str


def column_headers() -> list[str]:
    """Columns that show one model field are headed by the label the model declares for it."""
    return [_("STT"), _("Kiến nghị số"),
            *_labels(Recommendation.text, Recommendation.finding, Finding.category, Finding.severity),
            _("Đơn vị được kiểm tra"), _("Đoàn kiểm tra"), _("Đơn vị chịu trách nhiệm (tình trạng)"),
            *_labels(Recommendation.issued_on, Recommendation.original_due, Recommendation.current_due),
            _("Số ngày quá hạn"), *_labels(Recommendation.verified_status), _("Ngày xác minh")]


def _labels(*attributes) -> list[str]:
    return [str(field_label(attribute)) for attribute in attributes]


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


def export_query(user, filters: dict, today: date) -> Select:
    """register_query itself (its joins, the user's scope, the filters, the order) reduced to plain columns:
    building ORM objects for 140,000 rows would cost ten times the SQL."""
    return register_query(user, filters, today).with_only_columns(*COLUMNS)


def export_rows(user, filters: dict, today: date) -> Iterator[list]:
    """The file's rows in the register's order, numbered from 1; labels are translated once, not per row."""
    labels = {member: member.label for enum_cls in (FindingCategory, Severity, UnitStatus, VerifiedStatus)
              for member in enum_cls}
    names: dict[int, str] = {}
    numbers = itertools.count(1)
    day = names_day(filters)
    result = db.session.execute(export_query(user, filters, today).execution_options(yield_per=FETCH))
    for batch in result.partitions():
        yield from _batch_rows(batch, numbers, (names, day), labels, today)


def _batch_rows(batch, numbers, known: tuple[dict[int, str], date], labels: dict, today: date) -> Iterator[list]:
    """One query for the batch's responsible units, one for the units whose names are not known yet."""
    names, day = known
    shares = _shares_of([row.id for row in batch])
    share_units = {unit_id for unit_shares in shares.values() for unit_id, _status in unit_shares}
    _learn_names(names, {row.unit_id for row in batch} | share_units, day)
    for row in batch:
        yield _row(next(numbers), row, _shares_text(shares.get(row.id, ()), names, labels), names, labels, today)


def _shares_of(recommendation_ids: list[int]) -> dict[int, list[tuple[int, UnitStatus]]]:
    query = (select(Responsibility.recommendation_id, Responsibility.unit_id, Responsibility.status)
             .where(Responsibility.recommendation_id.in_(recommendation_ids))
             .order_by(Responsibility.recommendation_id, Responsibility.id))
    shares: dict[int, list] = {}
    for recommendation_id, unit_id, status in db.session.execute(query):
        shares.setdefault(recommendation_id, []).append((unit_id, status))
    return shares


def _learn_names(names: dict[int, str], unit_ids: set[int], day: date) -> None:
    """Add the names in force on `day` (as the register shows them: the filtered period's, else today's) of the
    units not yet in `names`."""
    missing = unit_ids - names.keys()
    if missing:
        units = db.session.scalars(select(Unit).where(Unit.id.in_(missing)).options(selectinload(Unit.names)))
        names.update((unit.id, unit.name_on(day)) for unit in units)


def _shares_text(shares, names: dict[int, str], labels: dict) -> str:
    return "; ".join(f"{names[unit_id]} ({labels[status]})" for unit_id, status in shares)


def _row(number: int, row, shares: str, names: dict[int, str], labels: dict, today: date) -> list:
    is_overdue = row.verified_status == VerifiedStatus.OPEN and row.current_due and row.current_due < today
    verified_on = to_vietnam_time(row.verified_at).date() if row.verified_at else None
    return [number, row.number, row.text, row.finding_title, labels[row.category], labels[row.severity],
            names[row.unit_id], row.mission_title, shares, row.issued_on, row.original_due, row.current_due,
            (today - row.current_due).days if is_overdue else None, labels[row.verified_status], verified_on]


def write_workbook(handle: IO[bytes], heading: Heading, rows: Iterable[list]) -> int:
    """Write the heading, the column headers and the rows into `handle`; the number of rows written."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(heading.title[:31])
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    header_row = _write_heading(sheet, heading) + 1
    sheet.freeze_panes = f"C{header_row + 1}"
    sheet.append([_styled(sheet, text, bold=True, fill=True) for text in column_headers()])
    count = append_rows(sheet, rows, DATE_COLUMNS)
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
        sheet.append(safe_row(sheet, [line]))  # the filters' words hold what the user typed
    sheet.append([])
    return len(lines) + 1


def _styled(sheet, text: str, bold: bool = False, fill: bool = False, size: int | None = None) -> Cell:
    cell = text_cell(sheet, text)
    cell.font = Font(bold=bold, size=size)
    if fill:
        cell.fill = HEADER_FILL
    return cell

