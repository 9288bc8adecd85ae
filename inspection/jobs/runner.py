"""Running one job in the worker: claim it (queued → running, committed at once so the page shows it), run
the kind's function as the job's owner, then commit the work and the end together, or roll the work back and
record why it stopped. Nothing of a failed or cancelled job is kept, its result file included."""

import logging
import os
import socket

from flask import current_app
from sqlalchemy import update

from inspection.auth.models import User
from inspection.extensions import db
from inspection.jobs import registry
from inspection.jobs.context import JobCancelled, JobContext
from inspection.jobs.models import Job, JobStatus
from inspection.jobs.results import remove_files
from inspection.jobs.services import keep_until, move
from inspection.rules import RuleViolation
from inspection.timeutil import utcnow

log = logging.getLogger(__name__)

UNEXPECTED = ("Tác vụ gặp lỗi không mong đợi nên đã dừng; không có thay đổi nào được ghi. Vui lòng thử lại, "
              "hoặc báo quản trị viên mã tác vụ số {id}.")
UNKNOWN_KIND = "Phiên bản cổng hiện tại không còn loại tác vụ này; không có thay đổi nào được ghi."


def worker_name() -> str:
    """This consumer process, as the job rows and the heartbeat name it."""
    return f"{socket.gethostname()}:{os.getpid()}"


def run(job_id: int) -> None:
    if not _claim(job_id):
        return
    job = db.session.get(Job, job_id)
    declared = registry.kinds().get(job.kind)
    if declared is None:
        return _stop(job_id, JobStatus.FAILED, UNKNOWN_KIND, [])
    ctx = JobContext(job, db.session.get(User, job.owner_id), current_app.config["FILES_FOLDER"])
    try:
        declared.function(ctx, **job.params)
        _finish(job, ctx)
        db.session.commit()
    except JobCancelled:
        _stop(job_id, JobStatus.CANCELLED, None, ctx.written_files, declared)
    except RuleViolation as violation:
        _stop(job_id, JobStatus.FAILED, violation.message, ctx.written_files, declared)
    except Exception:
        log.exception("job %s (%s) failed", job_id, job.kind)
        _stop(job_id, JobStatus.FAILED, UNEXPECTED.format(id=job_id), ctx.written_files, declared)


def _claim(job_id: int) -> bool:
    """queued → running as one conditional update: a cancel that came first wins, and two workers never
    both run the same job."""
    claimed = db.session.execute(
        update(Job).where(Job.id == job_id, Job.status == JobStatus.QUEUED, Job.cancel_requested.is_(False))
        .values(status=JobStatus.RUNNING, started_at=utcnow(), worker=worker_name()))
    db.session.commit()
    if claimed.rowcount == 0:
        _cancel_if_asked(job_id)
    return claimed.rowcount == 1


def _cancel_if_asked(job_id: int) -> None:
    job = db.session.get(Job, job_id)
    if job is not None and job.status == JobStatus.QUEUED and job.cancel_requested:
        move(job, JobStatus.CANCELLED)
        db.session.commit()


def _finish(job: Job, ctx: JobContext) -> None:
    move(job, JobStatus.DONE)
    job.done_rows = ctx.done
    job.total_rows = ctx.total if ctx.total is not None else ctx.done
    keep_until(job, int(current_app.config["JOB_RESULT_DAYS"]))


def _stop(job_id: int, status: JobStatus, error: str | None, written_files: list[str],
          declared: registry.Kind | None = None) -> None:
    """Roll the work back, remove the files it wrote, and record the end (with the kind's on_stop) in a
    transaction of its own."""
    db.session.rollback()
    remove_files(current_app.config["FILES_FOLDER"], written_files)
    job = db.session.get(Job, job_id)
    move(job, status, error)
    if declared is not None and declared.on_stop is not None:
        _on_stop(declared, job)
    db.session.commit()


def _on_stop(declared: registry.Kind, job: Job) -> None:
    """The kind's clean-up; its own failure is logged and leaves the job's end recorded."""
    try:
        with db.session.begin_nested():
            declared.on_stop(**job.params)
    except Exception:
        log.exception("clean-up of job %s (%s) failed", job.id, job.kind)


def run_periodic(declared: registry.Periodic) -> None:
    """A periodic task commits its work once at its end, or nothing when it fails (the log says why)."""
    try:
        declared.function()
        db.session.commit()
    except Exception:
        db.session.rollback()
        log.exception("periodic task %s failed", declared.name)
