"""What a running job sees: its actor and the means to report progress and keep a result.

Progress goes to the job's row in its own short transaction on a connection of its own, at most once per
PROGRESS_SECONDS, so that the page's bar moves while the job's work stays one uncommitted transaction; the
same moment reads whether the owner asked to cancel (then JobCancelled stops the work, which is rolled back)."""

import time
from collections.abc import Iterable, Iterator

from sqlalchemy import select, update

from inspection.extensions import unless_busy
from inspection.jobs.models import Job, JobStatus
from inspection.jobs.results import keep_result

#: the row is written at most this often (and once more at the end)
PROGRESS_SECONDS = 1.0


class JobCancelled(Exception):
    """The owner asked to cancel: the job stops at its next progress report and writes nothing."""


class JobContext:
    def __init__(self, job: Job, actor, files_folder: str):
        self.job_id = job.id
        self.job = job
        self.actor = actor
        self.files_folder = files_folder
        self.written_files: list[str] = []  # removed again if the job does not finish
        self._last_report = 0.0
        self.done, self.total = 0, None

    def progress(self, done: int, total: int | None = None) -> None:
        """Rows done of total; raises JobCancelled once cancel was asked for."""
        self.done, self.total = done, total if total is not None else self.total
        now = time.monotonic()
        if now - self._last_report < PROGRESS_SECONDS and (total is None or done < total):
            return
        self._last_report = now
        if _report(self.job_id, done, total):
            raise JobCancelled

    def counted(self, rows: Iterable, total: int | None) -> Iterator:
        """The rows unchanged, reporting progress as they pass (the first report at once: the total shows)."""
        self.progress(0, total)
        done = 0
        for row in rows:
            yield row
            done += 1
            self.progress(done, total)
        self.progress(done, done if total is None else total)

    def save_result(self, name: str, source, mimetype: str) -> None:
        """Keep the job's result file (bytes or a binary file object) for its owner to download."""
        stored = keep_result(self.actor, self.files_folder, name, source, mimetype)
        self.written_files.append(stored.stored_name)
        self.job.result_file = stored


    def save_report(self, data: dict) -> None:
        """Keep a JSON-able result for the page that started the job to show (committed with the work)."""
        self.job.result = data


def _report(job_id: int, done: int, total: int | None) -> bool:
    """Write the counts; whether the job should stop. A locked SQLite file (an import holds the write lock)
    skips this report rather than wait: the next one will be written."""
    values = {"done_rows": done} if total is None else {"done_rows": done, "total_rows": total}

    def write(connection) -> bool:
        connection.execute(update(Job).where(Job.id == job_id).values(**values))
        connection.commit()
        status, asked = connection.execute(select(Job.status, Job.cancel_requested).where(Job.id == job_id)).one()
        connection.commit()
        return asked or status == JobStatus.CANCELLED

    return bool(unless_busy(write))
