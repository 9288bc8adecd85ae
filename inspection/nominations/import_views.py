"""Dossiers from Excel: the template, upload → preview → confirm (all or nothing, one commit), and the
registry's export under its current filter. Routes on the nominations blueprint."""

import io
import os
import tempfile

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from inspection.downloads import XLSX_MIMETYPE, send_download
from inspection.extensions import db
from inspection.forms_util import apply_rule_violation
from inspection.imports import storage
from inspection.imports.forms import ConfirmForm
from inspection.imports.reader import display_name
from inspection.nominations import exporting, importing
from inspection.nominations.access import DOSSIER_WRITERS
from inspection.nominations.blueprint import bp
from inspection.nominations.forms import DossierFilterForm
from inspection.nominations.import_columns import KIND
from inspection.nominations.import_forms import DossierUploadForm
from inspection.nominations.import_plan import DossierImportPlan
from inspection.nominations.import_template import template_workbook
from inspection.nominations.registry_views import catalogue_forms, registry_criteria
from inspection.permissions import login_required, roles_required
from inspection.rules import RuleViolation
from inspection.timeutil import today_vn
from inspection.units.scope import visible_unit_ids

#: errors listed on the preview page (the count covers all; `flask nominations import` prints every one)
ERROR_LIMIT = 1000


def _folder() -> str:
    return os.path.join(current_app.instance_path, "dossier-imports")


def _max_bytes() -> int:
    return current_app.config["IMPORT_MAX_BYTES"]


@bp.route("/nominations/import/template.xlsx")
@roles_required(*DOSSIER_WRITERS)
def import_template():
    return _xlsx(io.BytesIO(template_workbook()), "mau-nhap-ho-so-khen-thuong.xlsx")


@bp.route("/nominations/import", methods=["GET", "POST"])
@roles_required(*DOSSIER_WRITERS)
def import_upload():
    form = DossierUploadForm()
    if form.validate_on_submit():
        data, filename = form.file.data.read(), display_name(form.file.data.filename)
        try:
            plan = importing.preview(current_user, data, filename, _max_bytes())
        except RuleViolation as violation:
            apply_rule_violation(form, violation)
        else:
            writes = not plan.errors and (plan.new or plan.updates)
            token = storage.save(_folder(), data=data, kind=KIND, filename=filename, user_id=current_user.id,
                                 digest=plan.digest) if writes else None
            return _preview(plan, token)
    return render_template("nominations/import_upload.html", form=form)


def _preview(plan: DossierImportPlan, token: str | None):
    confirm_form = ConfirmForm(token=token) if token else None
    return render_template("nominations/import_preview.html", plan=plan, confirm_form=confirm_form,
                           errors=plan.sorted_errors[:ERROR_LIMIT])


@bp.route("/nominations/import/confirm", methods=["POST"])
@roles_required(*DOSSIER_WRITERS)
def import_confirm():
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        stored = storage.load(_folder(), form.token.data, current_user.id)
    except RuleViolation as violation:
        flash(violation.message, "danger")
        return redirect(url_for("nominations.import_upload"))
    plan = importing.run_import(current_user, stored.data, stored.filename, _max_bytes(),
                                expected_digest=stored.digest)
    if plan.applied:
        db.session.commit()
        storage.discard(_folder(), stored.token)
        flash(importing.summary(plan), "success")
        return redirect(url_for("nominations.registry"))
    db.session.rollback()
    if plan.stale:
        storage.update_digest(_folder(), stored, plan.digest)
        flash(_("Dữ liệu đã thay đổi kể từ lúc xem trước; chưa ghi gì. Vui lòng xem lại rồi xác nhận lần nữa."),
              "warning")
        return _preview(plan, stored.token)
    storage.discard(_folder(), stored.token)
    return _preview(plan, None)


@bp.route("/nominations/export.xlsx")
@login_required
def export():
    """The registry as the user sees it now (same filter arguments, same units), as a re-importable file."""
    form = DossierFilterForm(formdata=request.args)
    form.form.choices = [(award.code, award.name_vi) for award in catalogue_forms()]
    form.validate()
    rows = exporting.export_rows(registry_criteria(form), visible_unit_ids(current_user))
    handle = tempfile.TemporaryFile()  # noqa: SIM115  (send_file closes it once sent)
    exporting.write_workbook(handle, rows)
    handle.seek(0)
    return _xlsx(handle, f"ho-so-khen-thuong-{today_vn():%Y%m%d}.xlsx")


def _xlsx(handle, name: str):
    """Streamed from the file object, which is closed (a temporary file is so removed) once sent."""
    return send_download(handle, name, XLSX_MIMETYPE)
