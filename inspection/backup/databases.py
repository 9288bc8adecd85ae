"""Dumping and restoring each kind of database. Both give a consistent snapshot while the portal keeps writing:
SQLite's online backup API copies the database under one read transaction (WAL: writers go on meanwhile);
PostgreSQL's pg_dump reads the snapshot exported by the transaction that counts the rows, so the manifest's
counts are exactly the dump's."""

import glob
import os
import shutil
import sqlite3
import subprocess
from contextlib import closing

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.pool import NullPool

from inspection.backup import BackupError
from inspection.backup import tables as facts
from inspection.backup.tables import Snapshot


def for_engine(engine: Engine, pg_bin: str | None = None):
    kind = engine.dialect.name
    if kind == "sqlite":
        return SqliteDatabase(engine)
    if kind == "postgresql":
        return PostgresDatabase(engine, pg_bin)
    raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu loại {kind}.")


class SqliteDatabase:
    kind = "sqlite"

    def __init__(self, engine: Engine):
        self.engine = engine
        self.path = engine.url.database
        if not self.path or self.path == ":memory:" or self.path.startswith("file:"):
            raise BackupError("Chỉ sao lưu và khôi phục được cơ sở dữ liệu SQLite nằm trong một tệp.")

    def dump(self, target: str) -> Snapshot:
        _sqlite_copy(self.path, target)
        return _with_file_engine(target, facts.live_snapshot)

    def restore(self, path: str) -> None:
        self.engine.dispose()
        os.makedirs(os.path.dirname(os.path.abspath(self.path)), exist_ok=True)
        _sqlite_copy(path, self.path)
        self.engine.dispose()


def _sqlite_copy(source: str, target: str) -> None:
    """The online backup API: one consistent copy, whatever other connections write meanwhile."""
    with closing(sqlite3.connect(source)) as reader, closing(sqlite3.connect(target)) as writer:
        reader.backup(writer)


def _with_file_engine(path: str, use):
    engine = create_engine("sqlite:///" + path, poolclass=NullPool)
    try:
        return use(engine)
    finally:
        engine.dispose()


def _sqlite_problems(engine: Engine, expected: dict[str, int]) -> list[str]:
    try:
        with engine.connect() as connection:
            verdict = connection.exec_driver_sql("PRAGMA integrity_check").scalars().all()
            found = facts.counts(connection)
    except Exception as error:  # noqa: BLE001  (whatever sqlite says, the copy is not usable)
        return [f"Bản sao cơ sở dữ liệu SQLite không mở được: {error}."]
    problems = [] if verdict == ["ok"] else ["PRAGMA integrity_check báo lỗi: " + "; ".join(verdict[:5])]
    return problems + count_problems(expected, found)


def count_problems(expected: dict[str, int], found: dict[str, int]) -> list[str]:
    problems = [f"Bảng {name}: manifest ghi {rows} dòng, cơ sở dữ liệu có {found.get(name, 'không có bảng')}."
                for name, rows in sorted(expected.items()) if found.get(name) != rows]
    extra = sorted(set(found) - set(expected))
    return problems + ([f"Có bảng không ghi trong manifest: {', '.join(extra)}."] if extra else [])


class PostgresDatabase:
    kind = "postgresql"

    def __init__(self, engine: Engine, pg_bin: str | None):
        self.engine, self.pg_bin = engine, pg_bin

    def dump(self, target: str) -> Snapshot:
        with self.engine.connect() as connection:
            connection = connection.execution_options(isolation_level="REPEATABLE READ")
            with connection.begin():
                exported = connection.scalar(text("SELECT pg_export_snapshot()"))
                snapshot = facts.snapshot(connection)
                self._run("pg_dump", "--format=custom", f"--snapshot={exported}", f"--file={target}",
                          f"--dbname={self._uri()}")
        return snapshot

    def restore(self, path: str) -> None:
        self.engine.dispose()
        self._drop_tables()
        self._run("pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
                  f"--dbname={self._uri()}", path)
        self.engine.dispose()

    def _drop_tables(self) -> None:
        """Restore is refused on a database holding rows unless forced; what is there (an empty schema built
        by `flask db upgrade`, or forced-away data) makes way for the dump's own schema."""
        with self.engine.begin() as connection:
            for name in inspect(connection).get_table_names():
                connection.execute(text(f"DROP TABLE IF EXISTS {facts.quoted(name)} CASCADE"))
            # the dump creates the schema's own functions too (the award tallies' trigger function): drop them,
            # not those of an extension (pg_trgm's), which the extension keeps
            for function in connection.scalars(text(_OWN_FUNCTIONS)):
                connection.execute(text(f"DROP FUNCTION IF EXISTS {function} CASCADE"))

    def _uri(self) -> str:
        """libpq's URI without the password (given through PGPASSWORD, never on a command line)."""
        return self.engine.url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)

    def _run(self, program: str, *arguments: str) -> str:
        return run_program(program, arguments, self.pg_bin, self.engine.url.password)


_OWN_FUNCTIONS = (
    "SELECT p.oid::regprocedure::text FROM pg_proc p WHERE p.pronamespace = current_schema()::regnamespace "
    "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid "
    "AND d.deptype = 'e')")


def check_dump(kind: str, path: str, tables: dict[str, int], pg_bin: str | None = None) -> list[str]:
    """The dump restorable in principle: SQLite's integrity check and its counts against the manifest;
    pg_restore reading the dump's table of contents, with data for every table the manifest counts."""
    if kind == "sqlite":
        return _with_file_engine(path, lambda engine: _sqlite_problems(engine, tables))
    try:
        listing = run_program("pg_restore", ("--list", path), pg_bin)
    except BackupError as error:
        return [str(error)]
    dumped = {line.split()[-2] for line in listing.splitlines() if " TABLE DATA " in line}
    missing = sorted(set(tables) - dumped)
    return [f"Bản pg_dump thiếu dữ liệu các bảng: {', '.join(missing)}."] if missing else []


def run_program(program: str, arguments, pg_bin: str | None, password: str | None = None) -> str:
    env = dict(os.environ)
    if password:
        env["PGPASSWORD"] = str(password)
    result = subprocess.run([postgres_program(program, pg_bin), *arguments], env=env,
                            capture_output=True, text=True, check=False)
    if result.returncode:
        raise BackupError(f"{program} thất bại: {result.stderr.strip()[-800:]}")
    return result.stdout


def postgres_program(program: str, folder: str | None = None) -> str:
    """BACKUP_PG_BIN when set, else the PATH, else the newest server's bin folder of Debian's packages."""
    candidates = [os.path.join(folder, program)] if folder else []
    candidates += [shutil.which(program) or ""]
    candidates += sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{program}"),
                         key=lambda path: int(path.split("/")[4]) if path.split("/")[4].isdigit() else 0,
                         reverse=True)
    for candidate in candidates:
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    raise BackupError(f"Không tìm thấy chương trình {program} của PostgreSQL: cài gói postgresql-client "
                      "hoặc đặt INSPECTION_BACKUP_PG_BIN là thư mục chứa nó.")
