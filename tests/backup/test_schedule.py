"""The daily backup: archives in BACKUP_DIR, the BACKUP_KEEP newest kept, the last success recorded and
reported by the health check."""

import json
import os
from pathlib import Path

import pytest

from inspection import health
from inspection.backup.retention import MARKER, scheduled_backup
from inspection.backup.status import backup_health


@pytest.fixture
def app_config(tmp_path) -> dict:
    return {"BACKUP_DIR": str(tmp_path / "backups"), "BACKUP_KEEP": 3}


def test_retention_keeps_the_newest_archives_and_nothing_else_is_touched(app, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "ghi-chu.txt").write_text("của người vận hành")
    (folder / "backup-truoc-nang-cap.tar.gz").write_bytes(b"tay")
    made = [scheduled_backup() for _ in range(5)]
    archives = sorted(name for name in os.listdir(folder) if name.startswith("backup-2"))
    assert archives == sorted(path.name for path in made[-3:])
    assert (folder / "ghi-chu.txt").exists() and (folder / "backup-truoc-nang-cap.tar.gz").exists()
    assert json.loads((folder / MARKER).read_text())["archive"] == made[-1].name


def test_create_without_a_path_is_the_scheduled_backup(app, runner, tmp_path):
    result = runner.invoke(args=["backup", "create"])
    assert result.exit_code == 0, result.output
    written = Path(result.output.split("vào ", 1)[1].strip().rstrip("."))
    assert written.parent == tmp_path / "backups" and written.is_file()
    assert runner.invoke(args=["backup", "verify", str(written)]).exit_code == 0


def test_health_says_no_backup_yet_then_the_age_of_the_last(app):
    assert health.checks()["backup"] is backup_health
    before = backup_health()
    assert not before.ok and before.facts == {"last_backup": "no backup yet"}
    written = scheduled_backup()
    after = backup_health()
    assert after.ok and after.facts["last_backup_age_hours"] < 1 and after.facts["archive_present"]
    app.config["BACKUP_MAX_AGE_HOURS"] = 0
    assert not backup_health().ok
    app.config["BACKUP_MAX_AGE_HOURS"] = 26
    written.unlink()
    gone = backup_health()
    assert not gone.ok and gone.facts["archive_present"] is False


def test_an_interrupted_backup_leaves_no_archive_and_keeps_the_old_ones(app, tmp_path, monkeypatch):
    """The disk fills up while the manifest is written: nothing that looks like a backup is left."""
    from inspection.backup import archive

    first = scheduled_backup()

    def disk_full(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(archive, "add_bytes", disk_full)
    with pytest.raises(OSError):
        scheduled_backup()
    assert sorted(os.listdir(tmp_path / "backups")) == sorted([first.name, MARKER])
    assert json.loads((tmp_path / "backups" / MARKER).read_text())["archive"] == first.name


def test_the_command_says_why_a_backup_could_not_be_written(app, runner, tmp_path):
    (tmp_path / "a-file").write_text("not a folder")
    result = runner.invoke(args=["backup", "create", str(tmp_path / "a-file" / "x.tar.gz")])
    assert result.exit_code == 1
    assert "Không ghi được bản sao lưu" in result.output and "Traceback" not in result.output
