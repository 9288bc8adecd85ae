"""The national register export as a job: run by a real `flask jobs worker` process on an existing database
(the national data set of `flask demo generate --scale 1`), while this process keeps asking for pages and
times their answers.

Goal (issue #10): the national register export completes as a job with a progress bar while the pages stay
responsive. Prints the job's rows/s, how many progress values the page saw, and the pages' answer times.

Usage: python benchmarks/export_job.py --database-url sqlite:////path/national.sqlite3
(build it first: INSPECTION_DATABASE_URL=… flask db upgrade && flask demo generate --scale 1)"""

import argparse
import logging
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import import_jobs  # noqa: E402
from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import select  # noqa: E402

from inspection import create_app  # noqa: E402
from inspection.auth.models import Role  # noqa: E402
from inspection.extensions import db  # noqa: E402
from inspection.jobs.models import Job  # noqa: E402
from tests import factories  # noqa: E402

import_jobs.PAGES = ("/jobs/", "/recommendations/")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", required=True)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    logging.disable(logging.INFO)  # one JSON line per request would drown the numbers
    app = create_app({"SECRET_KEY": "bench", "DATABASE_URL": args.database_url, "WTF_CSRF_ENABLED": False,
                      "FILES_FOLDER": str(folder / "files"), "JOBS_SQLITE_PATH": str(folder / "jobs.sqlite3")})
    with app.app_context():
        upgrade()
        user = factories.make_user(Role.COUNCIL)
        db.session.commit()
        username = user.username
    worker = import_jobs.start_worker(app, folder)
    try:
        client = app.test_client()
        assert client.post("/login", data={"username": username, "password": factories.PASSWORD}).status_code == 302
        response = client.post("/recommendations/export")  # the register page's button, no filter
        assert response.status_code == 302, response.status_code
        with app.app_context():
            job_id = db.session.scalar(select(Job.id).order_by(Job.id.desc()).limit(1))
        import_jobs.follow(app, client, job_id, "register export job (whole country)")
    finally:
        worker.terminate()
        worker.wait(timeout=30)


if __name__ == "__main__":
    main()
