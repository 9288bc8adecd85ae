"""Property: whatever moves and edits are asked for (the refused ones refused), on every day the hierarchy is a
forest: each unit has at most one parent that day, following parents never comes back to a unit, and the
subtree the SQL walk returns is exactly the units below the root by that day's parents."""

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from inspection.access import SYSTEM
from inspection.extensions import db
from inspection.rules import RuleViolation
from inspection.units import services as units
from inspection.units.models import Unit
from inspection.units.placement import move_unit
from inspection.units.queries import parent_edges, subtree_ids
from tests.factories import make_unit

SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
UNITS = 4
DAYS = st.integers(0, 3650).map(lambda offset: date(2016, 1, 1) + timedelta(days=offset))
#: (unit, new parent or None, day, through the edit form instead of a dated move)
OPERATIONS = st.lists(st.tuples(st.integers(0, UNITS - 1), st.none() | st.integers(0, UNITS - 1), DAYS,
                                st.booleans()), max_size=14)


def _apply(unit: Unit, parent: Unit | None, day: date, by_edit: bool) -> None:
    try:
        with db.session.begin_nested():
            if by_edit:
                units.update_unit(SYSTEM, unit, code=unit.code, kind=unit.kind, parent=parent, valid_from=None,
                                  valid_to=None, note=None, version=unit.version)
            else:
                move_unit(SYSTEM, unit, parent, day)
    except RuleViolation:
        pass


def _parents_on(day: date) -> dict[int, int]:
    edges = parent_edges(day)
    pairs = db.session.execute(select(edges.c.unit_id, edges.c.parent_id)).all()
    assert len(pairs) == len({child for child, _parent in pairs}), f"a unit with two parents on {day}"
    return dict(pairs)


def _below(root: int, parents: dict[int, int]) -> set[int]:
    found, grew = {root}, True
    while grew:
        more = {child for child, parent in parents.items() if parent in found} - found
        found, grew = found | more, bool(more)
    return found


@SLOW
@given(OPERATIONS, st.lists(DAYS, min_size=1, max_size=5))
def test_every_subtree_on_any_day_is_a_tree(app, operations, days):
    made = [make_unit() for _ in range(UNITS)]
    for index, parent, day, by_edit in sorted(operations, key=lambda operation: operation[2]):  # mostly accepted
        _apply(made[index], made[parent] if parent is not None else None, day, by_edit)
    for day in days + [operation[2] for operation in operations]:
        parents = _parents_on(day)
        for unit in made:
            seen, current = set(), unit.id
            while current in parents:
                assert current not in seen, f"a cycle through unit {current} on {day}"
                seen.add(current)
                current = parents[current]
            assert subtree_ids({unit.id}, on=day) == _below(unit.id, parents)
    db.session.rollback()
