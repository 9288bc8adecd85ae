"""Facts read from a database through any SQLAlchemy connection: every table with its rows, the migration
revision, the stored files the database names. The tables come from the database's own catalogue, so every
table is counted (alembic_version too) and no feature's model is needed."""

from dataclasses import dataclass

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine

from inspection.files.models import StoredFile
from inspection.textsearch import is_search_index

ALEMBIC = "alembic_version"


@dataclass
class Snapshot:
    revision: str | None
    tables: dict[str, int]
    #: stored_name → sha256 of every stored file row
    stored_files: dict[str, str]


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def counts(connection: Connection) -> dict[str, int]:
    names = sorted(inspect(connection).get_table_names())
    return {name: connection.scalar(text(f"SELECT COUNT(*) FROM {quoted(name)}")) for name in names}


def snapshot(connection: Connection) -> Snapshot:
    tables = counts(connection)
    return Snapshot(revision(connection, tables), tables, stored_files(connection, tables))


def revision(connection: Connection, tables: dict[str, int]) -> str | None:
    if ALEMBIC not in tables:
        return None
    versions = connection.scalars(text(f"SELECT version_num FROM {ALEMBIC} ORDER BY version_num")).all()
    return ",".join(versions) or None


def stored_files(connection: Connection, tables: dict[str, int]) -> dict[str, str]:
    table = StoredFile.__tablename__
    if table not in tables:
        return {}
    rows = connection.execute(text(f"SELECT stored_name, sha256 FROM {quoted(table)}"))
    return dict(rows.all())


def occupied(engine: Engine) -> dict[str, int]:
    """The tables holding rows: what makes a database not empty. The migration's bookkeeping aside, and the
    search indexes (SQLite's FTS5 tables mirror the tables they index: naming them only hides the real ones)."""
    with engine.connect() as connection:
        return {name: rows for name, rows in counts(connection).items()
                if rows and name != ALEMBIC and not is_search_index(name)}


def live_snapshot(engine: Engine) -> Snapshot:
    with engine.connect() as connection:
        return snapshot(connection)
