"""The award statistics report's numbers, computed in SQL: a few GROUP BY queries whatever the data size.

1. Every line of nominations.figures as a conditional sum, grouped by status (so that both measures, đã trình
   and đã có quyết định, come from one query), over the tallies the database keeps (nominations/tally.py): a
   whole country's year is ~1,500 rows of every unit's tally, a province's the rows of its units; a line the
   tally of every unit cannot answer (Biểu 0603's enterprises: a kind of unit on the period's day) takes one more
   query on the per-unit tally, a scope by submission date counts the dossiers themselves;
2. the count by award form, recipient kind and status, for the by-form tables.

Resolving the scope (unit code, subordinate units, predecessors) takes a fixed few more queries. Every number
carries the DossierFilter arguments that select exactly its dossiers, for its link to the registry."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from sqlalchemy import Select, case, func, or_, select, true

from inspection.extensions import db
from inspection.nominations import tally
from inspection.nominations.figures import DECIDED, LINES, MEASURE_STATUSES, SCOPE_FIELDS, SHARES, SUBMITTED, Line
from inspection.nominations.filters import DossierFilter, apply
from inspection.nominations.models import AwardAuthority, AwardForm, Dossier, RecipientKind


def report_scope(criteria: DossierFilter) -> DossierFilter:
    """Only the scope of a filter (unit, subordinates, predecessors, period): the report's lines add the rest."""
    return DossierFilter(**{name: getattr(criteria, name) for name in SCOPE_FIELDS})


def measure_args(measure: str) -> dict:
    return {"status": [status.value for status in MEASURE_STATUSES[measure]]}


@dataclass
class Cell:
    """One number of the report and the registry arguments that yield it."""

    value: int
    args: dict


@dataclass
class FormRow:
    form_id: int  # the catalogue's order
    code: str
    name: str
    authority: AwardAuthority
    submitted: Cell
    decided: Cell
    by_recipient: dict[RecipientKind, Cell]


@dataclass
class Report:
    scope: DossierFilter
    counts: dict[str, dict[str, int]]  # line key → measure → count
    forms: list[FormRow]

    def cell(self, key: str, measure: str | None = None) -> Cell:
        line = LINES[key]
        measure = measure or line.measure
        return Cell(self.counts[key][measure], line_args(self.scope, line, measure))

    def value(self, key: str) -> int | Decimal | None:
        """A line's count, or a share in percent (57.8931…), unrounded; None for a share of nothing."""
        if key in SHARES:
            share = SHARES[key]
            return percentage(self.value(share.numerator), self.value(share.denominator))
        return self.counts[key][LINES[key].measure]


def line_args(scope: DossierFilter, line: Line, measure: str) -> dict:
    """Registry query arguments for one line: the scope, the line's criteria, the measure's statuses."""
    return scope.to_args() | line.filter().to_args() | measure_args(measure)


def percentage(part, whole, places: int | None = None) -> Decimal | None:
    """part / whole in percent, rounded half-up to `places` decimals when given."""
    if part is None or not whole:
        return None
    value = Decimal(part) * 100 / Decimal(whole)
    return value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP) if places is not None else value


def build_report(criteria: DossierFilter, visible_ids: set[int] | None, direct: bool = False) -> Report:
    """The report on `criteria`'s scope. Summed from the tallies (nominations/tally.py) where they can answer;
    `direct` counts the dossiers themselves instead: the reference the tallies are tested against."""
    scope = report_scope(criteria)
    where = scope_where(scope, visible_ids)
    sources = [tally.DIRECT] if direct else tally.sources_for(where)
    if not direct:
        tally.settle()
    return Report(scope, _line_counts(where, scope.reference_day(), sources), _form_rows(scope, where, sources[0]))


def scope_where(scope: DossierFilter, visible_ids: set[int] | None):
    """The WHERE clause of the dossiers a report on `scope` counts (also the Biểu 0603 workbook's)."""
    where = apply(select(Dossier.id), scope, visible_ids).whereclause
    return true() if where is None else where


def _line_counts(where, day, sources: list[tally.Source]) -> dict[str, dict[str, int]]:
    """Every line, one GROUP BY status per source: the lines go to the first source that can answer them."""
    counts = {key: dict.fromkeys(MEASURE_STATUSES, 0) for key in LINES}
    for source, lines, query in _plan(day, tuple(sources)):
        for row_status, *values in db.session.execute(source.scoped(query, where)).all():
            for measure, statuses in MEASURE_STATUSES.items():
                if row_status in statuses:
                    _add(counts, lines, measure, values)
    return counts


@lru_cache(maxsize=32)
def _plan(day, sources: tuple[tally.Source, ...]) -> list[tuple[tally.Source, list[Line], Select]]:
    """(source, its lines, the SELECT of their sums by status, without the scope): the same for every report of
    the day's period, so built once (the conditions name no data, only the lines' criteria and the day)."""
    plan: dict[tally.Source, tuple[list[Line], list]] = {}
    for line in LINES.values():
        condition = _condition(line, day)
        source = next(source for source in sources if source.serves(condition))
        lines, conditions = plan.setdefault(source, ([], []))
        lines.append(line)
        conditions.append(source.adapt(condition))
    return [(source, lines, _sums(source, conditions, narrow=len(lines) < len(LINES)))
            for source, (lines, conditions) in plan.items()]


def _sums(source: tally.Source, conditions: list, narrow: bool) -> Select:
    """The lines' sums by status; `narrow`: only the rows some line counts are read (a line apart, such as
    Biểu 0603's enterprises, reads the rows of its units, not the whole scope)."""
    sums = [func.coalesce(func.sum(case((condition, source.weight), else_=0)), 0) for condition in conditions]
    status = source.table.c.status
    query = select(status, *sums).group_by(status)
    return query.where(or_(*conditions)) if narrow else query


def _condition(line: Line, day):
    condition = line.condition(as_of=day)
    return true() if condition is None else condition


def _add(counts, lines: list[Line], measure: str, values) -> None:
    for line, value in zip(lines, values, strict=True):
        counts[line.key][measure] += int(value or 0)


def _form_rows(scope: DossierFilter, where, source: tally.Source) -> list[FormRow]:
    table = source.table
    columns = (AwardForm.id, AwardForm.code, AwardForm.name_vi, AwardForm.authority, table.c.recipient_kind,
               table.c.status)
    query = (select(*columns, func.sum(source.weight)).select_from(table)
             .join(AwardForm, table.c.award_form_id == AwardForm.id).group_by(*columns)
             .having(func.sum(source.weight) != 0))  # a tally row whose dossiers all moved away names no form
    query = source.scoped(query, where)
    rows: dict[str, FormRow] = {}
    for form_id, code, name, authority, kind, status, count in db.session.execute(query):
        row = rows.get(code) or rows.setdefault(code, _form_row(scope, form_id, code, name, authority))
        count = int(count)
        if status in MEASURE_STATUSES[SUBMITTED]:
            row.submitted.value += count
        if status in MEASURE_STATUSES[DECIDED]:
            row.decided.value += count
            row.by_recipient[kind].value += count
    order = list(AwardAuthority)
    return sorted(rows.values(), key=lambda row: (order.index(row.authority), row.form_id))


def _form_row(scope: DossierFilter, form_id: int, code: str, name: str, authority: AwardAuthority) -> FormRow:
    base = scope.to_args() | {"form": [code]}
    decided = base | measure_args(DECIDED)
    return FormRow(form_id, code, name, authority, Cell(0, base | measure_args(SUBMITTED)), Cell(0, decided),
                   {kind: Cell(0, decided | {"recipient": kind.value}) for kind in RecipientKind})


def forms_at(report: Report, authority: AwardAuthority) -> list[FormRow]:
    """The by-form table of one deciding authority (the province's own apart from the ministries')."""
    return [row for row in report.forms if row.authority == authority]


@dataclass
class Row:
    """One printed line of a section: a count (with its link) or a share (with the counts it divides)."""

    key: str
    label: str
    indent: int
    cell: Cell
    share: Decimal | None = None  # percent points, unrounded
    of: Cell | None = None  # a share's denominator


def section_rows(report: Report, keys: list[str]) -> list[Row]:
    rows = []
    for key in keys:
        if key in SHARES:
            share = SHARES[key]
            rows.append(Row(key, share.label, share.indent, report.cell(share.numerator), report.value(key),
                            report.cell(share.denominator)))
        else:
            rows.append(Row(key, LINES[key].label, LINES[key].indent, report.cell(key)))
    return rows
