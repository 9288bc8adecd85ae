"""The import pages start jobs; `after_jobs` lets a test drive them like a user who waits for the bar: the
queued jobs run in this thread (tests/jobs/run_here.py), then the job's page is read (tests/imports/
test_import_jobs.py uses a real consumer's threads instead)."""

import re

from tests.jobs.run_here import run_queued_jobs

JOB_PAGE = re.compile(r"/import/jobs/\d+$")  # /import/jobs/7, /nominations/import/jobs/7


def after_jobs(client, response, follow: bool = True):
    """A POST answered with the job's page: run the job, then show that page (the preview, or the outcome)."""
    location = response.headers.get("Location", "") if response.status_code == 302 else ""
    if not JOB_PAGE.search(location):
        return client.get(location, follow_redirects=True) if follow and location else response
    run_queued_jobs()
    return client.get(location, follow_redirects=follow)
