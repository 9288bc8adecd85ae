"""The dashboard's breakdowns of open recommendations: one GROUP BY query each, whatever the data size.

Every row counts open, overdue and overdue-by-age recommendations (scope.MEASURES) and links to the register
with the row's own filter: responsible=<code>, group=<id>, mission=<id>, category=…, severity=…."""

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from inspection.dashboard.scope import Row, Scope, make_row, measure_columns
from inspection.extensions import db
from inspection.findings.models import Finding, FindingCategory, Recommendation, Responsibility, Severity
from inspection.findings.register_filters import from_recommendations, is_open
from inspection.groups.models import EmulationGroup, GroupMember
from inspection.missions.models import Mission
from inspection.units.models import Unit

#: the long breakdowns show this many rows, those with most overdue items; the register has the rest
TOP = 20


def _open_in_scope(scope: Scope, *dimensions, distinct_ids: bool = False, finding: bool = False):
    """SELECT dimensions, measures FROM the scope's open recommendations (every measure is among them)."""
    columns = measure_columns(scope, distinct_ids)
    return from_recommendations(*dimensions, *columns, where=[*scope.where, is_open()], finding=finding), columns


def _top(query, columns, *dimensions):
    """Most overdue first (then most open), TOP rows."""
    return query.group_by(*dimensions).order_by(columns[1].desc(), columns[0].desc(), *dimensions).limit(TOP)


def by_category_and_severity(scope: Scope) -> tuple[Row, list[Row], list[Row]]:
    """The totals and both breakdowns from one GROUP BY category, severity (at most 44 rows, added up by either;
    every finding has one category and one severity, so all the rows add up to the totals)."""
    query, _columns = _open_in_scope(scope, Finding.category, Finding.severity)
    categories, severities, total = {}, {}, {}
    for category, severity, *values in db.session.execute(query.group_by(Finding.category, Finding.severity)):
        _add(categories, category, values)
        _add(severities, severity, values)
        _add(total, None, values)
    return (make_row(scope, "", {}, total.get(None, [0] * 6)),
            [make_row(scope, category.label, {"category": category.value}, categories.get(category, [0] * 6))
             for category in FindingCategory],
            [make_row(scope, severity.label, {"severity": severity.value}, severities.get(severity, [0] * 6))
             for severity in reversed(Severity)])


def _add(sums: dict, key, values) -> None:
    sums[key] = [old + new for old, new in zip(sums.get(key, [0] * len(values)), values, strict=True)]


def by_responsible_unit(scope: Scope) -> list[Row]:
    """The TOP responsible units with most overdue items (a joint recommendation counts for each unit)."""
    query, columns = _open_in_scope(scope, Responsibility.unit_id)
    query = _top(query.join(Responsibility, Responsibility.recommendation_id == Recommendation.id),
                 columns, Responsibility.unit_id)
    rows = db.session.execute(query).all()
    units = units_by_id({unit_id for unit_id, *_values in rows})
    return [make_row(scope, units[unit_id].name, {"responsible": units[unit_id]}, values, units[unit_id].code)
            for unit_id, *values in rows]


def units_by_id(ids: set[int]) -> dict[int, Unit]:
    if not ids:
        return {}
    query = select(Unit).where(Unit.id.in_(ids)).options(selectinload(Unit.names))
    return {unit.id: unit for unit in db.session.scalars(query)}


def group_years() -> list[int]:
    """The years that have clusters or blocks, newest first."""
    return list(db.session.scalars(select(EmulationGroup.year).distinct().order_by(EmulationGroup.year.desc())))


def group_year(scope: Scope, years: list[int], wanted: int | None) -> int | None:
    """The year asked for, else that of the selected cluster or block, else the latest year that has any."""
    if wanted in years:
        return wanted
    if scope.filters.get("group"):
        return db.session.scalar(select(EmulationGroup.year).where(EmulationGroup.id == int(scope.filters["group"])))
    return years[0] if years else None


def by_group(scope: Scope, year: int | None) -> list[Row]:
    """Clusters and blocks of that year with a responsible unit among their members (counted once per group)."""
    if year is None:
        return []
    dimensions = (EmulationGroup.id, EmulationGroup.kind, EmulationGroup.name)
    query, columns = _open_in_scope(scope, *dimensions, distinct_ids=True)
    query = (query.join(Responsibility, Responsibility.recommendation_id == Recommendation.id)
             .join(GroupMember, GroupMember.unit_id == Responsibility.unit_id)
             .join(EmulationGroup, EmulationGroup.id == GroupMember.group_id).where(EmulationGroup.year == year))
    return [make_row(scope, name, {"group": str(group_id)}, values, kind.label)
            for group_id, kind, name, *values in db.session.execute(_top(query, columns, *dimensions))]


def by_mission(scope: Scope) -> list[Row]:
    dimensions = (Mission.id, Mission.title)
    query, columns = _open_in_scope(scope, *dimensions, finding=True)
    query = _top(query.join(Mission, Mission.id == Finding.mission_id), columns, *dimensions)
    return [make_row(scope, title, {"mission": str(mission_id)}, values)
            for mission_id, title, *values in db.session.execute(query)]
