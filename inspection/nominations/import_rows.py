"""Reading one row of a dossier file into typed values, with look-ups loaded once per file (units by code,
award forms by name or code), so that a 100,000-row file costs a few queries, not one per row.
Every refused cell becomes a RowError naming the row and the column; nothing here raises for a bad cell."""

from datetime import date
from typing import NamedTuple

from flask_babel import gettext as _
from sqlalchemy import select

from inspection import access
from inspection.documents import purposes
from inspection.documents.refs import DocRef, DocRefError, parse_ref
from inspection.extensions import db
from inspection.imports.cells import RowCells
from inspection.imports.plan import RowError
from inspection.imports.reader import Row
from inspection.nominations.access import DECIDERS
from inspection.nominations.catalogue import award_form_index, find_award_form
from inspection.nominations.dossier_rules import MAX_LENGTHS, YEAR_MAX, YEAR_MIN
from inspection.nominations.import_columns import (
    ACHIEVEMENT,
    CODE,
    DECISION_DATE,
    DECISION_REF,
    FORM,
    GROUP,
    LEADER,
    NOTE,
    POSTHUMOUS,
    RANK,
    RECIPIENT_KIND,
    RECIPIENT_NAME,
    STATUS,
    SUBMITTED,
    UNIT,
    YEAR,
    Vocabularies,
)
from inspection.nominations.models import AchievementType, AwardForm, DossierStatus, LeaderGroup, RecipientKind
from inspection.units import validity
from inspection.units.models import Unit
from inspection.units.scope import visible_unit_ids

NOTE_MAX_LENGTH = 4000
REF_MAX_LENGTH = 80


class DossierRow(NamedTuple):
    """One valid row, compact (a tuple, not an ORM object). None in an optional cell means "not given":
    a new dossier takes the default, an existing one keeps what it has."""

    number: int
    unit_id: int
    code: str
    year: int
    award_form_id: int
    recipient_kind: RecipientKind
    recipient_name: str
    is_leader: bool | None
    leader_group: LeaderGroup | None
    achievement_type: AchievementType | None
    group_rank: int | None
    posthumous: bool | None
    submitted_on: date | None
    decision_ref: DocRef | None
    decision_date: date | None
    status: DossierStatus | None
    note: str | None


class RowParser:
    """Parses the rows of one file for `actor` (None: the command line, every unit)."""

    def __init__(self, actor):
        units = db.session.execute(select(Unit.code, Unit.id, Unit.valid_from, Unit.valid_to)).all()
        self.unit_ids: dict[str, int] = {code: unit_id for code, unit_id, _start, _end in units}
        #: id → (first day, last day) of the units with a known start or end, to check a row's year against
        self.unit_bounds = {unit_id: (start, end) for _code, unit_id, start, end in units if start or end}
        self.writable = None if access.permits(actor, lambda user: user.role in DECIDERS) else visible_unit_ids(actor)
        self.form_index = award_form_index()
        self.forms_by_id: dict[int, AwardForm] = {form.id: form for form in self.form_index.values()}
        self._form_ids: dict[str, int | None] = {}
        self.words = Vocabularies()
        #: (unit id, dossier code) → the row that first used it
        self.first_rows: dict[tuple[int, str], int] = {}

    def parse(self, row: Row, errors: list[RowError]) -> DossierRow | None:
        """The row's values, or None when a cell was refused (the errors are appended)."""
        cells = RowCells(row, errors)
        unit_id, code = self._unit(cells), cells.text(CODE, required=True, max_length=MAX_LENGTHS["code"])
        if unit_id is not None and code is not None:
            self._check_duplicate(cells, unit_id, code)
        values = (unit_id, code, cells.integer(YEAR, YEAR_MIN, YEAR_MAX), self._form(cells),
                  *self._recipient(cells), *self._achievement(cells), *self._decision(cells),
                  cells.text(NOTE, max_length=NOTE_MAX_LENGTH, single_line=False))
        if cells.failed:
            return None
        return DossierRow(row.number, *values)

    def _unit(self, cells: RowCells) -> int | None:
        code = cells.text(UNIT, required=True)
        if code is None:
            return None
        unit_id = self.unit_ids.get(code)
        if unit_id is None:
            cells.fail(UNIT, _("Không có đơn vị mang mã “%(code)s”.", code=code))
        elif self.writable is not None and unit_id not in self.writable:
            cells.fail(UNIT, _("Bạn chỉ được nhập hồ sơ của đơn vị mình phụ trách; đơn vị “%(code)s” không thuộc "
                               "phạm vi đó.", code=code))
            return None
        return unit_id

    def require_unit_in_year(self, unit_id: int, year: int) -> None:
        """RuleViolation on the unit's column when the unit did not exist in the row's emulation year: the
        dossier form's check (units.validity), the unit loaded only for the message."""
        bounds = self.unit_bounds.get(unit_id)
        if bounds is not None and not validity.existed_during(*bounds, *validity.year_span(year)):
            validity.require_existed(db.session.get(Unit, unit_id), *validity.year_span(year), field="unit",
                                     when=validity.when_year(year))

    def _check_duplicate(self, cells: RowCells, unit_id: int, code: str) -> None:
        first = self.first_rows.setdefault((unit_id, code), cells.row.number)
        if first != cells.row.number:
            cells.fail(CODE, _("Hồ sơ “%(code)s” của đơn vị này đã có ở dòng %(row)s của tệp: mỗi hồ sơ chỉ "
                               "ghi một dòng.", code=code, row=first))

    def _form(self, cells: RowCells) -> int | None:
        text = cells.text(FORM, required=True)
        if text is None:
            return None
        if text not in self._form_ids:
            form = find_award_form(text, self.form_index)
            self._form_ids[text] = form.id if form is not None else None
        form_id = self._form_ids[text]
        if form_id is None and not self.form_index:
            cells.fail(FORM, _("Danh mục hình thức khen thưởng của cổng đang trống nên chưa nhận được hồ sơ nào. Đề "
                               "nghị quản trị viên cổng mở Danh mục › Hình thức khen thưởng và bấm “Thêm các hình "
                               "thức còn thiếu”, rồi tải tệp lên lại."))
        elif form_id is None:
            cells.fail(FORM, _("Không có hình thức khen thưởng “%(text)s” trong danh mục (ghi đúng tên, tên gọi khác "
                               "hoặc mã như trang Danh mục › Hình thức khen thưởng).", text=text))
        return form_id

    def _recipient(self, cells: RowCells) -> tuple:
        words = self.words
        return (cells.choice(RECIPIENT_KIND, words.recipient_kinds, allowed=words.allowed[RECIPIENT_KIND],
                             required=True),
                cells.text(RECIPIENT_NAME, required=True, max_length=MAX_LENGTHS["recipient_name"]),
                cells.choice(LEADER, words.yes_no, allowed=words.allowed[LEADER]),
                cells.choice(GROUP, words.groups, allowed=words.allowed[GROUP]))

    def _achievement(self, cells: RowCells) -> tuple:
        words = self.words
        return (cells.choice(ACHIEVEMENT, words.achievements, allowed=words.allowed[ACHIEVEMENT]),
                cells.choice(RANK, words.ranks, allowed=words.allowed[RANK]),
                cells.choice(POSTHUMOUS, words.yes_no, allowed=words.allowed[POSTHUMOUS]))

    def _decision(self, cells: RowCells) -> tuple:
        return (cells.date(SUBMITTED), self._decision_ref(cells), cells.date(DECISION_DATE),
                cells.choice(STATUS, self.words.statuses, allowed=self.words.allowed[STATUS]))

    @staticmethod
    def _decision_ref(cells: RowCells) -> DocRef | None:
        text = cells.text(DECISION_REF, max_length=REF_MAX_LENGTH)
        if text is None:
            return None
        try:
            ref = parse_ref(text)
            purposes.check(ref, purposes.DECISION)
            return ref
        except DocRefError as error:
            cells.fail(DECISION_REF, str(error))
            return None
