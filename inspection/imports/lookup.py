"""Bulk look-ups for validation: a few queries for a whole file, not one per row."""

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from inspection.extensions import db
from inspection.units.models import Unit

#: stays under every database's limit on bound parameters
CHUNK = 500


def units_by_code(codes: set[str]) -> dict[str, Unit]:
    """Existing units with these codes, with their names and parent loaded."""
    found: dict[str, Unit] = {}
    ordered = sorted(code for code in codes if code)
    for start in range(0, len(ordered), CHUNK):
        query = (select(Unit).where(Unit.code.in_(ordered[start:start + CHUNK]))
                 .options(selectinload(Unit.names), selectinload(Unit.parent)))
        found.update((unit.code, unit) for unit in db.session.scalars(query))
    return found
