"""The dossier page (its fields, status moves, award hold, linked findings and history) and the forms that
create and edit a dossier."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.orm import selectinload

from inspection import audit
from inspection.access import Need
from inspection.confirm import Question, Subject, confirm_first
from inspection.forms_util import apply_rule_violation, commit_or_refuse, overwrite_knowingly
from inspection.nominations import holds, links, services
from inspection.nominations.access import (
    DECIDERS,
    DOSSIER_WRITERS,
    allowed_targets,
    can_edit_dossier,
    can_hold,
    get_dossier,
)
from inspection.nominations.blueprint import bp
from inspection.nominations.dossier_rules import DECIDED
from inspection.nominations.forms import DossierForm, HoldForm, StatusForm
from inspection.nominations.models import AwardForm, Dossier, DossierStatus
from inspection.nominations.registry_views import catalogue_forms
from inspection.permissions import login_required, roles_required
from inspection.rules import EditConflict, RuleViolation
from inspection.units.models import Unit

HOLD_ACTIONS = ("dossier.hold", "dossier.release")


def _page_options():
    return [selectinload(Dossier.unit).selectinload(Unit.names)]


@bp.route("/nominations/dossiers/<int:dossier_id>")
@login_required
def dossier(dossier_id: int):
    found = get_dossier(dossier_id, options=_page_options())
    return render_template("nominations/dossier.html", **_page_context(found))


def _page_context(dossier: Dossier, status_form: StatusForm | None = None, hold_form: HoldForm | None = None,
                  conflict=None) -> dict:
    history = audit.history_of(dossier)
    targets = allowed_targets(current_user, dossier)
    return {"dossier": dossier, "history": history, "targets": targets, "conflict": conflict,
            "can_edit": can_edit_dossier(current_user, dossier), "can_hold": can_hold(current_user),
            "held_by_findings": dossier.id in holds.held_among([dossier.id]),
            "hold_entry": next((entry for entry in history if entry.action in HOLD_ACTIONS), None),
            "status_form": status_form or StatusForm(formdata=None, version=dossier.version),
            "hold_form": hold_form or HoldForm(formdata=None, on="0" if dossier.award_hold else "1"),
            } | links.dossier_findings_context(dossier, current_user)


def _status_subject(dossier_id: int) -> Subject:
    found = get_dossier(dossier_id, need=Need.EDIT)
    target = DossierStatus(request.form["target"])  # `when` let only a decided status through
    return Subject({"code": found.code, "status": target.label}, url_for("nominations.dossier", dossier_id=found.id))


@bp.route("/nominations/dossiers/<int:dossier_id>/status", methods=["POST"])
@roles_required(*DOSSIER_WRITERS)
@confirm_first(Question(_l("Chuyển hồ sơ %(code)s sang “%(status)s”?"),
                        _l("Đây là kết quả xét khen thưởng của hồ sơ: không đưa hồ sơ về các bước trước được nữa "
                           "(hồ sơ đã khen thưởng chỉ còn có thể bị thu hồi)."), _l("Chuyển trạng thái")),
               _status_subject, when=lambda form: form.get("target") in {status.value for status in DECIDED})
def change_status(dossier_id: int):
    found = get_dossier(dossier_id, need=Need.EDIT, options=_page_options())
    form = StatusForm()
    # every status is a valid choice: DOSSIER_TRANSITIONS (in the service) says which move is allowed now
    form.target.choices = [(status.value, status.label) for status in DossierStatus]
    if form.validate():
        try:
            commit_or_refuse(lambda: services.change_status(
                current_user, found, DossierStatus(form.target.data), form.decision_ref.data, form.decision_date.data,
                version=form.version.data))
        except RuleViolation as violation:
            violation.field = "target" if violation.field == "status" else violation.field
            apply_rule_violation(form, violation)
            if isinstance(violation, EditConflict):
                return render_template("nominations/dossier.html", **_page_context(
                    found, form, conflict=violation)), 409
        else:
            flash(_("Hồ sơ %(code)s đã chuyển sang “%(status)s”.", code=found.code, status=found.status.label),
                  "success")
            return redirect(url_for("nominations.dossier", dossier_id=found.id))
    return render_template("nominations/dossier.html", **_page_context(found, status_form=form))


@bp.route("/nominations/dossiers/<int:dossier_id>/hold", methods=["POST"])
@roles_required(*DECIDERS)
def hold(dossier_id: int):
    found = get_dossier(dossier_id, options=_page_options())
    form = HoldForm()
    if form.validate():
        try:
            commit_or_refuse(lambda: services.set_award_hold(current_user, found, form.on.data == "1",
                                                             form.reason.data))
        except RuleViolation as violation:
            apply_rule_violation(form, violation)
        else:
            flash(_("Đã tạm dừng xét khen thưởng hồ sơ %(code)s.", code=found.code) if found.award_hold
                  else _("Đã cho tiếp tục xét khen thưởng hồ sơ %(code)s.", code=found.code), "success")
            return redirect(url_for("nominations.dossier", dossier_id=found.id))
    return render_template("nominations/dossier.html", **_page_context(found, hold_form=form))


def _dossier_form(**kwargs) -> tuple[DossierForm, dict]:
    """The dossier form with the catalogue as the award form's choices (grouped, old forms marked)."""
    form = DossierForm(**kwargs)
    catalogue = catalogue_forms()
    form.award_form.choices = [("", _("— Chọn hình thức —"))] + [(award.code, _award_label(award))
                                                                 for award in catalogue]
    return form, {award.code: award for award in catalogue}


def _award_label(award: AwardForm) -> str:
    if award.valid_to:
        return _("%(name)s (đến %(day)s)", name=award.name_vi, day=award.valid_to.strftime("%d/%m/%Y"))
    if award.valid_from:
        return _("%(name)s (từ %(day)s)", name=award.name_vi, day=award.valid_from.strftime("%d/%m/%Y"))
    return award.name_vi


@bp.route("/nominations/dossiers/new", methods=["GET", "POST"])
@roles_required(*DOSSIER_WRITERS)
def new_dossier():
    form, by_code = _dossier_form()
    del form.decision_ref, form.decision_date, form.version  # a new dossier is a draft: no decision yet
    if not form.is_submitted() and len(current_user.units) == 1:
        form.unit.data = current_user.units[0]
    if form.validate_on_submit():
        try:
            created = commit_or_refuse(
                lambda: services.create_dossier(current_user, **form.values(by_code)), form=form,
                shown_at=lambda saved: url_for("nominations.dossier", dossier_id=saved.id))
        except RuleViolation as violation:
            apply_rule_violation(form, violation)
        else:
            flash(_("Đã thêm hồ sơ %(code)s.", code=created.code), "success")
            return redirect(url_for("nominations.dossier", dossier_id=created.id))
    return render_template("nominations/dossier_form.html", form=form, dossier=None)


@bp.route("/nominations/dossiers/<int:dossier_id>/edit", methods=["GET", "POST"])
@roles_required(*DOSSIER_WRITERS)
def edit_dossier(dossier_id: int):
    found = get_dossier(dossier_id, need=Need.EDIT, options=_page_options())
    form, by_code = _dossier_form()
    if found.status not in DECIDED:
        del form.decision_ref, form.decision_date
    if not form.is_submitted():
        form.show(services.dossier_values(found))
        form.version.data = found.version
    conflict = None
    if form.validate_on_submit():
        try:
            changed = commit_or_refuse(lambda: services.update_dossier(
                current_user, found, version=form.version.data, **form.values(by_code)))
        except RuleViolation as violation:
            apply_rule_violation(form, violation)
            if isinstance(violation, EditConflict):
                conflict = overwrite_knowingly(form, violation)
        else:
            flash(_("Đã lưu hồ sơ %(code)s.", code=found.code) if changed else _("Không có thay đổi nào để lưu."),
                  "success")
            return redirect(url_for("nominations.dossier", dossier_id=found.id))
    return render_template("nominations/dossier_form.html", form=form, dossier=found,
                           conflict=conflict), 409 if conflict else 200
