"""Import units or clusters and blocks from .xlsx / .csv: upload → preview → confirm (all or nothing)."""

import io
import os

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from inspection.auth.models import Role
from inspection.downloads import XLSX_MIMETYPE, send_download
from inspection.extensions import db
from inspection.forms_util import apply_rule_violation
from inspection.imports import services, storage
from inspection.imports.forms import ConfirmForm, UploadForm
from inspection.imports.plan import ImportPlan
from inspection.imports.reader import display_name
from inspection.imports.workbook import template_workbook
from inspection.permissions import roles_required
from inspection.rules import RuleViolation

bp = Blueprint("imports", __name__, url_prefix="/import")


def _folder() -> str:
    return os.path.join(current_app.instance_path, "imports")


def _max_bytes() -> int:
    return current_app.config["IMPORT_MAX_BYTES"]


@bp.route("/", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def upload():
    form = UploadForm()
    if form.validate_on_submit():
        data, filename = form.file.data.read(), display_name(form.file.data.filename)
        try:
            plan = services.preview(form.kind.data, data, filename, _max_bytes())
        except RuleViolation as violation:
            apply_rule_violation(form, violation)
        else:
            token = None if plan.errors else storage.save(
                _folder(), data=data, kind=plan.kind, filename=filename, user_id=current_user.id, digest=plan.digest())
            return _preview(plan, token)
    return render_template("imports/upload.html", form=form)


def _preview(plan: ImportPlan, token: str | None):
    confirm_form = ConfirmForm(token=token) if token else None
    return render_template("imports/preview.html", plan=plan, confirm_form=confirm_form,
                           what=services.title(plan.kind))


@bp.route("/confirm", methods=["POST"])
@roles_required(Role.ADMIN)
def confirm():
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        stored = storage.load(_folder(), form.token.data, current_user.id)
    except RuleViolation as violation:
        flash(violation.message, "danger")
        return redirect(url_for("imports.upload"))
    plan = services.run_import(current_user, stored.kind, stored.data, stored.filename, _max_bytes(),
                               expected_digest=stored.digest)
    if plan.applied:
        db.session.commit()
        storage.discard(_folder(), stored.token)
        flash(services.summary(plan), "success")
        return redirect(_list_url(plan))
    if plan.stale:
        storage.update_digest(_folder(), stored, plan.digest())
        flash(_("Dữ liệu đã thay đổi kể từ lúc xem trước; chưa ghi gì. Vui lòng xem lại rồi xác nhận lần nữa."),
              "warning")
        return _preview(plan, stored.token)
    storage.discard(_folder(), stored.token)
    return _preview(plan, None)


def _list_url(plan: ImportPlan) -> str:
    if plan.kind == "groups":
        return url_for("groups.index", year=max(row.year for row in plan.rows))
    return url_for("units.index")


@bp.route("/template/<any(units, groups):kind>.xlsx")
@roles_required(Role.ADMIN)
def template(kind: str):
    names = {"units": "mau-nhap-don-vi.xlsx", "groups": "mau-nhap-cum-khoi-thi-dua.xlsx"}
    return send_download(io.BytesIO(template_workbook(kind)), names[kind], XLSX_MIMETYPE)
