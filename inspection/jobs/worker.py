"""The consumer processes: `flask jobs worker` runs jobs; `flask jobs scheduler` also starts the periodic tasks
(one process only: Huey enqueues a periodic task in every consumer that has periodic tasks enabled).

Each process writes a heartbeat (its job_worker row) every JOBS_HEARTBEAT_SECONDS and, at start and with each
heartbeat, marks failed the jobs left 'running' by a process that is gone (killed, restarted, its machine
down): their work was never committed, so nothing of it was written."""

import logging
import os
import threading
from datetime import datetime, timedelta

from flask import Flask
from sqlalchemy import delete, select

from inspection import audit
from inspection.access import SYSTEM
from inspection.extensions import db
from inspection.jobs.models import Job, JobStatus, JobWorker
from inspection.jobs.queue import huey_of
from inspection.jobs.runner import worker_name
from inspection.jobs.services import move
from inspection.timeutil import utcnow

log = logging.getLogger(__name__)

INTERRUPTED = "Tác vụ bị gián đoạn do khởi động lại, không có thay đổi nào được ghi."
#: heartbeat rows of processes gone this long are deleted
FORGET_AFTER = timedelta(days=1)


def serve(app: Flask, workers: int, periodic: bool) -> None:
    """Run a Huey consumer in this (main) thread until SIGINT/SIGTERM, with the heartbeat beside it."""
    with app.app_context():
        beat(worker_name())  # before any job is claimed: another process's sweep must see this one alive
    stop = start_heartbeat(app, worker_name())
    # an idle consumer backs off between polls of the queue; at most a second, so a job a user just started
    # begins at once (Huey's default lets the wait grow to 10 s)
    consumer = huey_of(app).create_consumer(workers=workers, periodic=periodic, worker_type="thread",
                                            max_delay=1.0)
    try:
        consumer.run()
    finally:
        stop.set()


def start_heartbeat(app: Flask, name: str) -> threading.Event:
    """A daemon thread: beat and sweep now, then every JOBS_HEARTBEAT_SECONDS until the event is set."""
    stop = threading.Event()
    every = float(app.config["JOBS_HEARTBEAT_SECONDS"])

    def loop() -> None:
        while True:
            with app.app_context():
                try:
                    beat(name)
                    recover_interrupted(name)
                except Exception:
                    db.session.rollback()
                    log.exception("job heartbeat failed")
            if stop.wait(every):
                return

    threading.Thread(target=loop, name="jobs-heartbeat", daemon=True).start()
    return stop


def beat(name: str) -> None:
    now = utcnow()
    row = db.session.get(JobWorker, name)
    if row is None:
        db.session.add(JobWorker(name=name, started_at=now, seen_at=now))
    else:
        row.seen_at = now
    db.session.commit()


def recover_interrupted(this: str) -> int:
    """Mark failed every running job whose process is no longer alive; the number marked."""
    from flask import current_app

    now = utcnow()
    stale = now - timedelta(seconds=float(current_app.config["JOBS_WORKER_STALE_SECONDS"]))
    alive = {row.name for row in db.session.scalars(select(JobWorker).where(JobWorker.seen_at >= stale))
             if row.name == this or not _dead_here(row.name)}
    orphans = list(db.session.scalars(select(Job).where(Job.status == JobStatus.RUNNING)))
    orphans = [job for job in orphans if job.worker not in alive]
    for job in orphans:
        move(job, JobStatus.FAILED, INTERRUPTED)
        audit.record(SYSTEM, "job_interrupted", job, audit.text("Tác vụ “%(label)s” bị gián đoạn", label=job.label))
    db.session.execute(delete(JobWorker).where(JobWorker.seen_at < now - FORGET_AFTER))
    db.session.commit()
    return len(orphans)


def _dead_here(name: str) -> bool:
    """A process of this machine that no longer exists (restarted within the stale window)."""
    host, _sep, pid = name.rpartition(":")
    if host != worker_name().rpartition(":")[0] or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def last_heartbeat() -> datetime | None:
    return db.session.scalar(select(db.func.max(JobWorker.seen_at)))
