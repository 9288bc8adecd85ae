"""The queue under the jobs: Huey, with its SQLite storage in instance/ (JOBS_SQLITE_PATH) by default, or Redis
when INSPECTION_REDIS_URL is set (then several app servers and workers share one queue).

One Huey task, `run_job(job_id)`, carries every job kind (the kind is on the job's row, so the queue holds only
an id); each declared periodic task becomes a Huey periodic task. A job is handed to the queue only after the
request that recorded it has committed, so the worker always finds its row."""

import os
import threading

from flask import Flask, current_app
from huey import RedisHuey, SqliteHuey
from sqlalchemy import event
from sqlalchemy.orm import Session

from inspection.jobs import registry

EXTENSION = "jobs_queue"
_PENDING = "jobs.to_enqueue"


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = Queue(app)


class Queue:
    """The app's Huey, built on first use: Huey's SQLite storage creates its file when built, and a `flask`
    command or a page that never queues anything should not."""

    def __init__(self, app: Flask):
        self.app = app
        self._lock = threading.Lock()
        self._huey = None
        self._run_job = None

    def huey(self):
        with self._lock:
            if self._huey is None:
                self._huey, self._run_job = _build(self.app)
            return self._huey

    def enqueue(self, job_id: int) -> None:
        self.huey()
        self._run_job(job_id)


def _build(app: Flask):
    huey = make_huey(app)

    @huey.task(name="run_job")
    def run_job(job_id: int) -> None:
        from inspection.jobs.runner import run

        with app.app_context():
            run(job_id)

    for declared in registry.periodic_tasks().values():
        _add_periodic(app, huey, declared)
    return huey, run_job


def _add_periodic(app: Flask, huey, declared: registry.Periodic) -> None:
    def run_periodic() -> None:
        from inspection.jobs.runner import run_periodic

        with app.app_context():
            run_periodic(declared)

    huey.periodic_task(declared.schedule(app.config), name=declared.name)(run_periodic)


def make_huey(app: Flask):
    """Huey keeps no results (the job's row does) and runs nothing in the request (immediate mode off)."""
    url = app.config.get("REDIS_URL")
    if url:
        return RedisHuey("inspection", url=url, results=False)
    path = app.config.get("JOBS_SQLITE_PATH") or os.path.join(app.instance_path, "jobs.sqlite3")
    return SqliteHuey("inspection", filename=path, results=False)


def huey_of(app: Flask | None = None):
    return (app or current_app).extensions[EXTENSION].huey()


def enqueue_after_commit(job_id: int) -> None:
    from inspection.extensions import db

    db.session().info.setdefault(_PENDING, []).append(job_id)


@event.listens_for(Session, "after_commit")
def _enqueue_committed(session: Session) -> None:
    for job_id in session.info.pop(_PENDING, []):
        current_app.extensions[EXTENSION].enqueue(job_id)


@event.listens_for(Session, "after_soft_rollback")
def _forget_rolled_back(session: Session, _previous_transaction) -> None:
    session.info.pop(_PENDING, None)
