"""The units file: validate every row (nothing written), then apply through units.services.

An empty optional cell keeps what an existing unit already has: an import never erases by omission."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from flask_babel import force_locale
from flask_babel import gettext as _

from inspection.formatting import number
from inspection.imports.cells import RowCells, same_text
from inspection.imports.lookup import units_by_code
from inspection.imports.plan import NEW, UNCHANGED, UPDATED, Counter, ImportPlan, RowError, finish_from_rows, row_guard
from inspection.imports.reader import Row, normalise_key
from inspection.rules import RuleViolation
from inspection.units import services as unit_services
from inspection.units.models import Unit, UnitKind
from inspection.units.queries import unit_by_code

KIND_NAME = "units"
CODE, NAME, UNIT_KIND, PARENT = "Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Mã đơn vị cấp trên"
VALID_FROM, VALID_TO, NOTE = "Hoạt động từ", "Hoạt động đến ngày", "Ghi chú"
COLUMNS = (CODE, NAME, UNIT_KIND, PARENT, VALID_FROM, VALID_TO, NOTE)
REQUIRED = (CODE, NAME, UNIT_KIND)
#: RuleViolation.field of units.services → column header
FIELD_COLUMNS = {"code": CODE, "name": NAME, "kind": UNIT_KIND, "parent_code": PARENT,
                 "valid_from": VALID_FROM, "valid_to": VALID_TO, "effective_date": VALID_FROM, "note": NOTE}


@dataclass
class UnitRow:
    number: int
    code: str | None
    name: str | None
    kind: UnitKind | None
    parent_code: str | None
    valid_from: date | None
    valid_to: date | None
    note: str | None
    action: str = ""
    changes: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.code} — {self.name}"


def kind_labels() -> list[str]:
    """The Vietnamese labels a file uses, whatever the reader's language."""
    with force_locale("vi"):
        return [kind.label for kind in UnitKind]


def kind_vocabulary() -> dict[str, UnitKind]:
    vocabulary = {normalise_key(kind.value): kind for kind in UnitKind}
    vocabulary.update({normalise_key(kind.label): kind for kind in UnitKind})
    vocabulary.update(zip(map(normalise_key, kind_labels()), UnitKind, strict=True))
    return vocabulary


def validate(actor, table_rows: Iterable[Row], plan: ImportPlan, counter: Counter) -> None:
    vocabulary, allowed = kind_vocabulary(), "; ".join(kind_labels())
    rows = []
    for row in table_rows:
        rows.append(_parse(row, plan.errors, vocabulary, allowed))
        counter.add()
    _check_duplicates(rows, plan.errors)
    existing = units_by_code({row.code for row in rows} | {row.parent_code for row in rows})
    for row in rows:
        _classify(row, existing.get(row.code), plan.errors)
    _check_parents(rows, existing, plan.errors)
    finish_from_rows(plan, _in_dependency_order(rows))
    established = sum(1 for row in rows if row.action == NEW and row.valid_from)
    if established:
        plan.notes.append(_("%(n)s đơn vị mới có ngày “Hoạt động từ”: ghi kèm sự kiện Thành lập.",
                            n=number(established)))


def _parse(row, errors: list[RowError], vocabulary, allowed: str) -> UnitRow:
    cells = RowCells(row, errors)
    parsed = UnitRow(
        row.number, code=cells.text(CODE, required=True, max_length=40),
        name=cells.text(NAME, required=True, max_length=255),
        kind=cells.choice(UNIT_KIND, vocabulary, allowed=allowed, required=True),
        parent_code=cells.text(PARENT, max_length=40), valid_from=cells.date(VALID_FROM),
        valid_to=cells.date(VALID_TO), note=cells.text(NOTE, max_length=2000, single_line=False))
    if parsed.valid_from and parsed.valid_to and parsed.valid_to < parsed.valid_from:
        cells.fail(VALID_TO, _order_message(parsed.valid_from, parsed.valid_to))
    return parsed


def _order_message(start: date, end: date) -> str:
    return _("Ngày chấm dứt %(end)s trước ngày bắt đầu hoạt động %(start)s.",
             end=end.strftime("%d/%m/%Y"), start=start.strftime("%d/%m/%Y"))


def _check_duplicates(rows: list[UnitRow], errors: list[RowError]) -> None:
    numbers = defaultdict(list)
    for row in rows:
        if row.code:
            numbers[row.code].append(row.number)
    for code, found in numbers.items():
        if len(found) > 1:
            message = _("Mã “%(code)s” xuất hiện nhiều lần trong tệp: dòng %(rows)s.",
                        code=code, rows=", ".join(map(str, found)))
            errors.extend(RowError(number, CODE, message) for number in found)


def _classify(row: UnitRow, unit: Unit | None, errors: list[RowError]) -> None:
    """New, updated or unchanged; a different name for an existing code is an error (names are never overwritten)."""
    if not row.code:
        return
    if unit is None:
        row.action = NEW
        return
    if row.name and not same_text(row.name, unit.name):
        errors.append(RowError(row.number, NAME, _(
            "Tên khác tên hiện tại “%(name)s”: đổi tên phải ghi nhận sự kiện Đổi tên kèm căn cứ pháp lý "
            "trên trang đơn vị", name=unit.name)))
    _check_merged_dates(row, unit, errors)
    row.changes = _changes(row, unit)
    row.action = UPDATED if row.changes else UNCHANGED


def _check_merged_dates(row: UnitRow, unit: Unit, errors: list[RowError]) -> None:
    """One date from the file, the other kept from the database: they must still be in order."""
    if row.valid_from and row.valid_to:
        return
    start, end = row.valid_from or unit.valid_from, row.valid_to or unit.valid_to
    if start and end and end < start:
        errors.append(RowError(row.number, VALID_TO if row.valid_to else VALID_FROM, _order_message(start, end)))


def _changes(row: UnitRow, unit: Unit) -> list[str]:
    current_parent = unit.parent.code if unit.parent else None
    pairs = ((UNIT_KIND, unit.kind, row.kind), (PARENT, current_parent, row.parent_code),
             (VALID_FROM, unit.valid_from, row.valid_from), (VALID_TO, unit.valid_to, row.valid_to),
             (NOTE, unit.note, row.note))
    return [f"{column}: {_show(before)} → {_show(after)}"
            for column, before, after in pairs if after is not None and after != before]


def _show(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, UnitKind):
        return value.label
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _check_parents(rows: list[UnitRow], existing: dict[str, Unit], errors: list[RowError]) -> None:
    by_code = _first_by_code(rows)
    safe: set[str] = set()
    for row in rows:
        if not row.parent_code or not row.code:
            continue
        if row.parent_code not in by_code and row.parent_code not in existing:
            errors.append(RowError(row.number, PARENT, _(
                "Không có đơn vị mang mã “%(code)s”, trong tệp cũng như trong cơ sở dữ liệu.", code=row.parent_code)))
            continue
        cycle = _cycle_through(row.code, by_code, existing, safe)
        if cycle:
            errors.append(RowError(row.number, PARENT, _(
                "Đơn vị cấp trên tạo thành vòng lặp: %(chain)s.", chain=" → ".join(cycle))))


def _first_by_code(rows: list[UnitRow]) -> dict[str, UnitRow]:
    by_code: dict[str, UnitRow] = {}
    for row in rows:
        if row.code:
            by_code.setdefault(row.code, row)
    return by_code


def _effective_parent(code: str, by_code: dict[str, UnitRow], existing: dict[str, Unit]) -> str | None:
    """The parent once the file is applied: the file's, else the one in the database."""
    row = by_code.get(code)
    if row is not None and row.parent_code:
        return row.parent_code
    unit = existing.get(code)
    if unit is None or unit.parent is None:
        return None
    existing.setdefault(unit.parent.code, unit.parent)
    return unit.parent.code


def _cycle_through(code: str, by_code, existing, safe: set[str]) -> list[str] | None:
    """The chain code → parent → … → code when walking up returns to `code`; None otherwise.
    Codes known to reach the top are remembered in `safe`, so the whole check stays linear."""
    path, current = [code], _effective_parent(code, by_code, existing)
    while current is not None and current not in safe:
        if current == code:
            return path + [code]
        if current in path:
            return None  # a loop above this unit: reported on the rows that form it
        path.append(current)
        current = _effective_parent(current, by_code, existing)
    safe.update(path)
    return None


def _in_dependency_order(rows: list[UnitRow]) -> list[UnitRow]:
    """Parents defined in the file come before their children, even when written after them."""
    by_code, depth = _first_by_code(rows), {}
    for row in rows:
        chain, current = [], row
        while current is not None and current.code not in depth and all(current is not c for c in chain):
            chain.append(current)
            current = by_code.get(current.parent_code) if current.parent_code else None
        level = depth[current.code] + 1 if current is not None and current.code in depth else 0
        for item in reversed(chain):
            depth[item.code] = level
            level += 1
    return sorted(rows, key=lambda row: (depth.get(row.code, 0), row.number))


def apply(actor, plan: ImportPlan, counter: Counter, _file_sha256: str) -> None:
    """Write the plan's rows in order through units.services (each audited there); a refused row raises
    RowFailure (the pipeline undoes every row before it)."""
    counter.expect(len(plan.work))
    for row in plan.work:
        counter.add()
        if row.action == UNCHANGED:
            continue
        with row_guard(row.number, FIELD_COLUMNS):
            if row.action == NEW:
                _create(actor, row)
            else:
                _update(actor, row)


def _create(actor, row: UnitRow) -> None:
    unit_services.create_unit(actor, code=row.code, name=row.name, kind=row.kind, parent=_parent(row),
                              valid_from=row.valid_from, note=row.note, establish=row.valid_from is not None)
    if row.valid_to is not None:
        _update(actor, row)


def _update(actor, row: UnitRow) -> None:
    unit = unit_by_code(row.code)
    if unit is None:
        raise RuleViolation(_("Không còn đơn vị mang mã “%(code)s”.", code=row.code), field="code")
    unit_services.update_unit(
        actor, unit, code=unit.code, kind=row.kind, parent=_parent(row) if row.parent_code else unit.parent,
        valid_from=_keep(row.valid_from, unit.valid_from), valid_to=_keep(row.valid_to, unit.valid_to),
        note=_keep(row.note, unit.note), version=unit.version)  # read in this same transaction


def _keep(new, current):
    return current if new is None else new


def _parent(row: UnitRow) -> Unit | None:
    if not row.parent_code:
        return None
    parent = unit_by_code(row.parent_code)
    if parent is None:
        raise RuleViolation(_("Không có đơn vị mang mã “%(code)s”.", code=row.parent_code), field="parent_code")
    return parent
