"""GET /healthz: public, no data, every registered check; 200 when all are fine, 503 otherwise, and never a
500: not with the database unreachable, a broken SQLite path, an unmigrated schema, a full or unwritable file
store, or a check that raises."""

import os

import pytest
from flask_migrate import upgrade

from inspection import create_app, health
from inspection.auth.models import Role
from inspection.extensions import db
from inspection.jobs import worker
from tests.conftest import make_config

CORE = {"database", "migrations", "file_store"}


@pytest.fixture
def app_config(tmp_path) -> dict:
    return {"BACKUP_DIR": str(tmp_path / "backups")}  # this test's own backups: none until `back_up`


def back_up(app) -> None:
    """A real first backup, as docs/deploy.md makes one, and a job worker's heartbeat (a running worker writes
    one every JOBS_HEARTBEAT_SECONDS): /healthz wants both."""
    result = app.test_cli_runner().invoke(args=["backup", "create"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        worker.beat("tests:worker")


def get_health(app):
    response = app.test_client().get("/healthz")
    assert response.headers["Cache-Control"] == "no-store"
    assert response.mimetype == "application/json"
    return response.status_code, response.get_json()


def other_app(tmp_path, database_url, **settings):
    return create_app(make_config(database_url, None, FILES_FOLDER=str(tmp_path / "files"), **settings))


def test_a_healthy_installation_answers_200_with_each_check(app):
    status, body = get_health(app)
    assert status == 503 and body["checks"]["backup"]["ok"] is False  # a new installation: no backup yet
    back_up(app)
    status, body = get_health(app)
    assert status == 200 and body["ok"] is True
    assert body["checks"].keys() >= CORE
    assert all(check["ok"] for check in body["checks"].values())
    assert body["checks"]["migrations"]["current"] == body["checks"]["migrations"]["head"]
    assert body["checks"]["file_store"]["free_mb"] > 0


def test_it_is_public_and_sets_no_session_cookie(app, client):
    back_up(app)
    response = client.get("/healthz")
    assert response.status_code == 200  # no redirect to the login page
    assert "Set-Cookie" not in response.headers


def test_it_shows_no_data_to_a_logged_in_user_either(client_as):
    body = client_as(Role.ADMIN).get("/healthz").get_json()
    assert set(body) == {"ok", "checks"}


@pytest.mark.parametrize("url", [
    "postgresql+psycopg://nobody:secret@127.0.0.1:1/nothing",  # nothing listens on port 1
    "sqlite:////nonexistent-folder/for/sure/inspection.sqlite3",
])
def test_with_the_database_down_it_answers_503_not_500(tmp_path, url):
    app = other_app(tmp_path, url)
    status, body = get_health(app)
    assert status == 503 and body["ok"] is False
    assert body["checks"]["database"] == {"ok": False, "error": "OperationalError"}
    assert body["checks"]["migrations"]["ok"] is False
    assert body["checks"]["file_store"]["ok"] is True
    assert "secret" not in str(body) and "nobody" not in str(body)  # the error's kind only, no address


def test_an_unmigrated_database_is_reported(tmp_path):
    app = other_app(tmp_path, "sqlite:///" + str(tmp_path / "empty.sqlite3"))
    status, body = get_health(app)
    assert status == 503 and body["checks"]["database"]["ok"] is True
    assert body["checks"]["migrations"]["ok"] is False and body["checks"]["migrations"]["current"] is None


def test_a_database_one_migration_behind_is_reported(tmp_path):
    url = "sqlite:///" + str(tmp_path / "behind.sqlite3")
    app = other_app(tmp_path, url)
    with app.app_context():
        upgrade(revision=health.code_heads()[0] + "-1")
        db.engine.dispose()
    status, body = get_health(app)
    assert status == 503 and body["checks"]["migrations"]["ok"] is False
    assert body["checks"]["migrations"]["current"] not in (None, body["checks"]["migrations"]["head"])


def test_an_unwritable_or_full_file_store_is_reported(migrated, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    unwritable = create_app(make_config(migrated, None, FILES_FOLDER=str(blocker / "files")))
    status, body = get_health(unwritable)
    assert status == 503 and body["checks"]["file_store"] == {"ok": False, "error": "NotADirectoryError"}
    full = other_app(tmp_path, migrated, FILES_MIN_FREE_MB=10**12)  # a petabyte free: never here
    status, body = get_health(full)
    assert status == 503 and body["checks"]["file_store"]["ok"] is False
    assert body["checks"]["file_store"]["free_mb"] > 0 and body["checks"]["database"]["ok"] is True
    assert not os.path.exists(blocker / "files")


def test_every_registered_check_counts_and_one_that_raises_is_a_failure(app, monkeypatch):
    back_up(app)
    monkeypatch.setitem(health._CHECKS, "queue", lambda: health.Health(True, {"depth": 3}))
    status, body = get_health(app)
    assert status == 200 and body["checks"]["queue"] == {"ok": True, "depth": 3}
    monkeypatch.setitem(health._CHECKS, "backup", lambda: health.Health(False, {"age_hours": 50}))
    status, body = get_health(app)
    assert status == 503 and body["checks"]["backup"] == {"ok": False, "age_hours": 50}
    monkeypatch.setitem(health._CHECKS, "backup", lambda: 1 / 0)
    status, body = get_health(app)
    assert status == 503 and body["checks"]["backup"] == {"ok": False, "error": "ZeroDivisionError"}
    assert body["checks"]["queue"]["ok"] is True


def test_registering_a_name_twice_is_refused():
    with pytest.raises(ValueError, match="database"):
        health.register("database", health.database)
