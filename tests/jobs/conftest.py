"""A real Huey consumer for the jobs tests: in threads of this process (`consumer`), or as a subprocess running
`flask jobs worker` against the same database and queue file (`spawn_worker`)."""

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import func, select

from inspection.audit import AuditEntry
from inspection.extensions import db
from inspection.jobs.models import Job
from inspection.jobs.queue import huey_of
from inspection.jobs.runner import worker_name
from inspection.jobs.worker import start_heartbeat
from tests.jobs import sample_tasks

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def app_config() -> dict:
    return {"JOBS_HEARTBEAT_SECONDS": 0.5}


@contextmanager
def running_consumer(app, workers: int = 2):
    """Huey's own consumer (scheduler and worker threads); its signal handlers are put back afterwards."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    heartbeat = start_heartbeat(app, worker_name())
    consumer = huey_of(app).create_consumer(workers=workers, periodic=False, worker_type="thread",
                                            initial_delay=0.05, max_delay=0.2)
    consumer.start()
    try:
        yield consumer
    finally:
        consumer.stop(graceful=True)
        heartbeat.set()
        for sig, handler in saved.items():
            signal.signal(sig, handler)


@pytest.fixture
def consumer(app):
    with running_consumer(app) as running:
        yield running


@pytest.fixture
def spawn_worker(app):
    """spawn_worker() → a `flask jobs worker` subprocess on this test's database, queue and files."""
    started = []

    def spawn():
        env = os.environ | {
            "INSPECTION_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
            "INSPECTION_JOBS_SQLITE_PATH": app.config["JOBS_SQLITE_PATH"],
            "INSPECTION_FILES_FOLDER": app.config["FILES_FOLDER"],
            "INSPECTION_SECRET_KEY": "test-secret", "INSPECTION_JOBS_HEARTBEAT_SECONDS": "0.5",
        }
        process = subprocess.Popen([sys.executable, "-m", "flask", "--app", "tests.jobs.worker_app", "jobs", "worker"],
                                   cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        started.append(process)
        return process

    yield spawn
    for process in started:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=20)


def wait_for(predicate, timeout: float = 30.0, what: str = "the condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def job_now(job_id: int) -> Job:
    """The row as the database holds it now (the worker wrote it from another session)."""
    db.session.rollback()
    db.session.expire_all()
    return db.session.get(Job, job_id)


def wait_finished(job_id: int, timeout: float = 60.0) -> Job:
    return wait_for(lambda: (job := job_now(job_id)).is_finished and job, timeout, f"job {job_id} to end")


def rows_written() -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == sample_tasks.ROW_ACTION))
