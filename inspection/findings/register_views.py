"""The recommendation register, and moving a dissolved unit's open recommendations to its successor."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from wtforms import SelectField

from inspection.auth.models import Role
from inspection.findings import services
from inspection.findings.access import get_ended_unit
from inspection.findings.blueprint import bp
from inspection.findings.forms import RegisterFilterForm, TransferForm, group_choices
from inspection.findings.queries import is_overdue, transfer_offer
from inspection.findings.register import RegisterPagination, mission_choices
from inspection.findings.register_filters import names_day
from inspection.findings.transfer import TransferResult, open_shares
from inspection.forms_util import save
from inspection.params import page_number
from inspection.permissions import login_required, roles_required
from inspection.timeutil import today_vn


@bp.route("/recommendations/")
@login_required
def register():
    form = register_filter_form()
    today = today_vn()
    filters = form.filters()
    page = RegisterPagination(page=page_number(), per_page=current_app.config["PAGE_SIZE"], max_per_page=200,
                              user=current_user, filters=filters, today=today)
    return render_template("findings/register.html", form=form, page=page, today=today, is_overdue=is_overdue,
                           active_filters=active_filters(form), names_on=names_day(filters))


def register_filter_form(args=None, user=None) -> RegisterFilterForm:
    """The register's filters from the query string (or the `args` an export job kept of it, for its `user`),
    validated: a bad value is named beside its field and left out of `form.filters()` (the page and its export
    build it the same way)."""
    args = request.args if args is None else args
    form = RegisterFilterForm(formdata=args)
    form.mission.choices = [("", _("Tất cả"))] + mission_choices(user or current_user, args.get("mission"))
    form.group.choices = group_choices(args.get("group"))
    form.validate()
    return form


#: how the list is ordered, not what it holds: no chip for them
ORDERING = ("sort", "order", "page")


def active_filters(form: RegisterFilterForm) -> list[tuple[str, str]]:
    """(words, URL without that filter) for each filter in force, for the chips above the list."""
    active = []
    for name in form.filters():
        if name not in ORDERING:
            rest = {key: values for key, values in request.args.lists() if key not in (name, "page")}
            active.append((_filter_words(form[name]), url_for("findings.register", **rest)))
    return active


def _filter_words(field) -> str:
    if field.type == "BooleanField":
        return field.label.text
    if isinstance(field, SelectField):
        value = next((str(label) for _v, label, selected, *_rest in field.iter_choices() if selected), "")
    elif hasattr(field.data, "code"):
        value = f"{field.data.name} ({field.data.code})"
    else:
        value = field._value()
    return f"{field.label.text}: {value}"


@bp.route("/units/<int:unit_id>/transfer-recommendations", methods=["GET", "POST"])
@roles_required(Role.ADMIN, Role.COUNCIL)
def transfer_recommendations(unit_id: int):
    unit = get_ended_unit(unit_id)
    form = TransferForm()
    if form.validate_on_submit():
        ok, result = save(form, lambda: services.transfer_open_recommendations(
            current_user, unit, form.to_unit.data, form.legal_basis.data, form.note.data or None))
        if ok:
            flash(_transferred_message(result, unit, form.to_unit.data), "success")
            return redirect(url_for("units.detail", unit_id=unit.id))
    shares = open_shares(unit)
    offer = transfer_offer(unit, len(shares), today_vn(), form if form.is_submitted() else None)
    return render_template("findings/transfer.html", unit=unit, transfer=offer, shares=shares)


def _transferred_message(result: TransferResult, from_unit, to_unit) -> str:
    message = ngettext("Đã chuyển %(num)d kiến nghị chưa kết luận của %(old)s sang %(new)s.",
                       "Đã chuyển %(num)d kiến nghị chưa kết luận của %(old)s sang %(new)s.",
                       len(result.moved), old=from_unit.name, new=to_unit.name)
    if result.merged:
        message += " " + _("%(new)s đã cùng chịu trách nhiệm %(count)s kiến nghị trong số đó: mỗi kiến nghị chỉ "
                           "giữ một phần trách nhiệm của %(new)s.", new=to_unit.name, count=len(result.merged))
    return message
