"""Dossiers from Excel through the one import pipeline (inspection.imports: upload → preview → confirm, all or
nothing), and the registry's export under its current filter, as a background job (export_job). Routes on the
nominations blueprint."""

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm

from inspection import jobs
from inspection.forms_util import commit_or_refuse
from inspection.imports import flow
from inspection.nominations import export_job
from inspection.nominations.access import DOSSIER_WRITERS
from inspection.nominations.blueprint import bp
from inspection.nominations.import_kind import DOSSIERS
from inspection.permissions import login_required, roles_required
from inspection.timeutil import today_vn

PAGE = flow.ImportPage(kinds=(DOSSIERS.name,), heading=_l("Nhập hồ sơ đề nghị khen thưởng từ Excel"),
                       upload_endpoint="nominations.import_upload", confirm_endpoint="nominations.import_confirm",
                       job_endpoint="nominations.import_job",
                       cancel_endpoint="nominations.registry",
                       breadcrumbs=((_l("Hồ sơ đề nghị khen thưởng"), "nominations.registry"),))


@bp.route("/nominations/import/template.xlsx")
@roles_required(*DOSSIER_WRITERS)
def import_template():
    return flow.template(DOSSIERS.name)


@bp.route("/nominations/import", methods=["GET", "POST"])
@roles_required(*DOSSIER_WRITERS)
def import_upload():
    return flow.upload(PAGE)


@bp.route("/nominations/import/confirm", methods=["POST"])
@roles_required(*DOSSIER_WRITERS)
def import_confirm():
    return flow.confirm(PAGE)


@bp.route("/nominations/import/jobs/<int:job_id>")
@roles_required(*DOSSIER_WRITERS)
def import_job(job_id: int):
    return flow.job_page(PAGE, job_id)


@bp.route("/nominations/export", methods=["POST"])
@login_required
def export_start():
    """The export as a job (the registry's button): the page shows the bar, the file waits on the jobs page."""
    if not FlaskForm().validate_on_submit():
        abort(400)
    args = {key: values for key, values in request.args.lists() if key != "page"}
    commit_or_refuse(lambda: jobs.start(current_user, export_job.KIND, args=args, today=today_vn().isoformat()))
    flash(_("Đã bắt đầu xuất Excel. Tiến độ hiện ở đây; tệp kết quả có ở trang “Tác vụ của tôi”."), "info")
    return redirect(url_for("nominations.registry", **args))
