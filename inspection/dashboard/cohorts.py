"""Implementation rate per issue-year cohort, after 1, 2 and 3 years, and the older backlog apart.

A cohort is every recommendation issued in one calendar year. "After k years" is the state at the end of
31/12 of year + k: a verdict counts when verified_at falls on or before that day (Vietnam time). A horizon
counts only once that day has passed. The rate is implemented / (issued − overtaken − not accepted): an item
overtaken by events or not accepted by the unit is neither a success nor a failure of the follow-up, and
partial implementation is shown apart rather than counted as done.

One GROUP BY query gives the counts: by cohort year × verified status × the year the verdict fell in
(bucketed with boundaries computed here). Each figure then sums a few of those rows, and its link says the
same in the register's terms: cohort=Y&verified=S&verified_before=31/12/(Y+k), or cohort=Y&open_on=…"""

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from sqlalchemy import case, func

from inspection.dashboard.scope import OPEN, Cell, Scope, count_where
from inspection.extensions import db
from inspection.findings.models import Recommendation, VerifiedStatus
from inspection.findings.register_filters import after_day, from_recommendations

YEARS = 5
HORIZONS = (1, 2, 3)
#: the verdicts shown apart, in the table's order
VERDICTS = (VerifiedStatus.IMPLEMENTED, VerifiedStatus.PARTIAL, VerifiedStatus.NOT_IMPLEMENTED,
            VerifiedStatus.OVERTAKEN, VerifiedStatus.NOT_ACCEPTED)


@dataclass
class Stage:
    """A cohort at one horizon (k years, or None for now); `reached` False: shown as —."""

    years: int | None
    reached: bool
    verdicts: dict[VerifiedStatus, Cell]
    still_open: Cell
    issued: int

    @property
    def rate(self):
        """Implemented / (issued − overtaken − not accepted); None when nothing is left to implement."""
        whole = self.issued - self.verdicts[VerifiedStatus.OVERTAKEN].value - self.verdicts[
            VerifiedStatus.NOT_ACCEPTED].value
        return self.verdicts[VerifiedStatus.IMPLEMENTED].value / whole if whole > 0 else None


@dataclass
class Cohort:
    year: int
    issued: Cell
    stages: list[Stage]


@dataclass
class CohortTable:
    cohorts: list[Cohort]
    backlog_open: Cell
    backlog_overdue: Cell
    backlog_before: int  # the backlog is what was issued before 01/01 of this year


def cohort_table(scope: Scope) -> CohortTable:
    last = last_cohort_year(scope, lambda: _latest_issue_year(scope))
    first = last - YEARS + 1
    counts = _counts(scope, first, last)
    cohorts = [cohort_of(scope, year, counts) for year in range(last, first - 1, -1)]
    backlog = {"issued_to": date(first - 1, 12, 31)}
    columns = (count_where(scope, backlog | OPEN), count_where(scope, backlog | {"overdue": True}))
    opened, overdue = db.session.execute(from_recommendations(*columns, where=scope.where)).one()
    return CohortTable(cohorts, scope.cell(opened, backlog | OPEN), scope.cell(overdue, backlog | {"overdue": True}),
                       first)


def last_cohort_year(scope: Scope, latest_issue_year) -> int:
    """The period's last year, else the latest year anything in scope was issued (never after this year);
    `latest_issue_year()` gives that year or None, asked only without a period (kept.py reads it from its counts)."""
    if scope.filters.get("issued_to"):
        return scope.filters["issued_to"].year
    latest = latest_issue_year()
    return min(latest, scope.today.year) if latest else scope.today.year


def _latest_issue_year(scope: Scope) -> int | None:
    latest = db.session.scalar(from_recommendations(func.max(Recommendation.issued_on), where=scope.where))
    return latest.year if latest else None


def _counts(scope: Scope, first: int, last: int) -> dict[tuple, int]:
    """(cohort year, status, verdict year or None) → count; a verdict year above last + 3 is stored as last + 4."""
    cohort, verdict_year = _years_of(first, last)
    where = [*scope.where, Recommendation.issued_on >= date(first, 1, 1),
             Recommendation.issued_on <= date(last, 12, 31)]
    query = (from_recommendations(cohort, Recommendation.verified_status, verdict_year, func.count(), where=where)
             .group_by(cohort, Recommendation.verified_status, verdict_year))
    return {(year, status, verdict): count for year, status, verdict, count in db.session.execute(query)}


@lru_cache(maxsize=8)
def _years_of(first: int, last: int) -> tuple[case, case]:
    """The CASEs of a recommendation's cohort year and verdict year: the same for every scope of these years,
    built once (building them cost more than the statement that uses them on SQLite)."""
    cohort = case(*[(Recommendation.issued_on <= date(year, 12, 31), year) for year in range(first, last + 1)])
    verdict_year = case((Recommendation.verified_at.is_(None), None),
                        *[(Recommendation.verified_at < after_day(date(year, 12, 31)), year)
                          for year in range(first, last + 4)], else_=last + 4)
    return cohort, verdict_year


def cohort_of(scope: Scope, year: int, counts: dict) -> Cohort:
    mine = {(status, verdict): count for (cohort, status, verdict), count in counts.items() if cohort == year}
    issued = sum(mine.values())
    stages = [_stage(scope, year, years, mine, issued) for years in HORIZONS] + [_now(scope, year, mine, issued)]
    return Cohort(year, scope.cell(issued, {"cohort": year}), stages)


def _stage(scope: Scope, year: int, years: int, mine: dict, issued: int) -> Stage:
    end = date(year + years, 12, 31)
    by_then = {status: sum(count for (state, verdict), count in mine.items()
                           if state == status and verdict is not None and verdict <= end.year)
               for status in VERDICTS}
    still_open = sum(count for (state, verdict), count in mine.items()
                     if state == VerifiedStatus.OPEN or (verdict is not None and verdict > end.year))
    verdicts = {status: scope.cell(by_then[status], {"cohort": year, "verified": status.value,
                                                    "verified_before": end}) for status in VERDICTS}
    return Stage(years, end < scope.today, verdicts, scope.cell(still_open, {"cohort": year, "open_on": end}), issued)


def _now(scope: Scope, year: int, mine: dict, issued: int) -> Stage:
    """Where the cohort stands today, whatever the date of the verdicts."""
    totals = {status: sum(count for (state, _verdict), count in mine.items() if state == status)
              for status in (*VERDICTS, VerifiedStatus.OPEN)}
    verdicts = {status: scope.cell(totals[status], {"cohort": year, "verified": status.value}) for status in VERDICTS}
    return Stage(None, True, verdicts, scope.cell(totals[VerifiedStatus.OPEN], {"cohort": year} | OPEN), issued)
