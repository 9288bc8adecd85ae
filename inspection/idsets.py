"""`among(column, ids)`: the column's value is one of the ids a SELECT yields, written for each database so that
the column's own index answers it.

A scope such as "the finding's unit is one of mine, or it holds a recommendation one of my units answers" is an
OR of two sets. PostgreSQL plans `unit_id IN (…) OR id IN (SELECT …)` as a scan of the whole table testing a
hashed set on every row (a province officer's findings: 100.000 rows read to keep 3.000; 235 ms on the national
data set). Written `id = ANY(ARRAY(SELECT …))`, the set is worked out once (an InitPlan) and then looked up in
the column's index, and an OR of such conditions becomes a BitmapOr of index scans (the same findings: 30 ms).
SQLite already reads each side of such an OR through its index ("MULTI-INDEX OR"): there it stays `IN`.

`one_of(column, ids)`: the same for a set worked out in Python, such as the units a user sees (units.scope): the
one form every scope uses for it. Each is a `dialects.per_dialect` condition."""

from sqlalchemy import Integer, any_, bindparam, func
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal

from inspection.dialects import per_dialect


def among(column, ids):
    """WHERE clause: `column` is one of the values of the one-column SELECT `ids` (kept uncorrelated)."""
    ids = ids.correlate(None)
    return per_dialect(column.in_(ids), postgresql=column == any_(_ArrayOf(ids)))


class _ArrayOf(ColumnElement):
    """PostgreSQL's `ARRAY(SELECT …)`: the SELECT's values as one array, worked out once."""

    _traverse_internals = [("ids", InternalTraversal.dp_clauseelement)]
    inherit_cache = True

    def __init__(self, ids):
        self.ids = ids


@compiles(_ArrayOf)
def _compile_array_of(element, compiler, **kw):
    return f"ARRAY{compiler.process(element.ids.scalar_subquery(), **kw)}"


def usually(condition):
    """The condition, marked as true for most rows it is tested on. SQLite's planner estimates a condition on an
    indexed column from the column's average selectivity: on a data set where a province's share is large, it
    then reads every open recommendation to keep a province's instead of the province's shares by their unit
    index (65 ms against 4 on the 0.1 data set). `likely(…)` tells it the condition filters little; other
    databases get the condition as it is."""
    return per_dialect(condition, sqlite=func.likely(condition))


def one_of(column, ids):
    """WHERE clause: `column` is one of these ids (a set worked out in Python, such as a user's units). On
    PostgreSQL one array parameter, `column = ANY(%(ids)s)`: the statement stays short and its parameters few,
    where an IN of a province's 103 units is 103 parameters that SQLAlchemy writes out and psycopg parses again
    on every execution (it keeps the parsed form of statements under 50 parameters only). Elsewhere an IN."""
    ids = sorted(ids)
    return per_dialect(column.in_(ids), postgresql=column == any_(bindparam(None, ids, type_=ARRAY(Integer))))
