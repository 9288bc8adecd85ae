"""What every dashboard figure shares: the user's scope and the dashboard's filters, turned once into the
register's WHERE clauses, and the register link of each number.

A figure is defined by a filter dict in the register's contract (tests/findings/test_register_filters.py): the
number is counted with `filter_conditions` of that dict on top of the scope, and its link carries the same dict
merged with the dashboard's filters. So the number and the list agree by construction."""

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache

from flask import g
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import and_, case, distinct, func

from inspection.findings.models import Recommendation
from inspection.findings.register_filters import filter_conditions, register_args, register_conditions
from inspection.formatting import number
from inspection.links import href_maker, linked_figure

#: the measures of a breakdown row, all among open recommendations
OPEN = {"verified": "open"}
MEASURES = {"open": OPEN, "overdue": {"overdue": True}, "1-30": {"aging": "1-30"}, "31-60": {"aging": "31-60"},
            "61-90": {"aging": "61-90"}, "91+": {"aging": "91+"}}
AGING = ("1-30", "31-60", "61-90", "91+")


@dataclass
class Cell:
    """One number and the register's query arguments that list exactly what it counts. Its link and its
    text are worked out at the first rendering and then kept with the (cached) dashboard."""

    value: int
    args: dict[str, str]

    @cached_property
    def href(self) -> str | None:
        """None when the filters cannot both hold (the period and a cohort year that do not meet): the number is
        0 and there is no list to open."""
        if _empty_range(self.args.get("issued_from"), self.args.get("issued_to")):
            return None
        return register_href(self.args)

    @cached_property
    def text(self) -> str:
        return number(self.value)

    @cached_property
    def html(self) -> Markup:
        """The number linked to its list (a page has ~600 of them: written here once, not by a template macro)."""
        if self.href:
            return linked_figure(self.href, self.text, data_count=f"{self.value:d}")
        return Markup('<span data-count="{}" title="{}">{}</span>').format(
            self.value, _("Kỳ lọc và năm ban hành không giao nhau"), self.text)


def register_href(args: dict[str, str]) -> str:
    """The register's link with these arguments (inspection/links.py), its address looked up once per request."""
    if "register_href" not in g:
        g.register_href = href_maker("findings.register")
    return g.register_href(args)


@dataclass
class Scope:
    """The user, the dashboard's filters (typed, as RegisterFilterForm.filters gives them) and the day."""

    user: object
    filters: dict
    today: date
    where: list = field(default_factory=list)

    @classmethod
    def of(cls, user, filters: dict, today: date) -> "Scope":
        # built once: the subtree filter reads the unit tree
        return cls(user, filters, today, register_conditions(user, filters, today))

    def cell(self, value, extra: dict) -> Cell:
        if self.filters.keys() & extra.keys():
            return Cell(int(value or 0), register_args(merge(self.filters, extra)))
        # the same arguments, the dashboard's own written once (a page has ~600 cells)
        return Cell(int(value or 0), self.own_args | register_args(extra))

    @cached_property
    def own_args(self) -> dict[str, str]:
        return register_args(self.filters)

    def condition(self, extra: dict):
        return condition_on(extra, self.today)


def condition_on(extra: dict, today: date):
    """The register's filters `extra` as one condition, on `today`."""
    return and_(*filter_conditions(extra, today))


def _empty_range(start: str | None, end: str | None) -> bool:
    """Two dd/mm/yyyy query arguments, the end before the start."""
    if not start or not end:
        return False
    return _day_order(end) < _day_order(start)


def _day_order(day: str) -> tuple[str, str, str]:
    """dd/mm/yyyy as (yyyy, mm, dd), which sort as the days do (a page tests ~500 ranges: strptime cost 30 ms)."""
    dd, mm, yyyy = day.split("/")
    return yyyy.zfill(4), mm.zfill(2), dd.zfill(2)


def merge(base: dict, extra: dict) -> dict:
    """Both sets of filters at once: an issue-date range narrows the other, any other key is added."""
    merged = base | extra
    if "issued_from" in base and "issued_from" in extra:
        merged["issued_from"] = max(base["issued_from"], extra["issued_from"])
    if "issued_to" in base and "issued_to" in extra:
        merged["issued_to"] = min(base["issued_to"], extra["issued_to"])
    return merged


def count_where(scope: Scope, extra: dict, distinct_ids: bool = False):
    """SUM(CASE WHEN <extra filters> THEN 1) — or COUNT(DISTINCT id) when a join repeats recommendations."""
    return _count_when(scope.condition(extra), distinct_ids)


def _count_when(condition, distinct_ids: bool):
    if distinct_ids:
        return func.count(distinct(case((condition, Recommendation.id))))
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def measure_columns(scope: Scope, distinct_ids: bool = False) -> list:
    return list(_measure_columns(scope.today, distinct_ids))


@lru_cache(maxsize=8)
def _measure_columns(today: date, distinct_ids: bool) -> tuple:
    """The measures depend on the day alone: built once a day per process, not for each breakdown (building them
    cost more than running the four statements that use them on SQLite)."""
    return tuple(_count_when(condition_on(measure, today), distinct_ids).label(f"m_{index}")
                 for index, measure in enumerate(MEASURES.values()))


@dataclass
class Row:
    """One line of a breakdown: its label, and open / overdue / aging counts with their links."""

    label: str
    cells: dict[str, Cell]
    note: str = ""

    @property
    def open(self) -> Cell:
        return self.cells["open"]

    @cached_property
    def tds(self) -> Markup:
        """The row's numbers as table cells, in the measures' order (written here, not by a template loop)."""
        return Markup("".join(f'<td class="text-end">{self.cells[key].html}</td>' for key in MEASURES))

    @property
    def overdue(self) -> Cell:
        return self.cells["overdue"]


def make_row(scope: Scope, label: str, row_filter: dict, values, note: str = "") -> Row:
    cells = {key: scope.cell(value, row_filter | measure)
             for (key, measure), value in zip(MEASURES.items(), values, strict=True)}
    return Row(label, cells, note)
