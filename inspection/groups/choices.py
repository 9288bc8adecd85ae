"""The clusters and blocks the pick lists offer (the register's and the dashboard's filter, a mission's form),
read once per process and read again when the table has changed.

A national data set has over 400 clusters and blocks a year: reading and grouping them cost every dashboard and
register page a few milliseconds (issue #14). A page reads the table's stamp instead: how many rows, the newest
id and the sum of the rows' versions, which every insert and every edit raises (the ORM's version counter;
groups are never deleted, and ids are not reused). A process keeps the listing of the last stamp it saw."""

from flask import current_app
from sqlalchemy import func, select

from inspection.extensions import db
from inspection.groups.models import EmulationGroup

#: app.extensions key of the kept listing (tests empty it with the tables)
EXTENSION = "group_choices"
#: a year's clusters and blocks: id as text → name, by kind then name
Choices = dict[str, str]


def _stamp() -> tuple:
    query = select(func.count(), func.max(EmulationGroup.id), func.sum(EmulationGroup.version))
    return tuple(db.session.execute(query).one())


def _read() -> dict[int, Choices]:
    query = select(EmulationGroup.id, EmulationGroup.name, EmulationGroup.year).order_by(
        EmulationGroup.year.desc(), EmulationGroup.kind, EmulationGroup.name)
    by_year: dict[int, Choices] = {}
    for group_id, name, year in db.session.execute(query):
        by_year.setdefault(year, {})[str(group_id)] = name
    return by_year


def groups_by_year() -> dict[int, Choices]:
    """Year → its clusters and blocks, newest year first (shared: the caller must not change them)."""
    stamp = _stamp()
    kept = current_app.extensions.get(EXTENSION)
    if kept is None or kept[0] != stamp:
        kept = current_app.extensions[EXTENSION] = (stamp, _read())
    return kept[1]
