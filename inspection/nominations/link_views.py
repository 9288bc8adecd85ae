"""Routes for findings ↔ dossiers: the dossier search behind the autocomplete, linking from the finding
page or from the dossier page, and unlinking. Every POST ends back on the page it came from; a refused
one comes back with its message beside the field (and flashed), nothing saved."""

from flask import flash, jsonify, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from inspection.access import Need
from inspection.confirm import Question, Subject, confirm_first
from inspection.extensions import db
from inspection.findings.access import get_finding
from inspection.forms_util import apply_rule_violation, commit_or_refuse
from inspection.missions.access import MISSION_WORKERS
from inspection.nominations import links
from inspection.nominations.access import get_dossier
from inspection.nominations.blueprint import bp
from inspection.permissions import login_required, roles_required
from inspection.rules import RuleViolation


@bp.route("/nominations/dossiers/search")
@login_required
def search_dossiers():
    """JSON for the autocomplete: ?unit=<unit code>&q=<code prefix or part of the recipient's name>."""
    return jsonify(links.search_dossiers(current_user, request.args.get("q", ""), request.args.get("unit", "")))


@bp.route("/nominations/findings/<int:finding_id>/dossiers", methods=["POST"])
@roles_required(*MISSION_WORKERS)
def link_dossier(finding_id: int):
    """From the finding page: a dossier by unit code and dossier code."""
    finding = get_finding(finding_id, need=Need.MANAGE)
    back = url_for("findings.finding", finding_id=finding.id, _anchor=links.FINDING_ANCHOR)
    form = links.LinkDossierForm(prefix=links.LINK_FORM_PREFIX)
    if not form.validate_on_submit():
        return _refused(form, back, "finding", finding.id)
    try:
        dossier = links.dossier_by_code(form.unit.data, form.code.data)
        changed = commit_or_refuse(lambda: links.link(current_user, finding, dossier))
    except RuleViolation as violation:
        return _refused(form, back, "finding", finding.id, violation)
    label = links.dossier_label(dossier)
    return _done(back, _("Đã liên kết hồ sơ %(dossier)s với tồn tại, hạn chế.", dossier=label) if changed
                 else _("Hồ sơ %(dossier)s đã được liên kết từ trước.", dossier=label))


@bp.route("/nominations/dossiers/<int:dossier_id>/findings", methods=["POST"])
@roles_required(*MISSION_WORKERS)
def link_finding(dossier_id: int):
    """From the dossier page: one of the user's own findings on the dossier's unit."""
    dossier = get_dossier(dossier_id)
    back = url_for("nominations.dossier", dossier_id=dossier.id, _anchor=links.DOSSIER_ANCHOR)
    form = links.link_finding_form(dossier, current_user)
    if not form.validate_on_submit():
        return _refused(form, back, "dossier", dossier.id)
    finding = get_finding(form.finding.data, need=Need.MANAGE)
    try:
        changed = commit_or_refuse(lambda: links.link(current_user, finding, dossier))
    except RuleViolation as violation:
        return _refused(form, back, "dossier", dossier.id, violation)
    return _done(back, _("Đã liên kết tồn tại, hạn chế “%(title)s” với hồ sơ.", title=finding.title)
                 if changed else _("Tồn tại, hạn chế “%(title)s” đã được liên kết từ trước.", title=finding.title))


def _back_from_unlink(finding_id: int, dossier_id: int) -> str:
    if request.form.get("back") == "dossier":
        return url_for("nominations.dossier", dossier_id=dossier_id, _anchor=links.DOSSIER_ANCHOR)
    return url_for("findings.finding", finding_id=finding_id, _anchor=links.FINDING_ANCHOR)


def _unlink_subject(finding_id: int, dossier_id: int) -> Subject:
    finding, dossier = get_finding(finding_id, need=Need.MANAGE), get_dossier(dossier_id)
    return Subject({"dossier": links.dossier_label(dossier), "title": finding.title},
                   _back_from_unlink(finding.id, dossier.id))


@bp.route("/nominations/findings/<int:finding_id>/dossiers/<int:dossier_id>/unlink", methods=["POST"])
@roles_required(*MISSION_WORKERS)
@confirm_first(Question(_l("Bỏ liên kết hồ sơ %(dossier)s với tồn tại, hạn chế “%(title)s”?"),
                        _l("Hồ sơ không còn bị tồn tại, hạn chế này giữ lại khi xét khen thưởng; việc bỏ liên kết "
                           "được ghi vào nhật ký của cả hai."), _l("Bỏ liên kết")), _unlink_subject)
def unlink(finding_id: int, dossier_id: int):
    finding = get_finding(finding_id, need=Need.MANAGE)
    dossier = get_dossier(dossier_id)
    form = links.UnlinkForm()
    back = _back_from_unlink(finding.id, dossier.id)
    if not form.validate_on_submit():
        return _refused(form, back)
    try:
        commit_or_refuse(lambda: links.unlink(current_user, finding, dossier))
    except RuleViolation as violation:
        return _refused(form, back, violation=violation)
    return _done(back, _("Đã bỏ liên kết hồ sơ %(dossier)s với tồn tại, hạn chế “%(title)s”.",
                         dossier=links.dossier_label(dossier), title=finding.title))


def _done(back: str, message: str):
    flash(message, "success")
    return redirect(back)


def _refused(form, back: str, page: str | None = None, record_id: int | None = None,
             violation: RuleViolation | None = None):
    """Nothing is saved; the message is flashed naming the field, and the form (of `page`, the record
    `record_id`) comes back filled in."""
    db.session.rollback()
    if violation is not None:
        apply_rule_violation(form, violation)
    for field in form:
        for error in field.errors:
            label = field.label.text if field.type != "CSRFTokenField" else _("Biểu mẫu")
            flash(f"{label}: {error}", "danger")
    if page:
        keep_draft(form, page, record_id)
    return redirect(back)


def keep_draft(form, page: str, record_id: int) -> None:
    """Remember a refused form's input and errors for the one redirect back to its page (links.restore)."""
    data = {field.name: field.raw_data[0] for field in form
            if field.raw_data and isinstance(field.raw_data[0], str) and field.type != "CSRFTokenField"}
    errors = {field.name: [str(error) for error in field.errors] for field in form if field.errors}
    session[links.DRAFT_KEY] = {"page": page, "id": record_id, "data": data, "errors": errors}
