"""Backups: the backup folder per test, a fresh database of the running kind to restore into, helpers to read
and rewrite archives."""

import hashlib
import io
import os
import tarfile
import threading
import time

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.exc import DBAPIError
from werkzeug.datastructures import FileStorage

from inspection import audit, create_app
from inspection.access import SYSTEM
from inspection.backup.manifest import MANIFEST, Manifest
from inspection.extensions import db
from inspection.files.services import store_upload
from tests import factories
from tests.conftest import IsolatedClient, make_config


@pytest.fixture
def app_config(tmp_path) -> dict:
    return {"BACKUP_DIR": str(tmp_path / "backups")}


@pytest.fixture
def fresh_database(migrated, tmp_path):
    """The URL of a new, empty database of the kind under test (no tables at all), dropped afterwards."""
    url = make_url(migrated)
    if url.get_backend_name() == "sqlite":
        yield "sqlite:///" + str(tmp_path / "restored.sqlite3")
        return
    name = f"{url.database}_restore"
    _drop(migrated, name)
    _admin(migrated, f'CREATE DATABASE "{name}"')
    yield url.set(database=name).render_as_string(hide_password=False)
    _drop(migrated, name)


def _drop(url: str, name: str, attempts: int = 20) -> None:
    """DROP … WITH (FORCE) cannot end an autovacuum worker (another role's backend) that a fresh restore may have
    woken in that database: wait for it to finish, as it soon does."""
    for attempt in range(attempts):
        try:
            _admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            return
        except DBAPIError as error:
            if attempt == attempts - 1 or "pg_signal_backend" not in str(error):
                raise
            time.sleep(0.5)


def _admin(url: str, *statements: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        for statement in statements:
            connection.execute(text(statement))
    engine.dispose()


@pytest.fixture
def other_app(tmp_path):
    """other_app(url) → a second installation (its own database and file store) to restore into."""
    made = []

    def make(url: str):
        other = create_app(make_config(url, None, FILES_FOLDER=str(tmp_path / "restored-files"),
                                       BACKUP_DIR=str(tmp_path / "restored-backups")))
        other.test_client_class = IsolatedClient
        made.append(other)
        return other

    yield make
    for other in made:
        with other.app_context():
            db.engine.dispose()


def invoke(other, arguments: list[str]):
    """Run a command in another installation: its context pushed (the CLI runner reuses a current one)."""
    with other.app_context():
        return other.test_cli_runner().invoke(args=arguments)


def store_pdf(app, number: int):
    """A unit, a stored file and an audit entry, as a day's work leaves them (flushed, not committed)."""
    unit = factories.make_unit()
    data = b"%PDF-1.7\n" + f"tệp số {number}\n".encode() + os.urandom(64) + b"\n%%EOF\n"
    stored = store_upload(SYSTEM, FileStorage(io.BytesIO(data), f"bien-ban-{number}.pdf"),
                          folder=app.config["FILES_FOLDER"], max_bytes=1024 * 1024)
    audit.record(SYSTEM, "unit.create", unit, f"Tạo đơn vị thử {number}")
    return stored


class Writer(threading.Thread):
    """Commits units, files and audit entries through the app, one transaction after another, until stopped."""

    def __init__(self, app):
        super().__init__(daemon=True)
        self.app, self.stop, self.done, self.error = app, threading.Event(), 0, None

    def run(self):
        with self.app.app_context():
            try:
                while not self.stop.is_set():
                    store_pdf(self.app, self.done)
                    db.session.commit()
                    self.done += 1
            except Exception as error:  # noqa: BLE001  (the test reports it)
                self.error = error
            finally:
                db.session.remove()


def members(path) -> dict[str, bytes]:
    with tarfile.open(path, "r:gz") as tar:
        return {member.name: tar.extractfile(member).read() for member in tar}


def write_members(path, contents: dict[str, bytes]) -> None:
    with tarfile.open(path, "w:gz") as tar:
        for name, data in contents.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def manifest_of(path) -> Manifest:
    return Manifest.from_json(members(path)[MANIFEST])


def sha256_of(path) -> str:
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()
