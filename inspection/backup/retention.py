"""The daily backup: an archive in BACKUP_DIR under a timestamped name, the last success recorded in
last-backup.json beside it (what the health check reads), and only the BACKUP_KEEP newest archives kept.
Only archives named by this module are ever removed, never another file of the folder."""

import json
import os
import shutil
import time
from datetime import UTC, datetime
from pathlib import Path

from flask import current_app

from inspection.backup import services
from inspection.backup.manifest import ARCHIVE_NAME, archive_name

MARKER = "last-backup.json"
#: leftovers of a run killed half-way (a hidden .partial archive, a .backup-… work folder) older than this go
STALE_SECONDS = 24 * 3600


def scheduled_backup() -> Path:
    """Create an archive in the backup folder, record it, then apply the retention. Returns its path."""
    folder = services.backup_folder()
    target = folder / archive_name(datetime.now(UTC))
    manifest = services.create_backup(target)
    _write_marker(folder, {"archive": target.name, "created_at": manifest.created_at,
                           "missing_files": len(manifest.missing_files)})
    prune(folder, int(current_app.config.get("BACKUP_KEEP", 14)))
    return target


def prune(folder: Path, keep: int) -> list[Path]:
    """Remove all but the `keep` newest archives (at least one is always kept) and stale leftovers."""
    archives = sorted(path for path in folder.iterdir() if ARCHIVE_NAME.fullmatch(path.name))
    removed = archives[:-max(1, keep)]
    for path in removed:
        path.unlink(missing_ok=True)
    _remove_leftovers(folder)
    return removed


def _remove_leftovers(folder: Path) -> None:
    limit = time.time() - STALE_SECONDS
    for path in folder.iterdir():
        if not path.name.startswith(".") or path.stat().st_mtime >= limit:
            continue
        if path.name.endswith(".partial"):
            path.unlink(missing_ok=True)
        elif path.name.startswith(".backup-") and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)


def _write_marker(folder: Path, record: dict) -> None:
    temporary = folder / f".{MARKER}.partial"
    temporary.write_text(json.dumps(record), encoding="utf-8")
    os.replace(temporary, folder / MARKER)


def last_backup() -> dict | None:
    """The last scheduled backup's record ({"archive", "created_at", …}), or None when there is none."""
    try:
        record = json.loads((services.backup_folder() / MARKER).read_text(encoding="utf-8"))
        record["at"] = datetime.fromisoformat(record["created_at"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return record
