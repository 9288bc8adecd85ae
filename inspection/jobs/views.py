""""Tác vụ của tôi": the user's jobs with their progress, result and error; the status JSON the progress bar
polls; cancel; the result's download. Nothing here waits for a job."""

import os
from datetime import timedelta

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from inspection import access, downloads
from inspection.access import Need
from inspection.confirm import Question, Subject, confirm_first
from inspection.extensions import db
from inspection.forms_util import commit_or_refuse
from inspection.jobs import (
    monitor,  # noqa: F401  (registers the /healthz check)
    progress,
    services,
)
from inspection.jobs.models import Job
from inspection.permissions import login_required
from inspection.rules import RuleViolation
from inspection.timeutil import utcnow

bp = Blueprint("jobs", __name__)


def get_job(job_id: int, need: Need = Need.VIEW) -> Job:
    """Another user's job answers 403 (an administrator's too: a result holds what its owner may see)."""
    return access.load(Job, job_id, need, options=[selectinload(Job.result_file)])


@bp.route("/jobs/")
@login_required
def index():
    query = (select(Job).where(Job.owner_id == current_user.id).options(selectinload(Job.result_file))
             .order_by(Job.created_at.desc(), Job.id.desc()))
    page = db.paginate(query, per_page=25, max_per_page=100)
    return render_template("jobs/index.html", page=page)


@bp.route("/jobs/<int:job_id>")
@login_required
def detail(job_id: int):
    return render_template("jobs/detail.html", job=get_job(job_id))


@bp.route("/jobs/<int:job_id>/status.json")
@login_required
def status(job_id: int):
    response = jsonify(progress.as_json(get_job(job_id)))
    response.headers["Cache-Control"] = "no-store"
    return response


def _cancel_subject(job_id: int) -> Subject | None:
    """The job to cancel (its owner's only), or None once it has ended: the view then says it cannot be."""
    job = get_job(job_id, Need.MANAGE)
    return None if job.is_finished else Subject({"label": job.label}, url_for("jobs.detail", job_id=job.id))


@bp.route("/jobs/<int:job_id>/cancel", methods=["POST"])
@login_required
@confirm_first(Question(_l("Hủy tác vụ “%(label)s”?"),
                        _l("Tác vụ dừng lại; không có thay đổi nào của tác vụ được ghi."),
                        _l("Hủy tác vụ")), _cancel_subject)
def cancel(job_id: int):
    job = get_job(job_id, Need.MANAGE)
    if not FlaskForm().validate_on_submit():
        abort(400)
    try:
        commit_or_refuse(lambda: services.cancel(current_user, job))
    except RuleViolation as violation:
        flash(violation.message, "warning")
    else:
        flash(_("Đã yêu cầu hủy tác vụ “%(label)s”: không có thay đổi nào của tác vụ được ghi.", label=job.label),
              "success")
    return redirect(url_for("jobs.detail", job_id=job.id))


@bp.route("/jobs/<int:job_id>/result")
@login_required
def result(job_id: int):
    job = get_job(job_id)
    stored = job.result_file
    if stored is None:
        flash(_("Kết quả của tác vụ này không còn (đã hết hạn hoặc tác vụ không tạo tệp)."), "warning")
        return redirect(url_for("jobs.index"))
    path = downloads_path(stored.stored_name)
    return downloads.send_download(path, stored.original_name, stored.content_type)


def downloads_path(stored_name: str) -> str:
    return os.path.join(current_app.config["FILES_FOLDER"], stored_name)


def recent_job(kind: str) -> Job | None:
    """For the page that starts jobs of `kind`: the user's latest one, while it runs and for a while after
    (the page shows its bar, then its result). Template global."""
    if not current_user.is_authenticated:
        return None
    since = utcnow() - timedelta(hours=1)
    return db.session.scalar(select(Job).where(Job.owner_id == current_user.id, Job.kind == kind,
                                               Job.created_at >= since)
                             .options(selectinload(Job.result_file)).order_by(Job.id.desc()).limit(1))


@bp.app_context_processor
def _job_helpers():
    return {"recent_job": recent_job, "job_progress": progress}
