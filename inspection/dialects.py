"""One condition written the way each database answers it best: `per_dialect(default, postgresql=…, sqlite=…)`.

The forms are built once, together; the statement is compiled for the database it runs on, which takes its own
form (or the default). All the forms are the construct's state, so a statement holding one is cached like any
other: compiled once per shape, its values bound parameters (idsets.among and one_of, textsearch.matches)."""

from sqlalchemy import Boolean
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal


def per_dialect(default, postgresql=None, sqlite=None):
    """WHERE clause: `postgresql` on PostgreSQL, `sqlite` on SQLite, `default` where that form is not given."""
    return _PerDialect(default, default if postgresql is None else postgresql, default if sqlite is None else sqlite)


class _PerDialect(ColumnElement):
    type = Boolean()
    _traverse_internals = [("default", InternalTraversal.dp_clauseelement),
                           ("postgresql", InternalTraversal.dp_clauseelement),
                           ("sqlite", InternalTraversal.dp_clauseelement)]
    inherit_cache = True
    #: a condition in itself: inside an OR, SQLite would otherwise get `… IN (…) = 1`, which no index answers
    _is_implicitly_boolean = True

    def __init__(self, default, postgresql, sqlite):
        self.default, self.postgresql, self.sqlite = default, postgresql, sqlite


@compiles(_PerDialect)
def _compile_default(element, compiler, **kw):
    return compiler.process(element.default, **kw)


@compiles(_PerDialect, "postgresql")
def _compile_postgresql(element, compiler, **kw):
    return compiler.process(element.postgresql, **kw)


@compiles(_PerDialect, "sqlite")
def _compile_sqlite(element, compiler, **kw):
    return compiler.process(element.sqlite, **kw)
