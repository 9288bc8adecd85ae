"""The jobs' own periodic task: result files past JOB_RESULT_DAYS are removed (hourly)."""

from flask import current_app

from inspection.extensions import db
from inspection.jobs.registry import every_minutes, periodic
from inspection.jobs.results import expire_results, remove_files
from inspection.timeutil import utcnow


@periodic("jobs_expire_results", every_minutes("JOBS_EXPIRE_EVERY_MINUTES"))
def remove_expired_results() -> int:
    """Commits itself: the files leave the folder only once their rows are gone."""
    gone = expire_results(utcnow())
    db.session.commit()
    remove_files(current_app.config["FILES_FOLDER"], gone)
    return len(gone)
