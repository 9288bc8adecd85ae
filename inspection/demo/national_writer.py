"""Bulk writing for the national data set.

The database starts empty, so ids are handed out here rather than read back row by row; rows wait in one
buffer per table and go to the database as executemany INSERTs (`db.session.execute(insert(table), rows)`),
never through the ORM unit of work. When the buffers hold BATCH rows, every table is written in foreign-key
order (parents first: SQLite and PostgreSQL check keys on each INSERT), so memory stays bounded whatever the
scale."""

import time
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date, datetime, timedelta
from datetime import time as clock

from flask_babel import gettext as _
from sqlalchemy import Table, func, insert, select, text

from inspection.auth.models import User
from inspection.extensions import db
from inspection.findings.models import Finding
from inspection.missions.models import Mission
from inspection.nominations.models import Dossier
from inspection.rules import RuleViolation
from inspection.textsearch import fill_row
from inspection.units.models import Unit

BATCH = 20_000
#: tables that must be empty: the data set is built on a fresh database only
MUST_BE_EMPTY = (Unit, User, Mission, Finding, Dossier)


def require_empty_database() -> None:
    """RuleViolation naming what is already there; the award catalogue may exist (seeding is idempotent)."""
    present = [model.__tablename__ for model in MUST_BE_EMPTY
               if db.session.scalar(select(model.id).limit(1)) is not None]
    if present:
        raise RuleViolation(_("Cơ sở dữ liệu đã có dữ liệu (bảng %(tables)s). Dữ liệu quy mô quốc gia chỉ được sinh "
                              "trên một cơ sở dữ liệu trống: hãy tạo cơ sở dữ liệu mới rồi chạy "
                              "“flask db upgrade” trước.", tables=", ".join(present)))


class Ids:
    """Next free id per table, read once: the rows written here are the only writers."""

    def __init__(self):
        self._next: dict[str, int] = {}

    def take(self, table: Table, count: int = 1) -> int:
        """The first of `count` consecutive new ids."""
        if table.name not in self._next:
            self._next[table.name] = (db.session.scalar(select(func.max(table.c.id))) or 0) + 1
        first = self._next[table.name]
        self._next[table.name] += count
        return first


class BulkWriter:
    def __init__(self, progress: Callable[[str], None], batch: int = BATCH):
        self.ids = Ids()
        self.counts: Counter = Counter()
        self._rows: dict[str, list[dict]] = defaultdict(list)
        self._waiting = 0
        self._batch = batch
        self._progress = progress
        self._started = time.perf_counter()

    def add(self, table: Table, row: dict) -> None:
        """Queue a row (every row of a table with the same keys: one executemany per table)."""
        self._rows[table.name].append(fill_row(table, row))
        self._waiting += 1
        if self._waiting >= self._batch:
            self.flush()

    def new(self, table: Table, row: dict) -> int:
        """Queue a row under a new id; returns the id."""
        row["id"] = self.ids.take(table)
        self.add(table, row)
        return row["id"]

    def flush(self) -> None:
        for table in db.metadata.sorted_tables:  # parents before children
            rows = self._rows.pop(table.name, None)
            if rows:
                db.session.execute(insert(table), rows)
                self.counts[table.name] += len(rows)
        self._waiting = 0

    def say(self, what: str) -> None:
        self._progress(f"[{time.perf_counter() - self._started:6.1f} s] {what}")


def fix_sequences(tables: list[str]) -> None:
    """PostgreSQL: ids were given explicitly, so move each id sequence past the highest id."""
    if db.session.get_bind().dialect.name != "postgresql":
        return
    for name in tables:
        db.session.execute(text(f"SELECT setval(pg_get_serial_sequence('\"{name}\"', 'id'), "
                                f"(SELECT max(id) FROM \"{name}\"))"))


def dotted(value: int) -> str:
    """1.000.000: a number as Vietnamese text writes it."""
    return f"{value:,}".replace(",", ".")


def at(day: date, minutes: int = 0) -> datetime:
    """A stored (naive UTC) time on a Vietnamese working day: 08:00 in Vietnam is 01:00 UTC."""
    return datetime.combine(day, clock(1, 0)) + timedelta(minutes=minutes)
