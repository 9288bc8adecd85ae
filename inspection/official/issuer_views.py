"""The admins' settings page "Cơ quan ban hành văn bản": one profile per issuing unit (heading, symbol, place,
signing block, recipients, archive), with the edit-conflict check and the audit log."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from inspection.auth.models import Role
from inspection.forms_util import save, stale
from inspection.official import issuers
from inspection.official.access import get_issuer
from inspection.official.forms import IssuerForm
from inspection.official.views import bp
from inspection.permissions import roles_required
from inspection.timeutil import today_vn


@bp.route("/documents/issuers/")
@roles_required(Role.ADMIN)
def issuer_list():
    return render_template("official/issuers.html", profiles=issuers.profiles())


@bp.route("/documents/issuers/new", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def issuer_new():
    form = IssuerForm()
    if form.validate_on_submit():
        ok, profile = save(form, lambda: issuers.create_profile(current_user, form.unit.data, _details(form),
                                                               today=today_vn()))
        if ok:
            flash(_("Đã khai báo cơ quan ban hành “%(body)s”.", body=profile.body), "success")
            return redirect(url_for("official.issuer_list"))
    return render_template("official/issuer_form.html", form=form, profile=None)


@bp.route("/documents/issuers/<int:profile_id>/edit", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def issuer_edit(profile_id: int):
    profile = get_issuer(profile_id)
    form = IssuerForm(obj=profile)
    form.unit.data = profile.unit  # shown, never changed: a profile belongs to its unit
    form.unit.render_kw = {"readonly": True}
    conflict = None
    if form.validate_on_submit():
        ok, _saved = save(form, lambda: issuers.update_profile(current_user, profile, _details(form),
                                                              form.version.data))
        if ok:
            flash(_("Đã lưu thông tin cơ quan ban hành “%(body)s”.", body=profile.body), "success")
            return redirect(url_for("official.issuer_list"))
        conflict = stale(form, profile)
    return render_template("official/issuer_form.html", form=form, profile=profile, conflict=conflict)


def _details(form: IssuerForm) -> issuers.IssuerDetails:
    return issuers.IssuerDetails(**{name: getattr(form, name).data or "" for name in issuers.FIELDS})
