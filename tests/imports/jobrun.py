"""The import pages start jobs; these helpers let a test drive them like a user who waits for the bar: the
queued jobs are taken from the real queue (Huey's storage) and executed by Huey in this thread, one after
another, as a worker would (tests/imports/test_import_jobs.py uses a real consumer's threads instead)."""

import re

from flask import current_app

from inspection.extensions import db
from inspection.jobs.queue import huey_of

JOB_PAGE = re.compile(r"/import/jobs/\d+$")  # /import/jobs/7, /nominations/import/jobs/7


def run_queued_jobs() -> int:
    """Run every job waiting in the queue; how many ran."""
    huey = huey_of(current_app._get_current_object())
    ran = 0
    while (task := huey.dequeue()) is not None:
        huey.execute(task)
        ran += 1
    db.session.expire_all()
    return ran


def after_jobs(client, response, follow: bool = True):
    """A POST answered with the job's page: run the job, then show that page (the preview, or the outcome)."""
    location = response.headers.get("Location", "") if response.status_code == 302 else ""
    if not JOB_PAGE.search(location):
        return client.get(location, follow_redirects=True) if follow and location else response
    run_queued_jobs()
    return client.get(location, follow_redirects=follow)
