""""Văn bản": the list of official documents (scoped as the records are), a document's page with its downloads,
issue form and corrections, and the buttons' POST that makes a draft (in the request, or as a job for the
large kinds: official/jobs.py)."""

from __future__ import annotations

import io

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy.orm import selectinload

from inspection import downloads, jobs
from inspection.access import Need
from inspection.audit import history_of
from inspection.confirm import Question, Subject, confirm_first
from inspection.extensions import db
from inspection.forms_util import ButtonForm, commit_or_refuse, save
from inspection.jobs.views import get_job
from inspection.official import issuers, listing, rendering, services, signatures
from inspection.official.access import DRAFTERS, ISSUERS, can_draft, can_issue, get_document
from inspection.official.forms import IssueForm, VersionForm
from inspection.official.jobs import KIND as JOB_KIND
from inspection.official.jobs import runs_as_job
from inspection.official.kinds import KINDS
from inspection.official.models import OfficialDocument
from inspection.official.numbers import next_free
from inspection.permissions import login_required, roles_required
from inspection.rules import RuleViolation
from inspection.timeutil import today_vn

bp = Blueprint("official", __name__)

#: form fields of a "Tạo văn bản" button that are not the subject's arguments
NOT_ARGS = frozenset({"kind", "csrf_token", "confirmed"})
PAGE_OPTIONS = (selectinload(OfficialDocument.docx), selectinload(OfficialDocument.pdf),
                selectinload(OfficialDocument.signed_pdf), selectinload(OfficialDocument.issuer_unit),
                selectinload(OfficialDocument.replaced_by), selectinload(OfficialDocument.replaces))


def _folder() -> str:
    return current_app.config["FILES_FOLDER"]


@bp.route("/documents/")
@login_required
def index():
    form, query = listing.filtered(current_user, request.args)
    page = db.paginate(query, per_page=current_app.config["PAGE_SIZE"], max_per_page=200)
    return render_template("official/index.html", form=form, page=page, job_kind=JOB_KIND)


@bp.route("/documents/<int:document_id>")
@login_required
def detail(document_id: int):
    document = get_document(document_id, options=PAGE_OPTIONS)
    return _page(document)


def _page(document: OfficialDocument, issue_form: IssueForm | None = None):
    if issue_form is None and not document.is_issued:
        issue_form = IssueForm(data={"number": _suggested_number(document), "issued_on": today_vn(),
                                     "version": document.version})
    return render_template("official/document.html", document=document, kind=KINDS.get(document.kind),
                           issue_form=issue_form, version_form=VersionForm(data={"version": document.version}),
                           button_form=ButtonForm(), may_draft=can_draft(current_user),
                           may_issue=can_issue(current_user), history=history_of(document),
                           signature=signatures.status(document, _folder()),
                           issuer=issuers.profile_of(document.issuer_unit_id))


def _suggested_number(document: OfficialDocument) -> int:
    return next_free(document.issuer_unit_id, document.type_code, today_vn().year)


@bp.route("/documents/<int:document_id>/<any(docx, pdf, signed):file_type>")
@login_required
def download(document_id: int, file_type: str):
    document = get_document(document_id, options=PAGE_OPTIONS)
    stored = {"docx": document.docx, "pdf": document.pdf, "signed": document.signed_pdf}[file_type]
    if stored is None:
        abort(404)
    try:
        data = rendering.read_checked(_folder(), stored)
    except RuleViolation as violation:
        flash(violation.message, "danger")
        return redirect(url_for("official.detail", document_id=document.id))
    return downloads.send_download(io.BytesIO(data), stored.original_name, stored.content_type)


@bp.post("/documents/new")
@roles_required(*DRAFTERS)
def create():
    if not ButtonForm().validate_on_submit():
        abort(400)
    kind = request.form.get("kind", "")
    args = {key: value for key, value in request.form.items() if key not in NOT_ARGS}
    back = request.referrer or url_for("official.index")
    try:
        if runs_as_job(kind):
            job = commit_or_refuse(lambda: _start_job(kind, args))
            return redirect(url_for("official.pending", job_id=job.id))
        document = commit_or_refuse(lambda: services.create_draft(current_user, kind, args, folder=_folder(),
                                                                  today=today_vn()))
    except RuleViolation as violation:
        flash(violation.message, "danger")
        return redirect(back)
    flash(_("Đã tạo dự thảo văn bản. Kiểm tra bản Word, PDF rồi ban hành khi đã đúng."), "success")
    return redirect(url_for("official.detail", document_id=document.id))


def _start_job(kind: str, args: dict):
    services.kind_named(kind)  # an unknown kind is refused now, not in the worker
    return jobs.start(current_user, JOB_KIND, document_kind=kind, args=args, today=today_vn().isoformat())


@bp.route("/documents/jobs/<int:job_id>")
@login_required
def pending(job_id: int):
    """The job's bar; once the document is made, the document itself."""
    job = get_job(job_id)
    if job.kind != JOB_KIND:
        abort(404)
    document_id = (job.result or {}).get("document_id")
    if job.is_finished and document_id:
        return redirect(url_for("official.detail", document_id=document_id))
    return render_template("official/pending.html", job=job)


@bp.post("/documents/<int:document_id>/regenerate")
@roles_required(*DRAFTERS)
def regenerate(document_id: int):
    document = get_document(document_id, Need.EDIT, options=PAGE_OPTIONS)
    form = VersionForm()
    if not form.validate_on_submit():
        abort(400)
    ok, _result = save(form, lambda: services.regenerate(current_user, document, folder=_folder(), today=today_vn(),
                                                        version=form.version.data))
    if ok:
        flash(_("Đã tạo lại dự thảo từ dữ liệu hiện tại."), "success")
    return redirect(url_for("official.detail", document_id=document.id))


def _issue_subject(document_id: int) -> Subject:
    document = get_document(document_id, Need.DECIDE)
    return Subject({"title": document.title}, url_for("official.detail", document_id=document.id))


@bp.post("/documents/<int:document_id>/issue")
@roles_required(*ISSUERS)
@confirm_first(Question(_l("Ban hành văn bản “%(title)s”?"),
                        _l("Văn bản nhận số và ngày ban hành, được lưu cố định cùng mã SHA-256 và không sửa được nữa; "
                           "muốn sửa phải tạo văn bản thay thế."), _l("Ban hành")), _issue_subject)
def issue(document_id: int):
    document = get_document(document_id, Need.DECIDE, options=PAGE_OPTIONS)
    form = IssueForm()
    if not form.validate_on_submit():
        return _page(document, form)
    ok, _result = save(form, lambda: services.issue(current_user, document, number=form.number.data,
                                                    issued_on=form.issued_on.data, folder=_folder(),
                                                    today=today_vn(), version=form.version.data))
    if not ok:
        return _page(document, form)
    flash(_("Đã ban hành văn bản số %(ref)s.", ref=document.reference), "success")
    return redirect(url_for("official.detail", document_id=document.id))


@bp.post("/documents/<int:document_id>/sign")
@roles_required(*ISSUERS)
def sign(document_id: int):
    document = get_document(document_id, Need.DECIDE, options=PAGE_OPTIONS)
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        commit_or_refuse(lambda: signatures.sign(current_user, document, folder=_folder()))
    except RuleViolation as violation:
        flash(violation.message, "danger")
    else:
        flash(_("Đã ký số văn bản số %(ref)s.", ref=document.reference), "success")
    return redirect(url_for("official.detail", document_id=document.id))


@bp.post("/documents/<int:document_id>/correct")
@roles_required(*DRAFTERS)
def correct(document_id: int):
    document = get_document(document_id, Need.EDIT, options=PAGE_OPTIONS)
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        new = commit_or_refuse(lambda: services.correct(current_user, document, folder=_folder(), today=today_vn()))
    except RuleViolation as violation:
        flash(violation.message, "danger")
        return redirect(url_for("official.detail", document_id=document.id))
    flash(_("Đã tạo dự thảo thay thế văn bản số %(ref)s.", ref=document.reference), "success")
    return redirect(url_for("official.detail", document_id=new.id))


@bp.app_context_processor
def _official_helpers():
    return {"official_kinds_for": kinds_for, "official_kind_label": kind_label,
            "official_subject_link": subject_link}


def kind_label(key: str) -> str:
    kind = KINDS.get(key)
    return str(kind.label) if kind else key


#: the page of each subject type: (endpoint, the view argument carrying subject_id, or None: args as query)
SUBJECT_PAGES = {"mission": ("missions.workspace", "mission_id"), "unit": ("units.detail", "unit_id"),
                 "session": ("council.session", "session_id"), "period": ("dashboard.index", None),
                 "awards": ("nominations.report", None)}


def subject_link(document: OfficialDocument) -> Markup:
    page = SUBJECT_PAGES.get(document.subject_type)
    if page is None:
        return Markup.escape(document.title)
    endpoint, id_arg = page
    url = url_for(endpoint, **{id_arg: document.subject_id}) if id_arg and document.subject_id \
        else url_for(endpoint, **(document.args or {}))
    return Markup('<a href="{}">{}</a>').format(url, document.title)


def kinds_for(subject_type: str) -> list:
    """The kinds a page offers for its subject (template global for the "Tạo văn bản" buttons)."""
    if not current_user.is_authenticated or not can_draft(current_user):
        return []
    return [kind for kind in KINDS.values() if kind.subject_type == subject_type]

