"""The monthly trend over the last 12 months:

- opened: issued in the month (issued_from / issued_to);
- verified: given a verdict in the month (verified=closed, verified_from / verified_to, Vietnam days);
- overdue at the month's end (overdue_on = its last day; for the current month, today): issued by then, due
  before then, and still open then (open now, or verified later). Extensions move current_due, so a month
  before an extension counts with the new date: the database keeps the current due date, not every old one.

Three GROUP BY queries, each reading only the rows of its index range: the month is a CASE over boundaries
computed here. For "overdue at month end" a recommendation gets the first month it was due and issued by, and
the first month it was no longer open; it counts in the months between (a few dozen grouped rows to add up)."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from sqlalchemy import case, func, or_

from inspection.dashboard.scope import Cell, Scope
from inspection.extensions import db
from inspection.findings.models import CLOSED_STATUSES, Recommendation
from inspection.findings.register_filters import after_day, day_start, from_recommendations, is_open

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


def monthly_trend(scope: Scope) -> list[Month]:
    months = last_months(scope.today)
    opened, verified, overdue = _opened(scope, months), _verified(scope, months), _overdue(scope, months)
    return [Month(first, last,
                  scope.cell(opened[index], {"issued_from": first, "issued_to": last}),
                  scope.cell(verified[index], {"verified": "closed", "verified_from": first, "verified_to": last}),
                  scope.cell(overdue[index], {"overdue_on": last}))
            for index, (first, last) in enumerate(months)]


def _first_month(months, holds) -> case:
    """The index of the first month whose last day `holds(last day)`; len(months) when none does."""
    return case(*[(holds(last), index) for index, (_first, last) in enumerate(months)], else_=len(months))


@lru_cache(maxsize=4)
def _month_of(today: date) -> dict[str, case]:
    """The CASEs that give a recommendation's month (issued, verified, due, no longer open): the same all day for
    every scope, so built once (building them cost more than the statements that use them on SQLite)."""
    months = last_months(today)
    return {"issued": _first_month(months, lambda last: Recommendation.issued_on <= last),
            "verified": _first_month(months, lambda last: Recommendation.verified_at < after_day(last)),
            "due": _first_month(months, lambda last: Recommendation.current_due < last),
            "closed": case((is_open(), len(months)), (Recommendation.verified_at.is_(None), 0),
                           *[(Recommendation.verified_at < after_day(last), index)
                             for index, (_f, last) in enumerate(months)], else_=len(months))}


def _by_month(scope: Scope, month, where: list) -> Counter:
    query = from_recommendations(month, func.count(), where=[*scope.where, *where]).group_by(month)
    return Counter({index: count for index, count in db.session.execute(query)})


def _opened(scope: Scope, months) -> Counter:
    start, end = months[0][0], months[-1][1]
    return _by_month(scope, _month_of(scope.today)["issued"],
                     [Recommendation.issued_on >= start, Recommendation.issued_on <= end])


def _verified(scope: Scope, months) -> Counter:
    start, end = months[0][0], months[-1][1]
    return _by_month(scope, _month_of(scope.today)["verified"],
                     [Recommendation.verified_status.in_(CLOSED_STATUSES),
                      Recommendation.verified_at >= day_start(start), Recommendation.verified_at < after_day(end)])


def _overdue(scope: Scope, months) -> Counter:
    """Month index → recommendations overdue on its last day (the register's overdue_on)."""
    end, month_of = months[-1][1], _month_of(scope.today)
    due, issued, closed = month_of["due"], month_of["issued"], month_of["closed"]
    where = [*scope.where, Recommendation.current_due < end, Recommendation.issued_on <= end,
             or_(is_open(), Recommendation.verified_at >= after_day(months[0][1]))]
    query = from_recommendations(due, issued, closed, func.count(), where=where).group_by(due, issued, closed)
    overdue = Counter()
    for due_from, issued_from, closed_from, number in db.session.execute(query):
        for index in range(max(due_from, issued_from), closed_from):
            overdue[index] += number
    return overdue
