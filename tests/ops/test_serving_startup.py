"""In production (served through gunicorn.conf.py) the portal refuses to start with a missing or default secret
key, an unreachable or unmigrated database, or an unwritable file store, and says which setting is wrong.
In process through `startup.problems` on real databases and folders, and for real: gunicorn started with the
repository's configuration, refusing or serving."""

from pathlib import Path

import pytest
from flask_migrate import upgrade

from inspection import create_app, health, startup
from inspection.extensions import db
from tests.conftest import make_config

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "5f1c0e9a2b7d4c3e8f6a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6"


def problems(tmp_path, database_url, **settings):
    settings = {"SECRET_KEY": GOOD_KEY, "FILES_FOLDER": str(tmp_path / "files"), **settings}
    return startup.problems(create_app(make_config(database_url, None, **settings)))


def test_a_ready_installation_has_no_problem(migrated, tmp_path):
    assert problems(tmp_path, migrated) == []
    assert (tmp_path / "files").is_dir()  # created when missing


@pytest.mark.parametrize("key", ["test-secret", "changeme", "dev", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"])
def test_a_default_secret_key_is_refused(migrated, tmp_path, key):
    [problem] = problems(tmp_path, migrated, SECRET_KEY=key)
    assert "INSPECTION_SECRET_KEY" in problem and "mặc định" in problem


def test_a_short_secret_key_is_refused(migrated, tmp_path):
    [problem] = problems(tmp_path, migrated, SECRET_KEY="Xy7-short-but-random")
    assert "INSPECTION_SECRET_KEY" in problem and "quá ngắn (20 ký tự" in problem


def test_a_missing_secret_key_stops_the_factory_in_plain_words(tmp_path):
    with pytest.raises(RuntimeError, match="Chưa đặt khóa bí mật SECRET_KEY.*INSPECTION_SECRET_KEY"):
        create_app(make_config("sqlite://", None, SECRET_KEY=""))
    assert startup.secret_key_problem(None).startswith("Chưa đặt khóa bí mật: đặt INSPECTION_SECRET_KEY")


def test_an_unmigrated_database_is_refused_with_the_command_to_run(tmp_path):
    [problem] = problems(tmp_path, "sqlite:///" + str(tmp_path / "empty.sqlite3"))
    assert "chưa được nâng cấp" in problem and "chưa có bảng nào" in problem
    assert "flask --app wsgi db upgrade" in problem


def test_a_database_behind_the_code_is_refused_naming_both_revisions(tmp_path):
    url = "sqlite:///" + str(tmp_path / "behind.sqlite3")
    app = create_app(make_config(url, None, SECRET_KEY=GOOD_KEY, FILES_FOLDER=str(tmp_path / "files")))
    with app.app_context():
        upgrade(revision="sec_exports")
        head = ", ".join(sorted(health.code_heads()))
        db.engine.dispose()
    [problem] = startup.problems(app)
    assert f"(đang ở sec_exports, cần {head})" in problem


def test_an_unreachable_database_is_refused_without_its_password(tmp_path):
    [problem] = problems(tmp_path, "postgresql+psycopg://portal:s3cr3t-pw@127.0.0.1:1/portal")
    assert problem.startswith("Không kết nối được cơ sở dữ liệu INSPECTION_DATABASE_URL")
    assert "Connection refused" in problem and "s3cr3t-pw" not in problem and "***" in problem


def test_an_unwritable_file_store_is_refused(migrated, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    [problem] = problems(tmp_path, migrated, FILES_FOLDER=str(blocker / "files"))
    assert "FILES_FOLDER" in problem and str(blocker / "files") in problem and "INSPECTION_FILES_FOLDER" in problem


def test_every_problem_is_listed_at_once(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    found = problems(tmp_path, "sqlite:///" + str(tmp_path / "empty.sqlite3"), SECRET_KEY="changeme",
                     FILES_FOLDER=str(blocker / "files"))
    assert len(found) == 3
