"""The dashboard's figures kept counted, so that the page sums a few hundred rows instead of aggregating the
whole backlog (issue #14).

Every recommendation adds 1 to a few keys (`keys_of`): the open ones to the totals, their category × severity,
each responsible unit, each cluster or block of those units, their mission and their issue year, in the aging
column of their due date; every one to its cohort (issue year × verified status × the year of the verdict), its
issue month, the month of its verdict, and the months it was overdue at month end (a +1 where that starts, a −1
where its verdict ends it: the trend adds them up). Each key is counted for the whole country (scope 0) and for
the province its responsible units stand under (scope = the province's id: the dashboard of a province's
subtree, the commonest filter, reads them too); and each of those twice again: among every recommendation
(issue_year 0) and among those issued in its year (issue_year = that year: the dashboard of whole years of issue
dates, the annual reports' filter, sums the years it covers). The keys it added are kept with it (DashboardFact): when a
recommendation, its finding, its responsible units, their clusters or their place in the tree change, the flush
that writes the change
subtracts the old keys and adds the new ones in the same transaction (maintenance.py).

Aging depends on today: the buckets are counted as of `DashboardState.as_of`. Only recommendations due on the
days where a bucket boundary passed since then change bucket; `rebase` (a daily job) moves them, and a page read
before it adds the same correction on the fly (`correction`). The direct count (queries.py, trend.py,
cohorts.py) stays the reference: tests/dashsnap compares every figure after random changes."""

import json
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from inspection.dashboard.models import DashboardCount, DashboardFact, DashboardState
from inspection.findings.models import (
    CLOSED_STATUSES,
    Finding,
    FindingCategory,
    Recommendation,
    Responsibility,
    Severity,
    VerifiedStatus,
)
from inspection.groups.models import GroupMember
from inspection.timeutil import VIETNAM, utcnow
from inspection.units.models import Unit, UnitKind

#: the count columns: recommendations, then overdue by 1–30, 31–60, 61–90, over 90 days
COLUMNS = ("n", "d1", "d31", "d61", "d91")
#: the key columns of a count (dashboard_count's primary key)
KEY = ("kind", "k1", "k2", "k3", "scope", "issue_year")
#: the aging buckets' lower bounds in days overdue (a boundary passes when (day − due) reaches one)
BOUNDARIES = (1, 31, 61, 91)
CHUNK = 500
REBUILD_CHUNK = 20000
CATEGORIES, SEVERITIES, STATUSES = list(FindingCategory), list(Severity), list(VerifiedStatus)


def month_key(day: date) -> int:
    return day.year * 12 + day.month - 1


def bucket(due: date | None, day: date) -> int:
    """0: not overdue on `day`; 1–4: the column of its aging bucket."""
    if due is None or due >= day:
        return 0
    late = (day - due).days
    return sum(late >= bound for bound in BOUNDARIES)


def verdict_day(verified_at: datetime) -> date:
    return verified_at.replace(tzinfo=UTC).astimezone(VIETNAM).date()


def keys_of(rec, units: set[int], groups: set[int], day: date, provinces: set[int] = frozenset()) -> list[tuple]:
    """(kind, k1, k2, k3, scope, issue_year, column) for each 1 this recommendation adds, its aging counted on
    `day`: the same keys in the whole country's scope (0) and in that of each province of its responsible units,
    each among every year (0) and among its issue year's."""
    years = (0,) if rec.issued_on is None else (0, rec.issued_on.year)
    return [(*key[:4], scope, year, key[4]) for scope in (0, *sorted(provinces)) for year in years
            for key in _keys(rec, units, groups, day)]


def _keys(rec, units: set[int], groups: set[int], day: date) -> list[tuple]:
    keys = []
    if rec.verified_status == VerifiedStatus.OPEN:
        keys += _open_keys(rec, units, groups, bucket(rec.current_due, day))
    if rec.issued_on is not None:
        verdict = verdict_day(rec.verified_at).year if rec.verified_at else 0
        keys += [("cohort", rec.issued_on.year, STATUSES.index(rec.verified_status), verdict, 0),
                 ("issued", month_key(rec.issued_on), 0, 0, 0)]
    if rec.verified_status in CLOSED_STATUSES and rec.verified_at is not None:
        keys.append(("verified", month_key(verdict_day(rec.verified_at)), 0, 0, 0))
    return keys + _overdue_months(rec)


def _open_keys(rec, units: set[int], groups: set[int], column: int) -> list[tuple]:
    where = [("total", 0, 0, 0), ("catsev", CATEGORIES.index(rec.category), SEVERITIES.index(rec.severity), 0),
             ("mission", rec.mission_id, 0, 0)]
    where += [("unit", unit, 0, 0) for unit in units] + [("group", group, 0, 0) for group in groups]
    if rec.issued_on is not None:
        where.append(("iyear", rec.issued_on.year, 0, 0))
    return [key + (0,) for key in where] + ([key + (column,) for key in where] if column else [])


def _overdue_months(rec) -> list[tuple]:
    """Overdue at the end of month M (trend.py): due before its last day, issued by then, open after it."""
    if rec.current_due is None or rec.issued_on is None:
        return []
    start = max(month_key(rec.current_due + timedelta(days=1)), month_key(rec.issued_on))
    if rec.verified_status == VerifiedStatus.OPEN:
        return [("ovstart", start, 0, 0, 0)]
    if rec.verified_at is None:
        return []
    end = month_key(verdict_day(rec.verified_at))
    return [("ovstart", start, 0, 0, 0), ("ovend", end, 0, 0, 0)] if end > start else []


# --- reading what the keys are made of ---------------------------------------------------------------------


def _records(connection, ids: list[int] | None):
    query = (select(Recommendation.id, Recommendation.issued_on, Recommendation.current_due,
                    Recommendation.verified_status, Recommendation.verified_at, Finding.category, Finding.severity,
                    Finding.mission_id)
             .join(Finding, Finding.id == Recommendation.finding_id))
    return connection.execute(query if ids is None else query.where(Recommendation.id.in_(ids))).all()


def _units_and_groups(connection, ids: list[int] | None) -> tuple[dict, dict]:
    shares = select(Responsibility.recommendation_id, Responsibility.unit_id)
    if ids is not None:
        shares = shares.where(Responsibility.recommendation_id.in_(ids))
    units = defaultdict(set)
    for rec_id, unit_id in connection.execute(shares):
        units[rec_id].add(unit_id)
    members = select(GroupMember.unit_id, GroupMember.group_id)
    if ids is not None:
        members = members.where(GroupMember.unit_id.in_({unit for found in units.values() for unit in found}))
    groups = defaultdict(set)
    for unit_id, group_id in connection.execute(members):
        groups[unit_id].add(group_id)
    return units, groups


def provinces_of(connection, unit_ids: set[int] | None) -> dict[int, set[int]]:
    """Unit id → the provinces it stands under today (itself if it is one): up its parents (None: every unit)."""
    start = select(Unit.id.label("start"), Unit.id, Unit.parent_id, Unit.kind)
    if unit_ids is not None:
        start = start.where(Unit.id.in_(unit_ids))
    up = start.cte("up", recursive=True)
    up = up.union_all(select(up.c.start, Unit.id, Unit.parent_id, Unit.kind).join(Unit, Unit.id == up.c.parent_id))
    found = defaultdict(set)
    for unit_id, province_id in connection.execute(select(up.c.start, up.c.id).where(up.c.kind == UnitKind.PROVINCE)):
        found[unit_id].add(province_id)
    return found


def subtree_recommendations(connection, unit_ids: set[int]) -> set[int]:
    """The recommendations a unit of these units' subtrees (today's tree) is responsible for."""
    tree = select(Unit.id).where(Unit.id.in_(unit_ids)).cte("tree", recursive=True)
    tree = tree.union(select(Unit.id).where(Unit.parent_id == tree.c.id))
    return set(connection.scalars(select(Responsibility.recommendation_id)
                                  .where(Responsibility.unit_id.in_(select(tree.c.id)))))


def current_keys(connection, ids: list[int] | None, day: date) -> dict[int, list[tuple]]:
    """Recommendation id → its keys now, for these ids (None: every recommendation)."""
    found = {}
    for part in ([None] if ids is None else [ids[start:start + CHUNK] for start in range(0, len(ids), CHUNK)]):
        units, groups = _units_and_groups(connection, part)
        provinces = provinces_of(connection, None if part is None else {unit for found in units.values()
                                                                        for unit in found})
        for rec in _records(connection, part):
            mine = units.get(rec.id, set())
            found[rec.id] = keys_of(rec, mine, {group for unit in mine for group in groups.get(unit, ())}, day,
                                    {province for unit in mine for province in provinces.get(unit, ())})
    return found


def stored_keys(connection, ids: list[int]) -> dict[int, list[tuple]]:
    found = {}
    for start in range(0, len(ids), CHUNK):
        query = select(DashboardFact.recommendation_id, DashboardFact.keys).where(
            DashboardFact.recommendation_id.in_(ids[start:start + CHUNK]))
        found.update({rec_id: [tuple(key) for key in json.loads(keys)]
                      for rec_id, keys in connection.execute(query)})
    return found


# --- writing -------------------------------------------------------------------------------------------------


def state(connection, lock: bool = False):
    query = select(DashboardState.as_of, DashboardState.built_at).where(DashboardState.id == 1)
    if lock:
        query = query.with_for_update()
    return connection.execute(query).first()


def difference(old: dict[int, list], new: dict[int, list]) -> Counter:
    change = Counter()
    for keys in old.values():
        change.subtract(keys)
    for keys in new.values():
        change.update(keys)
    return change


def rows_of(change: Counter) -> dict[tuple, list[int]]:
    """(kind, k1, k2, k3, scope, issue_year) → the five columns' changes, without keys that do not change."""
    rows = defaultdict(lambda: [0] * len(COLUMNS))
    for (*key, column), amount in change.items():
        if amount:
            rows[tuple(key)][column] += amount
    return {key: values for key, values in rows.items() if any(values)}


def _add(connection, change: Counter) -> None:
    """Add the changes to the counts; rows in key order, so that two transactions lock them in the same order."""
    rows = [dict(zip((*KEY, *COLUMNS), (*key, *values), strict=True))
            for key, values in sorted(rows_of(change).items())]
    if not rows:
        return
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(DashboardCount)
    table = DashboardCount.__table__
    statement = statement.on_conflict_do_update(
        index_elements=list(KEY),
        set_={column: table.c[column] + statement.excluded[column] for column in COLUMNS})
    connection.execute(statement, rows)


def _store(connection, keys: dict[int, list[tuple]], ids: list[int]) -> None:
    for start in range(0, len(ids), CHUNK):
        connection.execute(delete(DashboardFact).where(DashboardFact.recommendation_id.in_(ids[start:start + CHUNK])))
    rows = [{"recommendation_id": rec_id, "keys": json.dumps(found)} for rec_id, found in keys.items()]
    if rows:
        connection.execute(insert(DashboardFact), rows)


def recount(connection, ids: set[int]) -> None:
    """Count these recommendations again (changed, added or deleted), if the counts exist at all."""
    kept = state(connection, lock=True)
    if kept is None or not ids:
        return
    ids = sorted(ids)
    old, new = stored_keys(connection, ids), current_keys(connection, ids, kept.as_of)
    _add(connection, difference(old, new))
    _store(connection, new, ids)


def rebuild(connection, today: date) -> int:
    """Count everything again, as of `today` (the migration, `flask dashboard rebuild`, the demo's loaders)."""
    connection.execute(delete(DashboardCount))
    connection.execute(delete(DashboardFact))
    connection.execute(delete(DashboardState))
    ids = sorted(connection.scalars(select(Recommendation.id)))
    for start in range(0, len(ids), REBUILD_CHUNK):  # a part at a time: every key of the backlog would fill memory
        keys = current_keys(connection, ids[start:start + REBUILD_CHUNK], today)
        _add(connection, difference({}, keys))
        rows = [{"recommendation_id": rec_id, "keys": json.dumps(found)} for rec_id, found in keys.items()]
        if rows:
            connection.execute(insert(DashboardFact), rows)
    connection.execute(insert(DashboardState).values(id=1, as_of=today, built_at=utcnow()))
    return len(ids)


# --- today ---------------------------------------------------------------------------------------------------


def crossing_ids(connection, since: date, today: date) -> list[int]:
    """Open recommendations whose aging bucket changed between the two days: due where a boundary passed."""
    if today <= since:
        return []
    ranges = [(since - timedelta(days=bound - 1), today - timedelta(days=bound)) for bound in BOUNDARIES]
    query = select(Recommendation.id).where(Recommendation.verified_status == VerifiedStatus.OPEN)
    if (today - since).days < BOUNDARIES[1] - BOUNDARIES[0]:  # disjoint ranges: each reads its own index range
        query = query.where(or_(*[Recommendation.current_due.between(first, last) for first, last in ranges]))
    else:
        query = query.where(Recommendation.current_due.between(ranges[-1][0], ranges[0][1]))
    return sorted(connection.scalars(query))


def correction(connection, since: date, today: date) -> dict[tuple, list[int]]:
    """What the counts kept as of `since` lack to be those of `today` (read-only)."""
    ids = crossing_ids(connection, since, today)
    return rows_of(difference(stored_keys(connection, ids), current_keys(connection, ids, today)))


def rebase(connection, today: date) -> int:
    """Move the counts to `today`: the recommendations whose bucket changed are counted again (the daily job)."""
    kept = state(connection, lock=True)
    if kept is None or kept.as_of >= today:
        return 0
    ids = crossing_ids(connection, kept.as_of, today)
    connection.execute(update(DashboardState).where(DashboardState.id == 1).values(as_of=today))
    new = current_keys(connection, ids, today)
    _add(connection, difference(stored_keys(connection, ids), new))
    _store(connection, new, ids)
    return len(ids)
