"""The registry's export to .xlsx: the dossiers the user may see under the registry's current DossierFilter,
in the import's columns (the file imports back unchanged). Rows are fetched in batches (yield_per: a
server-side cursor on PostgreSQL) and written by openpyxl's write-only workbook, which spools them to disk:
100,000 dossiers never sit in memory as 100,000 rows. Request-free: the view passes the filter and scope."""

from collections.abc import Iterable, Iterator
from typing import IO

from flask_babel import force_locale
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from sqlalchemy import Select, String, select, type_coerce

from inspection.documents.sheets import append_rows, text_cell
from inspection.extensions import db
from inspection.imports.workbook import HEADER_FILL
from inspection.nominations import filters, holds
from inspection.nominations.filters import DossierFilter
from inspection.nominations.import_columns import COLUMNS, yes_no
from inspection.nominations.import_template import SHEET_TITLE
from inspection.nominations.models import (
    AchievementType,
    AwardForm,
    Dossier,
    DossierStatus,
    LeaderGroup,
    RecipientKind,
)
from inspection.units.models import Unit

#: rows fetched from the database at a time
FETCH = 2000
WIDTHS = (16, 12, 7, 40, 12, 36, 10, 30, 26, 10, 9, 12, 18, 12, 16, 30)
DATE_COLUMNS = frozenset({11, 13})  # Ngày trình, Ngày quyết định (0-based)


def export_query(criteria: DossierFilter, visible_ids: set[int] | None) -> Select:
    """The registry's rows (same filter, scope and order) as plain columns in the file's order."""
    query = (select(Dossier.code, Unit.code, Dossier.year, AwardForm.name_vi, Dossier.recipient_kind,
                    Dossier.recipient_name, Dossier.is_leader, Dossier.leader_group, Dossier.achievement_type,
                    Dossier.group_rank,
                    Dossier.posthumous, Dossier.submitted_on, type_coerce(Dossier.decision_ref, String),
                    Dossier.decision_date, Dossier.status, Dossier.note)
             .join(Unit, Unit.id == Dossier.unit_id).join(AwardForm, AwardForm.id == Dossier.award_form_id)
             .order_by(Dossier.year.desc(), Unit.code, Dossier.code, Dossier.id))
    return filters.apply(query, criteria, visible_ids, holds.held_clause())


def export_rows(criteria: DossierFilter, visible_ids: set[int] | None) -> Iterator[list]:
    """The file's rows, fetched FETCH at a time; enums, booleans and the decision number as the file writes them."""
    with force_locale("vi"):
        labels = {member: member.label for enum_cls in (RecipientKind, LeaderGroup, AchievementType, DossierStatus)
                  for member in enum_cls}
    result = db.session.execute(export_query(criteria, visible_ids).execution_options(yield_per=FETCH))
    for row in result:
        (code, unit_code, year, form, kind, name, leader, group, achievement, rank, posthumous, submitted, ref,
         decided, status, note) = row
        yield [code, unit_code, year, form, labels[kind], name, yes_no(leader), labels.get(group),
               labels.get(achievement), rank,
               yes_no(posthumous), submitted, ref, decided, labels[status], note]


def write_workbook(handle: IO[bytes], rows: Iterable[list]) -> int:
    """Write the rows under the header into `handle`; the number of rows written."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_TITLE)
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append([_header_cell(sheet, header) for header in COLUMNS])
    count = append_rows(sheet, rows, DATE_COLUMNS)
    workbook.save(handle)
    return count


def _header_cell(sheet, text: str) -> Cell:
    cell = text_cell(sheet, text)
    cell.font, cell.fill = Font(bold=True), HEADER_FILL
    return cell

