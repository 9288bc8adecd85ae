"""The portal under gunicorn with the repository's configuration (gunicorn.conf.py), as `make serve` and the
systemd unit run it: it refuses to start an installation that is not ready, serves /healthz with one JSON log
line per request, reloads gracefully on HUP (new workers, no refused request), and takes its worker count
and timeout from the environment."""

import ast
import json
import os
import re
import runpy
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "5f1c0e9a2b7d4c3e8f6a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment(tmp_path, database_url, port, **variables) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith("INSPECTION_")}
    env.update({"INSPECTION_DATABASE_URL": database_url, "INSPECTION_SECRET_KEY": GOOD_KEY,
                "INSPECTION_FILES_FOLDER": str(tmp_path / "files"), "INSPECTION_BIND": f"127.0.0.1:{port}",
                "INSPECTION_BACKUP_DIR": str(tmp_path / "backups"), "INSPECTION_WEB_WORKERS": "1",
                "INSPECTION_JOBS_SQLITE_PATH": str(tmp_path / "jobs.sqlite3"), **variables})
    return env


def gunicorn(env, stderr=subprocess.PIPE) -> subprocess.Popen:
    return subprocess.Popen([str(Path(sys.executable).parent / "gunicorn"), "--config", "gunicorn.conf.py"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=stderr, text=True)


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
    env = server_environment(tmp_path, migrated, port, INSPECTION_JOBS_HEARTBEAT_MAX_SECONDS="3")
    back_up(env)
    server, jobs_worker = gunicorn(env), job_worker(env)
    url = f"http://127.0.0.1:{port}/healthz"
    try:
        body, request_id = wait_for_health(url, server, until_ok=True)
        assert body["ok"] is True, body
        stop(jobs_worker)  # the worker stops: /healthz says so once its heartbeat is older than allowed
        body = wait_for_health(url, server, until_ok=False)[0]
        assert body["ok"] is False and body["checks"]["jobs"]["ok"] is False
        assert body["checks"]["database"]["ok"] is True and body["checks"]["backup"]["ok"] is True
    finally:
        stop(jobs_worker)
        server.send_signal(signal.SIGTERM)
        _out, err = server.communicate(timeout=60)
    lines = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    [line] = [line for line in lines if line.get("request_id") == request_id]
    assert (line["endpoint"], line["status"], line["user_id"]) == ("health.healthz", 200, None)
    assert line["queries"] >= 2  # the database round trip and the migration revision


def wait_for_health(url: str, server: subprocess.Popen, until_ok: bool | None = None) -> tuple[dict, str]:
    """The first answer of /healthz (200 or 503) with its request id; with `until_ok`, the first one whose
    overall verdict is that (a worker's first heartbeat, or its last one going stale, takes a few seconds)."""
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert server.poll() is None, server.communicate()[1]
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                answer = json.load(response), response.headers["X-Request-ID"]
        except urllib.error.HTTPError as unhealthy:
            answer = json.load(unhealthy), unhealthy.headers["X-Request-ID"]
        except OSError:
            time.sleep(0.3)
            continue
        if until_ok is None or answer[0]["ok"] is until_ok:
            return answer
        time.sleep(0.3)
    raise AssertionError(f"/healthz did not answer (ok={until_ok}) within 90 s")


def job_worker(env) -> subprocess.Popen:
    """The job worker as its systemd unit runs it, beating every second."""
    fast = env | {"INSPECTION_JOBS_HEARTBEAT_SECONDS": "1"}
    return subprocess.Popen([str(Path(sys.executable).parent / "flask"), "--app", "wsgi", "jobs", "worker"],
                            cwd=ROOT, env=fast, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def back_up(env) -> None:
    """The installation's first backup (docs/deploy.md makes one), so that every check of /healthz is fine."""
    subprocess.run([str(Path(sys.executable).parent / "flask"), "--app", "wsgi", "backup", "create"],
                   cwd=ROOT, env=env, check=True, capture_output=True)


def test_hup_replaces_the_workers_and_the_server_keeps_answering(migrated, tmp_path):
    port, log_path = free_port(), tmp_path / "gunicorn.log"
    env = server_environment(tmp_path, migrated, port)
    back_up(env)
    with open(log_path, "w") as log:
        server = gunicorn(env, stderr=log)
    jobs_worker = job_worker(env)
    url = f"http://127.0.0.1:{port}/healthz"
    try:
        wait_for_health(url, server, until_ok=True)
        [first] = booted_workers(log_path)
        server.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + 60
        while len(booted_workers(log_path)) < 2 and time.monotonic() < deadline:
            assert wait_for_health(url, server)[0]["ok"] is True  # answered all along
            time.sleep(0.2)
        second = booted_workers(log_path)[-1]
        assert second != first
        assert wait_for_health(url, server)[0]["ok"] is True
        assert "Handling signal: hup" in log_path.read_text()
    finally:
        stop(jobs_worker)
        server.send_signal(signal.SIGTERM)
        server.communicate(timeout=60)
    assert server.returncode == 0


def booted_workers(log_path: Path) -> list[int]:
    return [int(pid) for pid in re.findall(r"Booting worker with pid: (\d+)", log_path.read_text())]


def settings(**variables) -> dict:
    saved = dict(os.environ)
    os.environ.update(variables)
    try:
        return runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    finally:
        os.environ.clear()
        os.environ.update(saved)


def test_workers_follow_the_cores_unless_set_and_the_timeout_can_be_set():
    cores = len(os.sched_getaffinity(0))
    default = settings()
    assert default["workers"] == min(2 * cores + 1, 8) and default["timeout"] == 120
    assert default["wsgi_app"] == "wsgi:app" and default["preload_app"] is False
    assert settings(INSPECTION_WEB_WORKERS="3", INSPECTION_WEB_TIMEOUT="300")["workers"] == 3
    assert settings(INSPECTION_WEB_TIMEOUT="300")["timeout"] == 300


def test_the_configuration_does_not_load_the_application_in_the_master():
    """Otherwise every worker inherits the master's modules and HUP no longer loads new code."""
    tree = ast.parse((ROOT / "gunicorn.conf.py").read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not {name for name in imported if name.split(".")[0] in ("inspection", "wsgi", "flask")}


def test_the_serving_process_freezes_what_start_up_loaded(migrated, tmp_path):
    """wsgi.py, which gunicorn's workers and the job worker load, takes start-up's objects out of the cyclic
    garbage collector's reach (gc.freeze): a full collection then walks a few thousand objects, not the
    270.000 of start-up (benchmarks/gc_pauses.py: 4 ms against 110 ms)."""
    env = server_environment(tmp_path, migrated, free_port())
    probe = "import gc, wsgi; print(gc.get_freeze_count(), len(gc.get_objects()))"
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True,
                          check=True)
    frozen, collectable = (int(number) for number in done.stdout.split()[-2:])
    assert frozen > 100_000 and collectable < frozen / 10, done.stdout
