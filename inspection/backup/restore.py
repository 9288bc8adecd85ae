"""Restoring an archive into the configured database and file store (the portal stopped meanwhile).

Refused into the other kind of database, and into a database with rows or a store with files unless forced.
The archive is checked whole (and the store's files extracted beside the configured folder) before anything
is touched; then the database is replaced, the restored store takes the folder's place, and the result is
counted and hashed again against the manifest."""

import os
import tempfile
from pathlib import Path

from alembic.script import ScriptDirectory
from flask import current_app

from inspection.backup import BackupError, databases, services
from inspection.backup import tables as facts
from inspection.backup.manifest import Manifest
from inspection.extensions import db


def restore_backup(path: Path, force: bool = False) -> services.Check:
    database, folder = services.current_database(), services.files_folder()
    if not Path(path).is_file():
        raise BackupError(f"Không có tệp sao lưu {path}.")
    services.refuse_other_kind(Path(path), database)
    if not force:
        services.refuse_not_empty(database, folder)
    label = services.time_label()
    staging = services.staging_folder(folder, label)
    try:
        check = _restore_database(path, database, staging)
        aside = services.swap_in(staging, folder, label)
    except BaseException:
        services.remove_tree(staging)
        raise
    return _after(check, database, folder, aside)


def _restore_database(path: Path, database, staging: str) -> services.Check:
    with tempfile.TemporaryDirectory(prefix=".backup-restore-", dir=os.path.dirname(staging)) as work:
        check, contents = services.examine(path, work, files_target=staging)
        if not check.ok:
            raise BackupError("Tệp sao lưu không dùng được, chưa khôi phục gì:\n- " + "\n- ".join(check.problems))
        db.session.remove()
        database.restore(contents.database_path)
    return check


def _after(check: services.Check, database, folder: str, aside: str | None) -> services.Check:
    """Counts and hashes of what is now in place, against the manifest."""
    manifest = check.manifest
    snapshot = facts.live_snapshot(database.engine)
    check.problems += databases.count_problems(manifest.tables, snapshot.tables)
    check.problems += services.store_problems(manifest, folder)
    check.warnings += _revision_warning(manifest)
    if aside:
        check.warnings.append(f"Kho tệp cũ được giữ nguyên ở {aside} (xóa khi không cần nữa).")
    return check


def _revision_warning(manifest: Manifest) -> list[str]:
    directory = current_app.extensions["migrate"].directory
    heads = ",".join(sorted(ScriptDirectory(directory).get_heads()))
    if manifest.revision == heads:
        return []
    return [f"Cơ sở dữ liệu được khôi phục ở phiên bản {manifest.revision or '(chưa có)'}, mã nguồn ở {heads}: "
            "chạy `flask db upgrade` trước khi mở cổng thông tin."]
