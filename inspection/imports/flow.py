"""The web side of the one import pipeline: upload → preview → confirm for a page offering one or more import
kinds (the units-and-groups page, the dossier page). Each page's routes are three lines calling these.

The preview and the confirmation run as background jobs (tasks.py), so that a 200,000-row file never holds a
request: the upload is checked at once for what can be refused cheaply (size, zip bomb, format, header row:
the message beside the field), stored, and its preview job started; the page then shows the job's bar and,
once it is done, the preview kept on the job (the report), with the confirmation that starts the writing job."""

import io
from dataclasses import dataclass

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from inspection import access, jobs
from inspection.access import Need
from inspection.downloads import XLSX_MIMETYPE, send_download
from inspection.forms_util import apply_rule_violation, commit_or_refuse
from inspection.imports import kinds, pipeline, tasks, uploads
from inspection.imports.forms import ConfirmForm, UploadForm
from inspection.imports.reader import display_name
from inspection.jobs.models import Job, JobStatus
from inspection.rules import RuleViolation


@dataclass(frozen=True)
class ImportPage:
    #: the kinds offered, the first chosen by default
    kinds: tuple[str, ...]
    heading: object
    upload_endpoint: str
    confirm_endpoint: str
    #: the page of one of this page's import jobs (job_id): its bar, then its preview or its outcome
    job_endpoint: str
    #: where "Hủy" leads
    cancel_endpoint: str
    #: (label, endpoint) above the heading
    breadcrumbs: tuple = ()

    def offered(self) -> list[kinds.ImportKind]:
        return [kinds.get(name) for name in self.kinds]

    def hints(self) -> list:
        """The offered kinds' advice, each line once."""
        found = []
        for kind in self.offered():
            found += [hint for hint in kind.hints if hint not in found]
        return found


def upload(page: ImportPage):
    form = UploadForm(kind=page.kinds[0])
    form.kind.choices = [(kind.name, _capitalised(kind.title)) for kind in page.offered()]
    if form.validate_on_submit():
        data, filename = form.file.data.read(), display_name(form.file.data.filename)
        try:
            job = commit_or_refuse(lambda: _store_and_start(form.kind.data, data, filename))
        except RuleViolation as violation:
            apply_rule_violation(form, violation)
        else:
            return redirect(url_for(page.job_endpoint, job_id=job.id))
    return render_template("imports/upload.html", form=form, page=page)


def _store_and_start(kind: str, data: bytes, filename: str) -> Job:
    config = current_app.config
    pipeline.check_file(current_user, kind, data, filename, config["IMPORT_MAX_BYTES"])
    upload_record = uploads.save(current_user, kind, data, filename, config["FILES_FOLDER"])
    return jobs.start(current_user, tasks.PREVIEW, import_kind=kind, upload_id=upload_record.id)


def confirm(page: ImportPage):
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        job = commit_or_refuse(lambda: _start_apply(page, form.token.data))
    except RuleViolation as violation:
        flash(violation.message, "danger")
        return redirect(url_for(page.upload_endpoint))
    return redirect(url_for(page.job_endpoint, job_id=job.id))


def _start_apply(page: ImportPage, token: str) -> Job:
    upload_record = uploads.by_token(current_user, token)
    if upload_record.kind not in page.kinds:
        raise uploads.gone()
    uploads.require_previewed(upload_record)
    return jobs.start(current_user, tasks.APPLY, import_kind=upload_record.kind, upload_id=upload_record.id)


def job_page(page: ImportPage, job_id: int):
    """While the job runs (or when it failed or was cancelled): its bar. Done: the preview, or the outcome of
    the confirmation (written: the summary where the kind lands; stale or refused rows: the preview again)."""
    job = access.load(Job, job_id, Need.VIEW)  # another user's job: 403
    if job.kind not in tasks.KINDS or job.params.get("import_kind") not in page.kinds:
        abort(404)
    if job.status != JobStatus.DONE or not job.result:
        return render_template("imports/job.html", page=page, job=job, kind=kinds.get(job.params["import_kind"]))
    report = job.result
    if report["applied"]:
        flash(pipeline.summary_of(report["kind"], report["counts"]), "success")
        endpoint, arguments = report["done"]
        return redirect(url_for(endpoint, **arguments))
    if report["stale"]:
        flash(_("Dữ liệu đã thay đổi kể từ lúc xem trước; chưa ghi gì. Vui lòng xem lại rồi xác nhận lần nữa."),
              "warning")
    return show(page, report)


def show(page: ImportPage, report: dict):
    """The preview page (also after a confirmation that found errors or a stale plan)."""
    confirm_form = ConfirmForm(token=report["token"]) if report["token"] else None
    return render_template("imports/preview.html", page=page, report=report, kind=kinds.get(report["kind"]),
                           confirm_form=confirm_form)


def template(kind_name: str):
    kind = kinds.get(kind_name)
    return send_download(io.BytesIO(kind.template()), kind.template_name, XLSX_MIMETYPE)


def _capitalised(text) -> str:
    text = str(text)
    return text[:1].upper() + text[1:]
