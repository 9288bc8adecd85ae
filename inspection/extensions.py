"""Unbound Flask extensions; the application factory binds them."""

import sqlite3
from collections.abc import Callable
from typing import TypeVar

from flask_babel import Babel
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import DeclarativeBase

from inspection.plaintext import CONTROL_CHARACTERS, strip_controls_if_text

T = TypeVar("T")

# Stable constraint names let Alembic alter tables on SQLite (batch mode) and PostgreSQL alike.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class PortalSQLAlchemy(SQLAlchemy):
    def paginate(self, select, *, page: int | None = None, **kwargs):
        """Flask-SQLAlchemy's pages, the page number read within bounds (page=2^63 overflowed the offset)."""
        from inspection.params import page_number

        return super().paginate(select, page=page or page_number(), **kwargs)


db = PortalSQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()


@event.listens_for(Engine, "connect")
def _tune_sqlite(dbapi_connection, _record):
    """SQLite ignores foreign keys unless asked; WAL and a busy timeout let the dev server and
    a CLI command share the file without 'database is locked' errors."""
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    # 64 MB of pages kept per connection (the default keeps 2 MB): a province's list reads a few thousand rows
    # scattered over a national file of a gigabyte and more, and would read them again from the OS each request
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.close()


@event.listens_for(Engine, "savepoint")
def _savepoint_inside_a_transaction(connection, _name):
    """Python's sqlite3 opens a transaction only before an INSERT, UPDATE or DELETE: a SAVEPOINT that comes
    first (an import's, written all or nothing) would open one of its own, and releasing it would commit
    there and then, beyond the reach of the request's rollback. Open the transaction the request would."""
    dbapi_connection = connection.connection.dbapi_connection
    if isinstance(dbapi_connection, sqlite3.Connection) and not dbapi_connection.in_transaction:
        dbapi_connection.execute("BEGIN")


#: how long a bookkeeping write (a job's progress, a session's "last seen") waits for SQLite's write lock
BRIEF_WAIT_MS = 200


def unless_busy(work: Callable[[Connection], T]) -> T | None:
    """`work(connection)` on a connection of its own, for a small write that may be skipped (the next one will
    do): on SQLite, while another transaction holds the write lock (a 200,000-row import writing, all or
    nothing), it waits only BRIEF_WAIT_MS and then gives up (None) instead of failing the page after the 5 s
    busy timeout. `work` commits."""
    try:
        with db.engine.connect() as connection:
            sqlite = connection.dialect.name == "sqlite"
            if sqlite:
                connection.exec_driver_sql(f"PRAGMA busy_timeout={BRIEF_WAIT_MS}")
            try:
                return work(connection)
            finally:
                if sqlite:
                    connection.rollback()
                    connection.exec_driver_sql("PRAGMA busy_timeout=5000")
    except OperationalError:
        return None


@event.listens_for(Engine, "before_cursor_execute", retval=True)
def _strip_control_characters(_conn, _cursor, statement, parameters, _context, _executemany):
    """The one gate every text passes on its way to the database: control characters are dropped from
    every string parameter. Here rather than in an ORM listener because it also covers Core statements
    (the dossier import inserts and updates in bulk), raw SQL and the parameters of queries: a NUL typed
    into a search box or a note never reaches PostgreSQL, which would refuse it with an error (a 500).
    Request parameters are cleaned first (`forms_util.PortalRequest`), so that the user sees what is saved."""
    # not `executemany`: a batch of "insertmanyvalues" says True yet carries one flat parameter set
    if isinstance(parameters, (list, tuple)) and parameters and isinstance(parameters[0], (dict, list, tuple)):
        return statement, [_clean(row) for row in parameters]
    return statement, _clean(parameters)


def _clean(parameters):
    """The parameters (a dict, or a tuple for SQLite's positional style) as they are when clean, the common case."""
    values = parameters.values() if isinstance(parameters, dict) else (parameters or ())
    if not any(isinstance(value, str) and CONTROL_CHARACTERS.search(value) for value in values):
        return parameters
    if isinstance(parameters, dict):
        return {key: strip_controls_if_text(value) for key, value in parameters.items()}
    return type(parameters)(strip_controls_if_text(value) for value in parameters)
