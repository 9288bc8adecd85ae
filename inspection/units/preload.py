"""The units a page names, with their dated names, read once per request.

A page that shows records of several kinds (the mission workspace: the mission's units, its sessions', its
findings', the responsible units of their recommendations) names mostly the same few units. Loading each kind's
units with `selectinload(…unit).selectinload(Unit.names)` costs two queries per kind even when every unit is already
in the session; `attach` looks the units up in the session first and reads only the missing ones (two queries at
most, none when the page already loaded them), then sets them on the records."""

from collections.abc import Iterable

from sqlalchemy import inspect, select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import set_committed_value

from inspection.extensions import db
from inspection.units.models import Unit


def units_by_id(ids: Iterable[int | None]) -> dict[int, Unit]:
    """The units of these ids with their names loaded: those the session holds, then the rest in one query."""
    wanted = {unit_id for unit_id in ids if unit_id is not None}
    found = {unit_id: unit for unit_id in wanted if (unit := _held(unit_id)) is not None}
    missing = wanted - found.keys()
    if missing:
        found |= {unit.id: unit for unit in db.session.scalars(
            select(Unit).where(Unit.id.in_(missing)).options(selectinload(Unit.names)))}
    return found


def attach(records: Iterable, attribute: str, key: str) -> None:
    """Set each record's many-to-one `attribute` (e.g. "unit") to its unit, found by the id in `key` ("unit_id")."""
    records = list(records)
    units = units_by_id(getattr(record, key) for record in records)
    for record in records:
        set_committed_value(record, attribute, units.get(getattr(record, key)))


def _held(unit_id: int) -> Unit | None:
    """The unit if the session holds it with its columns and names loaded (an expired one is read again)."""
    unit = db.session.identity_map.get(db.session.identity_key(Unit, unit_id))
    if unit is None:
        return None
    unloaded = inspect(unit).unloaded
    return unit if "names" not in unloaded and "code" not in unloaded else None
