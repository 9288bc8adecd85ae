"""The dashboard's figures read from the kept counts (counting.py): the same Rows, Cohorts and Months as the
direct count (queries.py, cohorts.py, trend.py), from a few hundred rows whatever the size of the backlog.

Used for the whole backlog (no filter, a user who sees everything): the council's and the admins' page, the one
that aggregated everything; for a province's subtree, by such a user (its own scope of the counts); and for either
with issue dates that cover whole calendar years (from 01/01 of a year, to 31/12 of a year, or both: the counts'
issue_year, summed over the years covered). Any other filter (a district's subtree, a cluster, other issue dates,
an inspector's own missions) counts its own, narrower set directly."""

from bisect import bisect_right
from collections import Counter, defaultdict
from datetime import date, timedelta
from itertools import accumulate

from sqlalchemy import exists, func, or_, select

from inspection.dashboard import queries
from inspection.dashboard.cohorts import YEARS, CohortTable, cohort_of, last_cohort_year
from inspection.dashboard.counting import (
    CATEGORIES,
    COLUMNS,
    SEVERITIES,
    STATUSES,
    correction,
    month_key,
    state,
)
from inspection.dashboard.models import DashboardCount
from inspection.dashboard.scope import OPEN, Row, Scope, make_row
from inspection.dashboard.trend import Month, last_months
from inspection.extensions import db
from inspection.findings.models import CLOSED_STATUSES, FindingCategory, Recommendation, Severity, VerifiedStatus
from inspection.findings.register_filters import after_day, names_day
from inspection.groups.models import EmulationGroup
from inspection.missions.models import Mission
from inspection.units.models import UnitKind, UnitPlacement

#: the kinds read whole (a few hundred rows in all)
SMALL = ("total", "catsev", "iyear", "cohort", "issued", "verified", "ovstart", "ovend")
ZERO = (0,) * len(COLUMNS)
#: the filters the counts answer (with a province's subtree), issue dates when they cover whole years
YEAR_FILTERS = ("issued_from", "issued_to")
COUNTED_FILTERS = ("subtree", *YEAR_FILTERS)
#: issue_year 0 of the counts: every recommendation, whatever its issue date
EVERY_YEAR = (0, 0)


def _plus(first, second) -> list[int]:
    return [old + new for old, new in zip(first, second, strict=True)]


class Kept:
    """The counts as they stand today: the stored rows plus the correction for the days since `as_of`."""

    def __init__(self, scope: Scope, as_of: date, counted: int = 0, years: tuple[int, int] = EVERY_YEAR):
        connection = db.session.connection()
        self.scope, self.counted, self.years = scope, counted, years
        fixes = correction(connection, as_of, scope.today) if as_of < scope.today else {}
        self.fixes = defaultdict(lambda: list(ZERO))
        for key, values in fixes.items():
            if key[4] == counted and years[0] <= key[5] <= years[1]:
                self.fixes[key[:4]] = _plus(self.fixes[key[:4]], values)
        self.rows = defaultdict(lambda: list(ZERO))
        table = DashboardCount
        query = select(table.kind, table.k1, table.k2, table.k3, *[getattr(table, name) for name in COLUMNS])
        for kind, k1, k2, k3, *values in db.session.execute(
                query.where(table.kind.in_(SMALL), table.scope == counted, *self.of_years())):
            self.rows[kind, k1, k2, k3] = _plus(self.rows[kind, k1, k2, k3], values)
        for key, values in self.fixes.items():
            if key[0] in SMALL:
                self.rows[key] = _plus(self.rows[key], values)

    def of_years(self) -> list:
        """The condition on the counts' issue_year: one value (0, or a single year), else the years covered."""
        if self.years[0] == self.years[1]:
            return [DashboardCount.issue_year == self.years[0]]
        return [DashboardCount.issue_year.between(*self.years)]

    def of_kind(self, kind: str) -> dict[tuple, list[int]]:
        return {key[1:]: values for key, values in self.rows.items() if key[0] == kind}

    def top(self, kind: str, among=None) -> list[tuple[int, list[int]]]:
        """The TOP keys of a long kind, most overdue then most open then lowest id: the stored order, widened
        by the number of corrected keys (only they can move), corrected, sorted again."""
        fixes = {key[1]: values for key, values in self.fixes.items() if key[0] == kind}
        query, measured = self._long_kind(kind)
        n, overdue = measured[0], measured[1] + measured[2] + measured[3] + measured[4]
        if among is not None:
            query = query.where(DashboardCount.k1.in_(among))
        found = {k1: list(values) for k1, *values in db.session.execute(
            query.order_by(overdue.desc(), n.desc(), DashboardCount.k1).limit(queries.TOP + len(fixes)))}
        missing = set(fixes) - set(found)
        if missing:
            found |= {k1: list(values) for k1, *values in db.session.execute(
                query.where(DashboardCount.k1.in_(missing)).limit(None).order_by(None))}
        for k1, values in fixes.items():
            found[k1] = _plus(found.get(k1, ZERO), values)
        ranked = sorted(((k1, values) for k1, values in found.items() if values[0] > 0),
                        key=lambda item: (-sum(item[1][1:]), -item[1][0], item[0]))
        return ranked[:queries.TOP]

    def _long_kind(self, kind: str) -> tuple:
        """SELECT k1, the five columns of a long kind's keys that hold recommendations: its stored rows for one
        issue_year, or their sums over the years covered; and those columns."""
        table = DashboardCount
        stored = [getattr(table, column) for column in COLUMNS]
        where = [table.kind == kind, table.scope == self.counted, *self.of_years()]
        if self.years[0] == self.years[1]:
            return select(table.k1, *stored).where(*where, table.n > 0), stored
        summed = [func.sum(column) for column in stored]
        return select(table.k1, *summed).where(*where).group_by(table.k1).having(summed[0] > 0), summed


def measures(values) -> list[int]:
    """Stored columns → the Row's measures: open, overdue, then the four aging buckets."""
    return [values[0], sum(values[1:]), *values[1:]]


def counted_years(filters: dict) -> tuple[int, int] | None:
    """The issue years whose counts answer these issue dates: EVERY_YEAR without any, (first, last) when they
    cover whole calendar years (an open end: every year that way), else None (counted directly)."""
    start, end = filters.get("issued_from"), filters.get("issued_to")
    if start is None and end is None:
        return EVERY_YEAR
    if (start and (start.month, start.day) != (1, 1)) or (end and (end.month, end.day) != (12, 31)):
        return None
    return (start.year if start else 1, end.year if end else 9999)


def counted_scope(scope: Scope) -> int | None:
    """The scope of the counts that answers this dashboard: 0 (a user who sees everything, no filter but whole
    years of issue dates), a province's id (its subtree, such a user, the province still there and no unit placed
    elsewhere on a day from the tree's day on: the counts follow today's tree, the subtree filter that of the
    issue period's last day), else None (counted directly)."""
    filters = scope.filters
    if set(filters) - set(COUNTED_FILTERS) or len(scope.where) != len(filters) or counted_years(filters) is None:
        return None  # another filter, a user who sees part, or issue dates within a year
    unit = filters.get("subtree")
    if unit is None:
        return 0
    if unit.kind != UnitKind.PROVINCE:
        return None
    if unit.valid_to is not None and unit.valid_to < scope.today:
        return None
    # the subtree of issue dates up to 31/12/2025 is that of 31/12/2025: a unit moved since stood elsewhere then
    day = min(names_day(filters), scope.today)
    moved = db.session.scalar(select(exists().where(UnitPlacement.valid_to >= day)))
    return None if moved else unit.id


def build(scope: Scope, year: int | None, years: list[int]):
    """The Dashboard's figures (views.Dashboard's fields) from the counts; None when they cannot answer (see
    counted_scope), were never built, or were counted for a day after the one asked for (only a test or a clock
    set back reads the past)."""
    counted = counted_scope(scope)
    kept_state = state(db.session.connection()) if counted is not None else None
    if kept_state is None or kept_state.as_of > scope.today:
        return None
    kept = Kept(scope, kept_state.as_of, counted, counted_years(scope.filters))
    by_category, by_severity = _categories(kept)
    return dict(totals=make_row(scope, "", {}, measures(kept.rows["total", 0, 0, 0])), by_unit=_units(kept),
                by_group=_groups(kept, year), by_mission=_missions(kept), by_category=by_category,
                by_severity=by_severity, cohorts=_cohorts(kept), trend=_trend(kept))


def _categories(kept: Kept) -> tuple[list[Row], list[Row]]:
    categories, severities = defaultdict(lambda: [0] * 6), defaultdict(lambda: [0] * 6)
    for (category, severity, _k3), values in kept.of_kind("catsev").items():
        for sums, key in ((categories, CATEGORIES[category]), (severities, SEVERITIES[severity])):
            sums[key] = _plus(sums[key], measures(values))
    scope = kept.scope
    return ([make_row(scope, category.label, {"category": category.value}, categories[category])
             for category in FindingCategory],
            [make_row(scope, severity.label, {"severity": severity.value}, severities[severity])
             for severity in reversed(Severity)])


def _units(kept: Kept) -> list[Row]:
    top = kept.top("unit")
    units = queries.units_by_id({unit_id for unit_id, _values in top})
    return [make_row(kept.scope, units[unit_id].name, {"responsible": units[unit_id]}, measures(values),
                     units[unit_id].code) for unit_id, values in top]


def _groups(kept: Kept, year: int | None) -> list[Row]:
    if year is None:
        return []
    of_year = select(EmulationGroup.id).where(EmulationGroup.year == year)
    top = kept.top("group", of_year)
    groups = {group.id: group for group in db.session.scalars(
        select(EmulationGroup).where(EmulationGroup.id.in_([group_id for group_id, _values in top])))}
    return [make_row(kept.scope, groups[group_id].name, {"group": str(group_id)}, measures(values),
                     groups[group_id].kind.label) for group_id, values in top]


def _missions(kept: Kept) -> list[Row]:
    top = kept.top("mission")
    titles = dict(db.session.execute(select(Mission.id, Mission.title).where(
        Mission.id.in_([mission_id for mission_id, _values in top]))).all())
    return [make_row(kept.scope, titles[mission_id], {"mission": str(mission_id)}, measures(values))
            for mission_id, values in top]


def _cohorts(kept: Kept) -> CohortTable:
    scope = kept.scope
    issued_years = [month // 12 for (month, _k2, _k3), values in kept.of_kind("issued").items() if values[0]]
    last = last_cohort_year(scope, lambda: max(issued_years, default=None))
    first = last - YEARS + 1
    counts = {(year, STATUSES[status], verdict or None): values[0]
              for (year, status, verdict), values in kept.of_kind("cohort").items()
              if first <= year <= last and values[0]}
    cohorts = [cohort_of(scope, year, counts) for year in range(last, first - 1, -1)]
    backlog = [0] * len(COLUMNS)
    for (year, _k2, _k3), values in kept.of_kind("iyear").items():
        if year < first:
            backlog = _plus(backlog, values)
    before = {"issued_to": date(first - 1, 12, 31)}
    return CohortTable(cohorts, scope.cell(backlog[0], before | OPEN),
                       scope.cell(sum(backlog[1:]), before | {"overdue": True}), first)


def _trend(kept: Kept) -> list[Month]:
    scope, months = kept.scope, last_months(kept.scope.today)
    issued, verified = kept.of_kind("issued"), kept.of_kind("verified")
    overdue_at = _overdue_at_month_ends(kept)
    trend = []
    for index, (first, last) in enumerate(months):
        key = month_key(first)
        opened, closed = issued.get((key, 0, 0), ZERO)[0], verified.get((key, 0, 0), ZERO)[0]
        if index == len(months) - 1:
            opened, closed, overdue = _this_month(kept, first, opened, closed)
        else:
            overdue = overdue_at(key)
        trend.append(Month(first, last, scope.cell(opened, {"issued_from": first, "issued_to": last}),
                           scope.cell(closed, {"verified": "closed", "verified_from": first, "verified_to": last}),
                           scope.cell(overdue, {"overdue_on": last})))
    return trend


def _overdue_at_month_ends(kept: Kept):
    """month key → overdue at that month's end: the running sum of the starts (+1) and ends (−1)."""
    changes = Counter()
    for sign, kind in ((1, "ovstart"), (-1, "ovend")):
        for (month, _k2, _k3), values in kept.of_kind(kind).items():
            changes[month] += sign * values[0]
    months = sorted(changes)
    running = list(accumulate(changes[month] for month in months))

    def at(key: int) -> int:
        index = bisect_right(months, key) - 1
        return running[index] if index >= 0 else 0
    return at


def _this_month(kept: Kept, first: date, opened: int, closed: int) -> tuple[int, int, int]:
    """This month ends today: what the month's counts hold after today (issue dates and verdicts written in
    advance) comes off, and "overdue at its end" is today's overdue less those issued later, plus those due
    before today whose verdict falls after it. The few rows dated after today are read by index and sorted here
    (a condition on the status as well would lead SQLite to the status index: every verdict)."""
    today = kept.scope.today
    month_end = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    columns = (Recommendation.id, Recommendation.issued_on, Recommendation.current_due,
               Recommendation.verified_status, Recommendation.verified_at)
    later = _in_scope(kept.scope, db.session.execute(select(*columns).where(
        or_(Recommendation.issued_on > today, Recommendation.issued_on.is_(None)))).all())
    judged_later = _in_scope(kept.scope, db.session.execute(select(*columns).where(
        Recommendation.verified_at >= after_day(today))).all())
    overdue = sum(kept.rows["total", 0, 0, 0][1:])
    for _id, issued_on, due, status, _at in later:
        opened -= issued_on is not None and issued_on <= month_end
        overdue -= status == VerifiedStatus.OPEN and due is not None and due < today
    for _id, issued_on, due, status, verified_at in judged_later:
        if status in CLOSED_STATUSES:
            closed -= verified_at < after_day(month_end)
            overdue += due is not None and due < today and issued_on is not None and issued_on <= today
    return opened, closed, overdue


def _in_scope(scope: Scope, rows: list) -> list:
    """The rows (id first) within the scope's conditions: asked of these ids alone, since a province's scope
    holds thousands of recommendations and these are the few found by their dates' own index."""
    if not scope.where or not rows:
        return rows
    ids = set(db.session.scalars(select(Recommendation.id).where(
        Recommendation.id.in_([row[0] for row in rows]), *scope.where)))
    return [row for row in rows if row[0] in ids]
