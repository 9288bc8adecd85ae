"""A job's result file: kept in the file store (instance/files) as a StoredFile until JOB_RESULT_DAYS have
passed, then removed by the periodic clean-up (expire_results)."""

import contextlib
import hashlib
import os
import secrets
from datetime import datetime

from sqlalchemy import select

from inspection.extensions import db
from inspection.files.models import StoredFile
from inspection.files.names import clean_file_name

CHUNK = 1024 * 1024
EXTENSIONS = {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx"}


def keep_result(actor, folder: str, name: str, source, mimetype: str) -> StoredFile:
    """Copy `source` (bytes or a binary file object) under a random name; the row joins the job's transaction."""
    os.makedirs(folder, exist_ok=True)
    stored_name = f"{secrets.token_hex(16)}.{EXTENSIONS.get(mimetype, 'bin')}"
    digest, size = hashlib.sha256(), 0
    with open(os.path.join(folder, stored_name), "xb") as target:
        for chunk in _chunks(source):
            target.write(chunk)
            digest.update(chunk)
            size += len(chunk)
    stored = StoredFile(original_name=clean_file_name(name, "ket-qua"), stored_name=stored_name, size=size,
                        sha256=digest.hexdigest(), content_type=mimetype, uploaded_by_id=getattr(actor, "id", None))
    db.session.add(stored)
    return stored


def _chunks(source):
    if isinstance(source, bytes | bytearray):
        yield bytes(source)
        return
    while chunk := source.read(CHUNK):
        yield chunk


def remove_files(folder: str, stored_names: list[str]) -> None:
    for stored_name in stored_names:
        with contextlib.suppress(FileNotFoundError):
            os.remove(os.path.join(folder, stored_name))


def expire_results(now: datetime) -> list[str]:
    """Forget the result files whose time is up (the job keeps its row and says the result expired); the
    names to remove from the folder once the caller has committed."""
    from inspection.jobs.models import Job

    jobs = list(db.session.scalars(select(Job).where(Job.result_expires_at < now, Job.result_file_id.is_not(None))))
    gone = []
    for job in jobs:
        stored = job.result_file
        gone.append(stored)
        job.result_file = None
        db.session.delete(stored)
    return [job_file.stored_name for job_file in gone]
