"""The award catalogue: every logged-in user reads it; admins add and correct forms."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from inspection import audit
from inspection.access import Need
from inspection.auth.models import Role
from inspection.extensions import db
from inspection.forms_util import ButtonForm, commit_or_refuse, save, stale
from inspection.nominations import services
from inspection.nominations.access import can_manage_catalogue, get_award_form
from inspection.nominations.blueprint import bp
from inspection.nominations.catalogue import ALIASES, missing_entries, seed_catalogue
from inspection.nominations.forms import AwardFormForm
from inspection.nominations.models import AwardForm, AwardGroup, AwardLevel
from inspection.permissions import login_required, roles_required
from inspection.rules import RuleViolation


@bp.route("/nominations/catalogue")
@login_required
def catalogue():
    forms = db.session.scalars(select(AwardForm).options(joinedload(AwardForm.successor)))
    by_level = {level: [] for level in AwardLevel}
    for award in sorted(forms, key=lambda award: (list(AwardGroup).index(award.group), award.id)):
        by_level[award.level].append(award)
    can_manage = can_manage_catalogue(current_user)
    return render_template("nominations/catalogue.html", by_level=by_level, aliases=ALIASES, can_manage=can_manage,
                           missing=len(missing_entries()) if can_manage else 0)


@bp.route("/nominations/catalogue/standard", methods=["POST"])
@roles_required(Role.ADMIN)
def seed_standard_catalogue():
    """Adds the standard entries the catalogue lacks (audited); entries corrected in the portal stay as they are."""
    if not ButtonForm().validate_on_submit():
        return redirect(url_for("nominations.catalogue"))
    try:
        result = commit_or_refuse(lambda: seed_catalogue(current_user, update=False))
    except RuleViolation as violation:
        flash(violation.message, "danger")
    else:
        flash(_("Đã thêm %(n)s hình thức của danh mục chuẩn.", n=result.created), "success")
    return redirect(url_for("nominations.catalogue"))


def _award_form_form(exclude: AwardForm | None = None, **kwargs) -> tuple[AwardFormForm, dict]:
    form = AwardFormForm(**kwargs)
    others = [award for award in db.session.scalars(select(AwardForm).order_by(AwardForm.id)) if award is not exclude]
    form.successor.choices = [("", _("— Không có —"))] + [(award.code, f"{award.name_vi} ({award.code})")
                                                          for award in others]
    return form, {award.code: award for award in others}


@bp.route("/nominations/catalogue/new", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def new_award_form():
    form, by_code = _award_form_form()
    if form.validate_on_submit():
        saved, created = save(form, lambda: services.create_award_form(current_user, **form.values(by_code)))
        if saved:
            flash(_("Đã thêm hình thức “%(name)s”.", name=created.name_vi), "success")
            return redirect(url_for("nominations.catalogue"))
    return render_template("nominations/award_form_form.html", form=form, award=None, history=[])


@bp.route("/nominations/catalogue/<int:form_id>/edit", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def edit_award_form(form_id: int):
    award = get_award_form(form_id, need=Need.MANAGE)
    form, by_code = _award_form_form(exclude=award, obj=award)
    if not form.is_submitted():
        form.successor.data = award.successor.code if award.successor else ""
    if form.validate_on_submit():
        saved, changed = save(form, lambda: services.update_award_form(current_user, award, version=form.version.data,
                                                                       **form.values(by_code)))
        if saved:
            flash(_("Đã lưu hình thức “%(name)s”.", name=award.name_vi) if changed
                  else _("Không có thay đổi nào để lưu."), "success")
            return redirect(url_for("nominations.catalogue"))
    conflict = stale(form, award)
    return render_template("nominations/award_form_form.html", form=form, award=award, conflict=conflict,
                           history=audit.history_of(award)), 409 if conflict else 200
