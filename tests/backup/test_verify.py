"""`flask backup verify` accepts a sound archive and names what is wrong with a damaged one (exit code 1)."""

import json

import pytest

from inspection.backup.manifest import MANIFEST
from inspection.extensions import db
from tests.backup.conftest import members, store_pdf, write_members


@pytest.fixture
def archive(app, runner, tmp_path):
    for number in range(3):
        store_pdf(app, number)
    db.session.commit()
    path = tmp_path / "sound.tar.gz"
    result = runner.invoke(args=["backup", "create", str(path)])
    assert result.exit_code == 0, result.output
    return path


def _file_member(contents: dict[str, bytes]) -> str:
    return next(name for name in contents if name.startswith("files/"))


def test_a_sound_archive_is_accepted(runner, archive):
    result = runner.invoke(args=["backup", "verify", str(archive)])
    assert result.exit_code == 0, result.output
    assert "dùng được" in result.output and "3 tệp" in result.output


def test_a_flipped_byte_in_a_stored_file_is_caught(runner, archive, tmp_path):
    contents = members(archive)
    name = _file_member(contents)
    damaged = bytearray(contents[name])
    damaged[10] ^= 0x01
    contents[name] = bytes(damaged)
    write_members(tmp_path / "flipped.tar.gz", contents)
    result = runner.invoke(args=["backup", "verify", str(tmp_path / "flipped.tar.gz")])
    assert result.exit_code == 1
    assert f"{name}: SHA-256" in result.output


def test_a_missing_file_is_caught(runner, archive, tmp_path):
    contents = members(archive)
    name = _file_member(contents)
    del contents[name]
    write_members(tmp_path / "missing.tar.gz", contents)
    result = runner.invoke(args=["backup", "verify", str(tmp_path / "missing.tar.gz")])
    assert result.exit_code == 1
    assert f"Thiếu {name}" in result.output


def test_a_truncated_archive_is_caught(runner, archive, tmp_path):
    data = archive.read_bytes()
    (tmp_path / "cut.tar.gz").write_bytes(data[: len(data) // 2])
    result = runner.invoke(args=["backup", "verify", str(tmp_path / "cut.tar.gz")])
    assert result.exit_code == 1
    assert "Không đọc được tệp sao lưu" in result.output


def test_an_archive_without_manifest_is_refused(runner, archive, tmp_path):
    contents = members(archive)
    del contents[MANIFEST]
    write_members(tmp_path / "bare.tar.gz", contents)
    result = runner.invoke(args=["backup", "verify", str(tmp_path / "bare.tar.gz")])
    assert result.exit_code == 1
    assert "không có manifest.json" in result.output


def test_the_database_copy_is_checked_against_the_manifest_counts(runner, archive, tmp_path):
    """SQLite: integrity check and counts of the copy; PostgreSQL: pg_restore --list holds every table."""
    contents = members(archive)
    manifest = json.loads(contents[MANIFEST])
    manifest["tables"]["bang_khong_co"] = 3
    contents[MANIFEST] = json.dumps(manifest).encode()
    write_members(tmp_path / "counts.tar.gz", contents)
    result = runner.invoke(args=["backup", "verify", str(tmp_path / "counts.tar.gz")])
    assert result.exit_code == 1
    assert "bang_khong_co" in result.output


def test_a_missing_path_is_said_plainly(runner, tmp_path):
    result = runner.invoke(args=["backup", "verify", str(tmp_path / "khong-co.tar.gz")])
    assert result.exit_code == 1
    assert "Không có tệp sao lưu" in result.output


def test_restore_refuses_another_kind_of_database(runner, archive, tmp_path):
    contents = members(archive)
    kind = json.loads(contents[MANIFEST])["kind"]
    ours, theirs = ("database.sqlite3", "database.pgdump")[:: 1 if kind == "sqlite" else -1]
    swapped = {(theirs if name == ours else name): data for name, data in contents.items()}
    write_members(tmp_path / "other.tar.gz", swapped)
    result = runner.invoke(args=["backup", "restore", "--force", str(tmp_path / "other.tar.gz")])
    assert result.exit_code == 1
    assert "không khôi phục chéo loại cơ sở dữ liệu" in result.output
