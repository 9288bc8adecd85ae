"""The monthly trend over the last 12 months, in one query of conditional sums:

- opened: issued in the month (issued_from / issued_to);
- verified: given a verdict in the month (verified=closed, verified_from / verified_to, Vietnam days);
- overdue at the month's end (overdue_on = its last day; for the current month, today): issued by then, due
  before then, and still open then (open now, or verified later). Extensions move current_due, so a month
  before an extension counts with the new date: the database keeps the current due date, not every old one."""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from inspection.dashboard.scope import Cell, Scope, count_where
from inspection.extensions import db
from inspection.findings.models import Recommendation

MONTHS = 12


@dataclass
class Month:
    first: date
    last: date  # the day "overdue at month end" is counted on
    opened: Cell
    verified: Cell
    overdue: Cell

    @property
    def label(self) -> str:
        return self.first.strftime("%m/%Y")


def last_months(today: date, count: int = MONTHS) -> list[tuple[date, date]]:
    """(first day, last day) of the `count` months up to this one, oldest first; this month ends today."""
    months, first = [], today.replace(day=1)
    for _ in range(count):
        following = (first + timedelta(days=32)).replace(day=1)
        months.append((first, min(following - timedelta(days=1), today)))
        first = (first - timedelta(days=1)).replace(day=1)
    return months[::-1]


def _filters(first: date, last: date) -> tuple[dict, dict, dict]:
    return ({"issued_from": first, "issued_to": last},
            {"verified": "closed", "verified_from": first, "verified_to": last},
            {"overdue_on": last})


def monthly_trend(scope: Scope) -> list[Month]:
    months = last_months(scope.today)
    columns = [count_where(scope, figure) for first, last in months for figure in _filters(first, last)]
    values = db.session.execute(select(*columns).select_from(Recommendation).join(Recommendation.finding)
                                .where(*scope.where)).one()
    trend = []
    for index, (first, last) in enumerate(months):
        cells = [scope.cell(value, figure) for value, figure in zip(values[3 * index: 3 * index + 3],
                                                                    _filters(first, last), strict=True)]
        trend.append(Month(first, last, *cells))
    return trend
