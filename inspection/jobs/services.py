"""Starting and cancelling jobs (from views, as the user), and the status moves the runner makes.
Services never commit: the view's one commit also queues the job (queue.enqueue_after_commit)."""

from datetime import timedelta

from flask_babel import force_locale
from flask_babel import gettext as _

from inspection import access, audit
from inspection.access import Need
from inspection.extensions import db
from inspection.jobs import registry
from inspection.jobs.models import JOB_TRANSITIONS, Job, JobStatus
from inspection.jobs.queue import enqueue_after_commit
from inspection.rules import RuleViolation
from inspection.timeutil import utcnow

access.register(Job, {
    # a job and its result belong to the user who started it (an export holds what *they* may see)
    Need.VIEW: lambda user, job: job.owner_id == user.id,
    Need.MANAGE: lambda user, job: job.owner_id == user.id,
})


def start(actor, kind: str, **params) -> Job:
    """Record a job of `kind` for `actor` with JSON-able `params`; it is queued when the request commits."""
    declared = registry.kind(kind)
    with force_locale("vi"):  # the row names the job in Vietnamese, as the audit log does
        label = str(declared.label)
    job = Job(owner_id=actor.id, kind=kind, label=label, params=params,
              status=JobStatus.QUEUED, done_rows=0, cancel_requested=False)
    db.session.add(job)
    db.session.flush()
    audit.record(actor, "job_started", job, audit.text("Bắt đầu tác vụ “%(label)s”", label=job.label),
                 after={"kind": kind, "params": params})
    enqueue_after_commit(job.id)
    return job


def cancel(actor, job: Job) -> None:
    """A waiting job ends now; a running one is asked to stop at its next progress report."""
    access.check(actor, job, Need.MANAGE)
    if job.is_finished:
        raise RuleViolation(_("Tác vụ đã kết thúc, không thể hủy."), field=None)
    if job.status == JobStatus.QUEUED:
        move(job, JobStatus.CANCELLED)
    else:
        job.cancel_requested = True
    audit.record(actor, "job_cancel", job, audit.text("Yêu cầu hủy tác vụ “%(label)s”", label=job.label))


def move(job: Job, target: JobStatus, error: str | None = None) -> None:
    """Change the status through the transition table; an end also stamps the time (and keeps the error)."""
    JOB_TRANSITIONS.check(job.status, target)
    job.status = target
    if target == JobStatus.RUNNING:
        job.started_at = utcnow()
    else:
        job.finished_at = utcnow()
        job.error = error[:1000] if error else None


def keep_until(job: Job, days: int) -> None:
    if job.result_file is not None:
        job.result_expires_at = job.finished_at + timedelta(days=days)
