"""Jobs run in the test's own thread: the queued jobs are taken from the real queue (Huey's storage) and executed
by Huey one after another, as a worker would, so a test can drive a page that starts a job and then read the
outcome without timing. (tests/jobs/conftest.py's `consumer` runs them in a real consumer's threads instead.)"""

from flask import current_app
from sqlalchemy import func, select

from inspection.extensions import db
from inspection.jobs.models import Job
from inspection.jobs.queue import huey_of


def run_queued_jobs() -> int:
    """Run every job waiting in the queue; how many ran."""
    huey = huey_of(current_app._get_current_object())
    ran = 0
    while (task := huey.dequeue()) is not None:
        huey.execute(task)
        ran += 1
    db.session.expire_all()
    return ran


def latest_job_id() -> int:
    db.session.rollback()
    return db.session.scalar(select(func.max(Job.id))) or 0


def start_export(client, url: str, query_string=None) -> int:
    """Press an export button: POST the export's path with the page's query string; the job it started."""
    before = latest_job_id()
    response = client.post(url, query_string=query_string)
    assert response.status_code == 302, response.status_code
    job_id = latest_job_id()
    assert job_id > before, "no job was started"
    return job_id


def export_file(client, url: str, query_string=None):
    """The export job started from the page (`url` with its query string), run here, and its result downloaded
    from "Tác vụ của tôi" as the user would."""
    job_id = start_export(client, url, query_string)
    run_queued_jobs()
    return client.get(f"/jobs/{job_id}/result")
