"""A backup taken while the portal writes, restored into a fresh database and file store, holds exactly what
its manifest says: every table's rows and every file's SHA-256 (on SQLite and on PostgreSQL)."""

import os
import time

from sqlalchemy import select

from inspection.backup import tables
from inspection.backup.manifest import FILES_PREFIX
from inspection.extensions import db
from inspection.files.models import StoredFile
from tests.backup.conftest import Writer, invoke, manifest_of, sha256_of, store_pdf


def _backup_under_load(app, runner, path) -> tuple[int, int]:
    writer = Writer(app)
    writer.start()
    while writer.done < 5 and writer.is_alive():
        time.sleep(0.01)
    before = writer.done
    result = runner.invoke(args=["backup", "create", str(path)])
    after = writer.done
    writer.stop.set()
    writer.join()
    assert writer.error is None, writer.error
    assert result.exit_code == 0, result.output
    return before, after


def test_a_backup_under_write_load_restores_every_row_and_file(app, runner, tmp_path, fresh_database,
                                                              other_app):
    path = tmp_path / "under-load.tar.gz"
    before, after = _backup_under_load(app, runner, path)
    assert after > before, "the writer kept committing while the backup ran"
    manifest = manifest_of(path)
    assert manifest.missing_files == []  # no row of the dump names a file the archive lacks
    assert before <= manifest.tables["stored_file"] <= after
    assert manifest.tables["stored_file"] == manifest.tables["unit"] == manifest.tables["audit_entry"]
    assert len(manifest.files()) >= manifest.tables["stored_file"]

    restored = other_app(fresh_database)
    result = invoke(restored, ["backup", "restore", str(path)])
    assert result.exit_code == 0, result.output
    assert "khớp manifest" in result.output
    with restored.app_context():
        _assert_matches(restored, manifest)
        _assert_still_writable(restored)


def _assert_matches(restored, manifest) -> None:
    assert tables.live_snapshot(db.engine).tables == manifest.tables
    folder = restored.config["FILES_FOLDER"]
    on_disk = {FILES_PREFIX + name: sha256_of(os.path.join(folder, name)) for name in os.listdir(folder)}
    assert on_disk == {name: facts["sha256"] for name, facts in manifest.files().items()}
    for stored in db.session.scalars(select(StoredFile)):
        assert sha256_of(os.path.join(folder, stored.stored_name)) == stored.sha256


def _assert_still_writable(restored) -> None:
    """The sequences came back with the rows: a new record gets a new id."""
    stored = store_pdf(restored, 10_000)
    db.session.commit()
    assert stored.id > 0
    db.session.remove()


def test_restore_refuses_a_database_with_rows_and_names_them(app, runner, tmp_path):
    store_pdf(app, 1)
    db.session.commit()
    path = tmp_path / "own.tar.gz"
    assert runner.invoke(args=["backup", "create", str(path)]).exit_code == 0
    result = runner.invoke(args=["backup", "restore", str(path)])
    assert result.exit_code == 1
    assert "không trống" in result.output and "unit: 1 dòng" in result.output and "--force" in result.output
    assert "kho tệp" in result.output


def test_restore_refuses_a_file_store_with_files_then_forced_keeps_it_aside(app, runner, tmp_path,
                                                                          fresh_database, other_app):
    store_pdf(app, 1)
    db.session.commit()
    path = tmp_path / "one.tar.gz"
    assert runner.invoke(args=["backup", "create", str(path)]).exit_code == 0
    restored = other_app(fresh_database)
    os.makedirs(restored.config["FILES_FOLDER"])
    with open(os.path.join(restored.config["FILES_FOLDER"], "old.pdf"), "wb") as handle:
        handle.write(b"%PDF-1.7 old")
    refused = invoke(restored, ["backup", "restore", str(path)])
    assert refused.exit_code == 1 and "có 1 tệp" in refused.output
    forced = invoke(restored, ["backup", "restore", "--force", str(path)])
    assert forced.exit_code == 0, forced.output
    aside = [name for name in os.listdir(tmp_path) if name.startswith("restored-files.before-restore-")]
    assert len(aside) == 1 and os.listdir(tmp_path / aside[0]) == ["old.pdf"]
    with restored.app_context():
        assert tables.live_snapshot(db.engine).tables == manifest_of(path).tables


def test_a_second_forced_restore_replaces_the_first(app, runner, tmp_path, fresh_database, other_app):
    store_pdf(app, 1)
    db.session.commit()
    path = tmp_path / "one.tar.gz"
    assert runner.invoke(args=["backup", "create", str(path)]).exit_code == 0
    restored = other_app(fresh_database)
    assert invoke(restored, ["backup", "restore", str(path)]).exit_code == 0
    with restored.app_context():
        store_pdf(restored, 2)
        db.session.commit()
        db.session.remove()
    assert invoke(restored, ["backup", "restore", str(path)]).exit_code == 1
    assert invoke(restored, ["backup", "restore", "--force", str(path)]).exit_code == 0
    with restored.app_context():
        assert tables.live_snapshot(db.engine).tables == manifest_of(path).tables
