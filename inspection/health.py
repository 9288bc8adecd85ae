"""What /healthz reports: each part of the installation registers a check once (the core ones here, the job
queue and the backups in their own packages), and the health page runs them all.

A check returns a `Health`: whether that part is fine and a few plain facts about it (never user data)."""

import functools
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Health:
    ok: bool
    facts: dict = field(default_factory=dict)


HealthCheck = Callable[[], Health]
_CHECKS: dict[str, HealthCheck] = {}


def register(name: str, check: HealthCheck) -> None:
    """Add a named check (once: the same name twice is a bug)."""
    if name in _CHECKS:
        raise ValueError(f"a health check called {name!r} is already registered")
    _CHECKS[name] = check


def checks() -> dict[str, HealthCheck]:
    return dict(_CHECKS)


def run_all() -> dict[str, Health]:
    """Every registered check, each on its own: one that raises is reported as failed (with the kind of
    error only: the message may name a host or a path), and the others still run."""
    results = {}
    for name, check in checks().items():
        try:
            results[name] = check()
        except Exception as error:  # noqa: BLE001  (a health page reports every failure, it never crashes)
            results[name] = Health(False, {"error": type(error).__name__})
    return results


# --- the core's checks: the database, its schema, the file store -------------------------------------------


def database() -> Health:
    """A round trip to the database, bounded in time (PostgreSQL: the connect timeout of the engine options
    and a statement timeout here; SQLite: its busy timeout)."""
    from sqlalchemy import text

    from inspection.extensions import db

    started = time.perf_counter()
    with db.engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SET LOCAL statement_timeout = 2000"))
        connection.execute(text("SELECT 1"))
    return Health(True, {"latency_ms": round((time.perf_counter() - started) * 1000, 1)})


def migrations() -> Health:
    """The database's Alembic revision against the newest one of the code."""
    from alembic.runtime.migration import MigrationContext

    from inspection.extensions import db

    with db.engine.connect() as connection:
        current = sorted(MigrationContext.configure(connection).get_current_heads())
    head = sorted(code_heads())
    return Health(current == head, {"current": ", ".join(current) or None, "head": ", ".join(head)})


def code_heads() -> tuple[str, ...]:
    from flask import current_app

    return _heads_in(current_app.extensions["migrate"].directory)


@functools.cache
def _heads_in(directory: str) -> tuple[str, ...]:
    """The migration scripts do not change while the process runs: read once."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", directory)
    return tuple(ScriptDirectory.from_config(config).get_heads())


def file_store() -> Health:
    """The uploaded files' folder: writable (a file is really written, which also catches a read-only or
    vanished NFS mount) and with at least FILES_MIN_FREE_MB free."""
    from flask import current_app

    folder = current_app.config["FILES_FOLDER"]
    prove_writable(folder)
    usage = shutil.disk_usage(folder)
    free_mb = usage.free // (1024 * 1024)
    return Health(free_mb >= current_app.config["FILES_MIN_FREE_MB"],
                  {"free_mb": free_mb, "free_percent": round(100 * usage.free / usage.total, 1)})


def prove_writable(folder: str) -> None:
    """Create the folder if needed and write, then remove, a small file in it (OSError when that fails)."""
    os.makedirs(folder, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=folder, prefix=".write-check-"):
        pass


register("database", database)
register("migrations", migrations)
register("file_store", file_store)
