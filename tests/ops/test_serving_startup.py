"""In production (served through gunicorn.conf.py) the portal refuses to start with a missing or default secret
key, an unreachable or unmigrated database, or an unwritable file store, and says which setting is wrong.
In process through `startup.problems` on real databases and folders, and for real: gunicorn started with the
repository's configuration, refusing or serving."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
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


# --- for real: gunicorn with the repository's configuration -------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment(tmp_path, database_url, port, **variables) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith("INSPECTION_")}
    env.update({"INSPECTION_DATABASE_URL": database_url, "INSPECTION_SECRET_KEY": GOOD_KEY,
                "INSPECTION_FILES_FOLDER": str(tmp_path / "files"), "INSPECTION_BIND": f"127.0.0.1:{port}",
                "INSPECTION_WEB_WORKERS": "1", **variables})
    return env


def gunicorn(env) -> subprocess.Popen:
    return subprocess.Popen([str(Path(sys.executable).parent / "gunicorn"), "--config", "gunicorn.conf.py"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_gunicorn_refuses_to_start_and_says_why(tmp_path):
    env = server_environment(tmp_path, "sqlite:///" + str(tmp_path / "empty.sqlite3"), free_port(),
                             INSPECTION_SECRET_KEY="changeme")
    server = gunicorn(env)
    _out, err = server.communicate(timeout=120)
    assert server.returncode == 1
    assert "Cổng thông tin KHÔNG khởi động" in err
    assert "INSPECTION_SECRET_KEY" in err and "flask --app wsgi db upgrade" in err
    assert "Booting worker" not in err  # refused before any worker


def test_gunicorn_serves_healthz_and_logs_one_json_line_per_request(migrated, tmp_path):
    port = free_port()
    server = gunicorn(server_environment(tmp_path, migrated, port))
    try:
        body, request_id = wait_for_health(f"http://127.0.0.1:{port}/healthz", server)
        assert body["ok"] is True
    finally:
        server.send_signal(signal.SIGTERM)
        _out, err = server.communicate(timeout=60)
    lines = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    [line] = [line for line in lines if line.get("request_id") == request_id]
    assert (line["endpoint"], line["status"], line["user_id"]) == ("health.healthz", 200, None)
    assert line["queries"] >= 2  # the database round trip and the migration revision


def wait_for_health(url: str, server: subprocess.Popen) -> tuple[dict, str]:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert server.poll() is None, server.communicate()[1]
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return json.load(response), response.headers["X-Request-ID"]
        except OSError:
            time.sleep(0.3)
    raise AssertionError("gunicorn did not answer /healthz within 90 s")
