"""A large dossier import through the pages as jobs: upload → preview job → confirmation job, run by a real
`flask jobs worker` process, while this process keeps asking for pages (the jobs page, the registry, a job's
status) and times their answers.

Goal (issue #10): a 200,000-row dossier import completes as jobs with progress bars while the pages stay
responsive. Prints rows/s of each job, how many progress writes the page saw, and the pages' answer times
(median and worst) while each job ran.

Usage: python benchmarks/import_jobs.py [--rows 200000] [--units 300] [--database-url URL]
The file, the queue, the file store and (by default) a SQLite database live in a throw-away folder."""

import argparse
import io
import logging
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from nominations_import import build_app, generate  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from inspection.auth.models import Role  # noqa: E402
from inspection.extensions import db  # noqa: E402
from inspection.jobs.models import Job  # noqa: E402
from inspection.nominations.models import Dossier  # noqa: E402
from tests import factories  # noqa: E402

PAGES = ("/jobs/", "/nominations/")
MAX_BYTES = 200 * 1024 * 1024


def start_worker(app, folder: Path) -> subprocess.Popen:
    env = os.environ | {
        "INSPECTION_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "INSPECTION_JOBS_SQLITE_PATH": app.config["JOBS_SQLITE_PATH"],
        "INSPECTION_FILES_FOLDER": app.config["FILES_FOLDER"], "INSPECTION_SECRET_KEY": "bench",
        "INSPECTION_IMPORT_MAX_BYTES": str(MAX_BYTES),
    }
    return subprocess.Popen([sys.executable, "-m", "flask", "--app", "tests.jobs.worker_app", "jobs", "worker",
                             "--workers", "1"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=open(folder / "worker.log", "w"))  # noqa: SIM115


def job_row(app, job_id: int) -> Job:
    with app.app_context():
        job = db.session.get(Job, job_id)
        db.session.expunge(job)
        return job


def follow(app, client, job_id: int, label: str) -> None:
    """Until the job ends: ask for the pages and the job's status in turn, timing each answer."""
    times, progress, started = {page: [] for page in PAGES + ("status",)}, set(), time.perf_counter()
    while True:
        for page in PAGES:
            times[page].append(timed(client, page))
        times["status"].append(timed(client, f"/jobs/{job_id}/status.json"))
        job = job_row(app, job_id)
        if job.done_rows:
            progress.add(job.done_rows)
        if job.is_finished:
            break
        time.sleep(0.5)
    seconds = time.perf_counter() - started
    print(f"{label}: {job.status.value} in {seconds:.0f} s, {job.done_rows:,} rows done of {job.total_rows or 0:,} "
          f"({job.done_rows / seconds:,.0f} rows/s), {len(progress)} distinct progress values seen"
          + (f"; error: {job.error}" if job.error else ""))
    for page, answers in times.items():
        print(f"  {page:<14} {len(answers):4} answers  median {statistics.median(answers) * 1000:6.0f} ms  "
              f"worst {max(answers) * 1000:6.0f} ms")


def timed(client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return time.perf_counter() - started


def job_id_of(response) -> int:
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return int(re.search(r"/jobs/(\d+)$", response.location).group(1))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--units", type=int, default=300)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    logging.disable(logging.INFO)  # one JSON line per request would drown the numbers
    app = build_app(args.database_url or f"sqlite:///{folder}/bench.sqlite3", args.units)
    app.config.update(FILES_FOLDER=str(folder / "files"), JOBS_SQLITE_PATH=str(folder / "jobs.sqlite3"),
                      WTF_CSRF_ENABLED=False, IMPORT_MAX_BYTES=MAX_BYTES, MAX_CONTENT_LENGTH=MAX_BYTES)
    path = folder / "ho-so-khen-thuong.xlsx"
    started = time.perf_counter()
    generate(path, args.rows, args.units, 2017)
    data = path.read_bytes()
    generated = time.perf_counter() - started
    print(f"file: {args.rows:,} rows, {len(data) / 1048576:.1f} MB (generated in {generated:.0f} s); "
          f"{os.cpu_count()} CPU; database {(args.database_url or 'sqlite').split(':')[0]}")
    with app.app_context():
        user = factories.make_user(Role.COUNCIL)
        db.session.commit()
        username = user.username
    worker = start_worker(app, folder)
    try:
        client = app.test_client()
        assert client.post("/login", data={"username": username, "password": factories.PASSWORD}).status_code == 302
        started = time.perf_counter()
        response = client.post("/nominations/import", data={"file": (io.BytesIO(data), path.name)},
                               content_type="multipart/form-data")
        print(f"upload answered in {time.perf_counter() - started:.1f} s (checked, stored, preview job started)")
        preview_id = job_id_of(response)
        follow(app, client, preview_id, "preview job")
        page = client.get(f"/nominations/import/jobs/{preview_id}").get_data(as_text=True)
        token = re.search(r'name="token" type="hidden" value="([0-9a-f]{32})"', page).group(1)
        apply_id = job_id_of(client.post("/nominations/import/confirm", data={"token": token}))
        follow(app, client, apply_id, "confirmation job")
        with app.app_context():
            print(f"dossiers stored: {db.session.scalar(select(func.count()).select_from(Dossier)):,}")
    finally:
        worker.terminate()
        worker.wait(timeout=30)


if __name__ == "__main__":
    main()
