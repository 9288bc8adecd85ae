"""`among(column, ids)`: the column's value is one of the ids a SELECT yields, written for each database so that
the column's own index answers it.

A scope such as "the finding's unit is one of mine, or it holds a recommendation one of my units answers" is an
OR of two sets. PostgreSQL plans `unit_id IN (…) OR id IN (SELECT …)` as a scan of the whole table testing a
hashed set on every row (a province officer's findings: 100.000 rows read to keep 3.000; 235 ms on the national
data set). Written `id = ANY(ARRAY(SELECT …))`, the set is worked out once (an InitPlan) and then looked up in
the column's index, and an OR of such conditions becomes a BitmapOr of index scans (the same findings: 30 ms).
SQLite already reads each side of such an OR through its index ("MULTI-INDEX OR"): there it stays `IN`.

`one_of(column, ids)`: the same for a set worked out in Python, such as the units a user sees (units.scope): the
one form every scope uses for it."""

from sqlalchemy import Boolean, Integer, any_, bindparam
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal


def among(column, ids):
    """WHERE clause: `column` is one of the values of the one-column SELECT `ids` (kept uncorrelated)."""
    return _Among(column, ids.correlate(None))


class _Among(ColumnElement):
    type = Boolean()
    #: the column and the subquery are the construct's whole state: they make its cache key, so a statement using
    #: it is compiled once and cached like any other (the subquery's own values stay bound parameters)
    _traverse_internals = [("column", InternalTraversal.dp_clauseelement),
                           ("ids", InternalTraversal.dp_clauseelement)]
    inherit_cache = True
    #: a condition in itself: inside an OR, SQLite would otherwise get `… IN (…) = 1`, which no index answers
    _is_implicitly_boolean = True

    def __init__(self, column, ids):
        self.column, self.ids = column, ids


@compiles(_Among)
def _compile_in(element, compiler, **kw):
    return compiler.process(element.column.in_(element.ids), **kw)


@compiles(_Among, "postgresql")
def _compile_any_array(element, compiler, **kw):
    column = compiler.process(element.column, **kw)
    return f"{column} = ANY(ARRAY{compiler.process(element.ids.scalar_subquery(), **kw)})"


def usually(condition):
    """The condition, marked as true for most rows it is tested on. SQLite's planner estimates a condition on an
    indexed column from the column's average selectivity: on a data set where a province's share is large, it
    then reads every open recommendation to keep a province's instead of the province's shares by their unit
    index (65 ms against 4 on the 0.1 data set). `likely(…)` tells it the condition filters little; other
    databases get the condition as it is."""
    return _Usually(condition)


class _Usually(ColumnElement):
    type = Boolean()
    #: the condition is the whole state: its cache key, as for `among`
    _traverse_internals = [("condition", InternalTraversal.dp_clauseelement)]
    inherit_cache = True
    _is_implicitly_boolean = True

    def __init__(self, condition):
        self.condition = condition


@compiles(_Usually)
def _compile_plain(element, compiler, **kw):
    return compiler.process(element.condition, **kw)


@compiles(_Usually, "sqlite")
def _compile_likely(element, compiler, **kw):
    return f"likely({compiler.process(element.condition, **kw)})"


def one_of(column, ids):
    """WHERE clause: `column` is one of these ids (a set worked out in Python, such as a user's units). On
    PostgreSQL one array parameter, `column = ANY(%(ids)s)`: the statement stays short and its parameters few,
    where an IN of a province's 103 units is 103 parameters that SQLAlchemy writes out and psycopg parses again
    on every execution (it keeps the parsed form of statements under 50 parameters only). Elsewhere an IN."""
    return _OneOf(column, sorted(ids))


class _OneOf(ColumnElement):
    type = Boolean()
    _traverse_internals = [("listed", InternalTraversal.dp_clauseelement),
                           ("array", InternalTraversal.dp_clauseelement)]
    inherit_cache = True
    _is_implicitly_boolean = True

    def __init__(self, column, ids: list[int]):
        self.listed = column.in_(ids)
        self.array = column == any_(bindparam(None, ids, type_=ARRAY(Integer)))


@compiles(_OneOf)
def _compile_listed(element, compiler, **kw):
    return compiler.process(element.listed, **kw)


@compiles(_OneOf, "postgresql")
def _compile_array(element, compiler, **kw):
    return compiler.process(element.array, **kw)
