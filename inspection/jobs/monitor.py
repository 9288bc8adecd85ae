"""The job queue's part of /healthz: how many jobs wait, how long the oldest has waited, and how long since a
worker last showed it is alive. Not fine when the oldest waits longer than JOBS_MAX_WAIT_SECONDS or no worker
has beaten for JOBS_HEARTBEAT_MAX_SECONDS (the worker is stopped, or stuck)."""

from flask import current_app
from sqlalchemy import func, select

from inspection import health
from inspection.extensions import db
from inspection.jobs.models import Job, JobStatus
from inspection.jobs.worker import last_heartbeat
from inspection.timeutil import utcnow


def check() -> health.Health:
    now = utcnow()
    waiting, oldest = db.session.execute(
        select(func.count(Job.id), func.min(Job.created_at)).where(Job.status == JobStatus.QUEUED)).one()
    beat = last_heartbeat()
    oldest_age = round((now - oldest).total_seconds()) if oldest else 0
    beat_age = round((now - beat).total_seconds()) if beat else None
    config = current_app.config
    ok = (oldest_age <= config["JOBS_MAX_WAIT_SECONDS"] and beat_age is not None
          and beat_age <= config["JOBS_HEARTBEAT_MAX_SECONDS"])
    return health.Health(ok=ok, facts={"queued": waiting, "oldest_waiting_seconds": oldest_age,
                                       "seconds_since_heartbeat": beat_age})


health.register("jobs", check)
