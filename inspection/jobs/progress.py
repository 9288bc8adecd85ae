"""How a job's progress reads on the page and in the status JSON: rows done of total, elapsed time and an
estimate of what remains, in Vietnamese with Vietnamese numbers (5.549)."""

from flask import url_for
from flask_babel import gettext as _

from inspection.formatting import number
from inspection.jobs.models import Job, JobStatus
from inspection.timeutil import utcnow


def percent(job: Job) -> int:
    if job.status == JobStatus.DONE:
        return 100
    if not job.total_rows:
        return 0
    return min(100, job.done_rows * 100 // job.total_rows)


def elapsed_seconds(job: Job) -> int:
    if job.started_at is None:
        return 0
    return max(0, round(((job.finished_at or utcnow()) - job.started_at).total_seconds()))


def remaining_seconds(job: Job) -> int | None:
    """Elapsed time scaled by the rows left; None until some rows are done."""
    if job.status != JobStatus.RUNNING or not job.done_rows or not job.total_rows:
        return None
    return round(elapsed_seconds(job) * max(0, job.total_rows - job.done_rows) / job.done_rows)


def duration(seconds: int) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return _("%(h)d giờ %(m)02d phút", h=hours, m=minutes)
    if minutes:
        return _("%(m)d phút %(s)02d giây", m=minutes, s=secs)
    return _("%(s)d giây", s=secs)


def summary(job: Job) -> str:
    """"1.200 / 5.549 dòng · đã chạy 12 giây · còn khoảng 40 giây"."""
    if job.status == JobStatus.QUEUED:
        return _("Đang chờ đến lượt chạy…")
    rows = (_("%(done)s / %(total)s dòng", done=number(job.done_rows), total=number(job.total_rows))
            if job.total_rows is not None else _("%(done)s dòng", done=number(job.done_rows)))
    parts = [rows, _("đã chạy %(time)s", time=duration(elapsed_seconds(job)))]
    remaining = remaining_seconds(job)
    if remaining is not None:
        parts.append(_("còn khoảng %(time)s", time=duration(remaining)))
    return " · ".join(parts)


def as_json(job: Job) -> dict:
    return {
        "id": job.id, "status": job.status.value, "status_label": job.status.label,
        "finished": job.is_finished, "done": job.done_rows, "total": job.total_rows, "percent": percent(job),
        "summary": summary(job), "error": job.error,
        "cancel_requested": job.cancel_requested,
        "result_url": url_for("jobs.result", job_id=job.id) if job.result_file_id else None,
    }
