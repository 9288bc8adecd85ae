"""The queue's health check (/healthz): jobs waiting, the oldest one's age, and the workers' heartbeat."""

from datetime import timedelta

from inspection import health, jobs
from inspection.auth.models import Role
from inspection.extensions import db
from inspection.jobs.worker import beat
from inspection.timeutil import utcnow
from tests.factories import make_user
from tests.jobs.sample_tasks import KIND


def jobs_health():
    return health.checks()["jobs"]()


def test_no_worker_ever_seen_is_not_healthy(app):
    result = jobs_health()
    assert not result.ok and result.facts["seconds_since_heartbeat"] is None


def test_a_fresh_heartbeat_and_an_empty_queue_is_healthy(app):
    beat("host:1")
    result = jobs_health()
    assert result.ok and result.facts == {"queued": 0, "oldest_waiting_seconds": 0, "seconds_since_heartbeat": 0}


def test_a_silent_worker_or_a_job_waiting_too_long_is_not_healthy(app):
    beat("host:1")
    user = make_user(Role.INSPECTOR)
    job = jobs.start(user, KIND, rows=1)
    job.created_at = utcnow() - timedelta(seconds=app.config["JOBS_MAX_WAIT_SECONDS"] + 5)
    db.session.commit()
    result = jobs_health()
    assert not result.ok and result.facts["queued"] == 1
    assert result.facts["oldest_waiting_seconds"] > app.config["JOBS_MAX_WAIT_SECONDS"]

    db.session.delete(job)
    from inspection.jobs.models import JobWorker

    db.session.get(JobWorker, "host:1").seen_at = utcnow() - timedelta(minutes=10)
    db.session.commit()
    assert not jobs_health().ok
