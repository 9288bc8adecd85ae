"""Create, verify and restore a backup, inside an application context (the CLI and the daily job call these).

Consistency with the file store: a stored file is written under a new random name before its row is flushed
and is never changed or removed afterwards (inspection/files/services.py; only a refused upload's file is
removed, before any commit). So the database is dumped first and the store copied after: every row of the
dump names a file that already existed when the copy began. Files newer than the dump come along unnamed,
which is harmless. The manifest records any file the dump names that the store lacked (`missing_files`)."""

import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from flask import current_app

from inspection.backup import BackupError, archive, databases
from inspection.backup import tables as facts
from inspection.backup.manifest import DATABASE_MEMBERS, FILES_PREFIX, KIND_NAMES, MANIFEST, Manifest, file_facts
from inspection.extensions import db


@dataclass
class Check:
    """The outcome of verify or restore: problems make it fail; warnings are said but do not."""
    manifest: Manifest | None
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.manifest is not None and not self.problems


def files_folder() -> str:
    return current_app.config["FILES_FOLDER"]


def backup_folder() -> Path:
    return Path(current_app.config.get("BACKUP_DIR") or os.path.join(current_app.instance_path, "backups"))


def current_database():
    return databases.for_engine(db.engine, current_app.config.get("BACKUP_PG_BIN"))


def create_backup(target: Path) -> Manifest:
    """Write the archive at `target`, atomically: under a hidden name first, renamed once complete."""
    target = Path(target).absolute()
    if target.exists():
        raise BackupError(f"Đã có tệp {target}: chọn tên khác.")
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    try:
        with tempfile.TemporaryDirectory(prefix=".backup-", dir=target.parent) as work:
            manifest = _write(partial, work)
        _publish(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


def _write(partial: Path, work: str) -> Manifest:
    database = current_database()
    member = DATABASE_MEMBERS[database.kind]
    dump = os.path.join(work, member)
    snapshot = database.dump(dump)  # first the database, then the files it names
    manifest = Manifest(database.kind, datetime.now(UTC).isoformat(timespec="seconds"), snapshot.revision,
                        snapshot.tables)
    with archive.open_for_writing(partial) as tar:
        manifest.members[member] = archive.add_file(tar, dump, member)
        _add_store(tar, manifest, skip=(str(partial.parent),))
        manifest.missing_files = _unmatched(snapshot.stored_files, manifest.files())
        archive.add_bytes(tar, MANIFEST, manifest.to_json())
    return manifest


def _add_store(tar, manifest: Manifest, skip: tuple[str, ...]) -> None:
    for name, path in archive.store_files(files_folder(), skip):
        added = archive.add_file(tar, path, FILES_PREFIX + name)
        if added is not None:
            manifest.members[FILES_PREFIX + name] = added


def _unmatched(stored_files: dict[str, str], files: dict[str, dict]) -> list[str]:
    """Stored names the database knows whose file is absent (or holds other bytes) in `files`."""
    return sorted(name for name, sha256 in stored_files.items()
                  if files.get(FILES_PREFIX + name, {}).get("sha256") != sha256)


def _publish(partial: Path, target: Path) -> None:
    with open(partial, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, target)
    folder = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def verify_backup(path: Path) -> Check:
    """Readable, manifest present, every member's SHA-256, and the dump restorable in principle."""
    with tempfile.TemporaryDirectory(prefix="backup-verify-") as work:
        check, _contents = examine(path, work)
    return check


def examine(path: Path, work: str, files_target: str | None = None) -> tuple[Check, archive.Contents]:
    """One pass over the archive (the dump extracted into `work`, the files into `files_target` when given),
    then the dump's own check."""
    if not Path(path).is_file():
        raise BackupError(f"Không có tệp sao lưu {path}.")
    contents = archive.read(str(path), database_folder=work, files_folder=files_target)
    check = _checked(contents)
    if not check.problems and contents.database_path is not None:
        check.problems += databases.check_dump(check.manifest.kind, contents.database_path,
                                               check.manifest.tables, current_app.config.get("BACKUP_PG_BIN"))
    return check, contents


def _checked(contents: archive.Contents) -> Check:
    check = Check(contents.manifest, list(contents.problems))
    if contents.manifest is None:
        check.problems.append("Tệp sao lưu không có manifest.json: không phải bản sao lưu hoàn chỉnh.")
        return check
    check.problems += archive.compare(contents.manifest, contents.members)
    if contents.manifest.missing_files:
        check.warnings.append(missing_warning(contents.manifest.missing_files))
    return check


def missing_warning(names: list[str]) -> str:
    shown = ", ".join(names[:10]) + ("…" if len(names) > 10 else "")
    return (f"Lúc sao lưu, kho tệp đã thiếu (hoặc sai nội dung) {len(names)} tệp mà cơ sở dữ liệu ghi nhận: "
            f"{shown}.")


def refuse_other_kind(path: Path, database) -> None:
    first = archive.first_member(str(path))
    kind = next((kind for kind, member in DATABASE_MEMBERS.items() if member == first), None)
    if kind is None:
        raise BackupError(f"{path} không phải tệp sao lưu đọc được (không có bản sao cơ sở dữ liệu ở đầu tệp).")
    if kind != database.kind:
        raise BackupError(f"Bản sao lưu này là của {KIND_NAMES[kind]}, cơ sở dữ liệu đang cấu hình là "
                          f"{KIND_NAMES[database.kind]}: không khôi phục chéo loại cơ sở dữ liệu.")


def refuse_not_empty(database, folder: str) -> None:
    rows = facts.occupied(database.engine)
    stored = len(archive.store_files(folder)) if os.path.isdir(folder) else 0
    reasons = [f"cơ sở dữ liệu có dữ liệu ({_rows_text(rows)})"] if rows else []
    reasons += [f"kho tệp {folder} có {stored} tệp"] if stored else []
    if reasons:
        raise BackupError("Nơi khôi phục không trống: " + "; ".join(reasons) + ". Dùng --force để ghi đè "
                          "(kho tệp cũ được giữ lại bên cạnh, đổi tên thành …before-restore-…).")


def _rows_text(rows: dict[str, int]) -> str:
    shown = [f"{name}: {count} dòng" for name, count in sorted(rows.items())]
    return ", ".join(shown[:8]) + (f" và {len(shown) - 8} bảng khác" if len(shown) > 8 else "")


def time_label() -> str:
    return time.strftime("%Y%m%d-%H%M%S")


def staging_folder(folder: str, label: str) -> str:
    parent, name = os.path.split(os.path.abspath(folder))
    os.makedirs(parent, exist_ok=True)
    return tempfile.mkdtemp(prefix=f".{name}.restoring-{label}-", dir=parent)


def swap_in(staging: str, folder: str, label: str) -> str | None:
    """The restored store takes the configured folder's place; a non-empty old one is kept beside it."""
    aside = None
    if os.path.isdir(folder) and os.listdir(folder):
        aside = f"{os.path.abspath(folder)}.before-restore-{label}"
        os.rename(folder, aside)
    elif os.path.isdir(folder):
        os.rmdir(folder)
    os.rename(staging, folder)
    return aside


def remove_tree(path: str) -> None:
    shutil.rmtree(path, ignore_errors=True)


def store_problems(manifest: Manifest, folder: str) -> list[str]:
    """The restored store against the manifest, hashed again from the disk."""
    on_disk = {FILES_PREFIX + name: file_facts(path) for name, path in archive.store_files(folder)}
    return archive.compare(Manifest(manifest.kind, "", None, {}, manifest.files()), on_disk)
