"""Deadline extensions: the unit asks, a mission member or the council decides, the unit may withdraw."""

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from inspection.access import Need
from inspection.auth.models import Role
from inspection.confirm import Question, Subject, confirm_first
from inspection.findings.access import get_recommendation
from inspection.forms_util import ButtonForm, commit_or_refuse
from inspection.permissions import login_required, roles_required
from inspection.responses import services
from inspection.responses.access import get_due_date_change
from inspection.responses.blueprint import back_here, bp, done, refused
from inspection.responses.forms import DecisionForm, ExtensionRequestForm
from inspection.responses.queries import share_unit
from inspection.rules import RuleViolation

ANCHOR = "han-thuc-hien"


@bp.post("/recommendations/<int:recommendation_id>/extensions")
@roles_required(Role.UNIT_OFFICER)
def request_extension(recommendation_id: int):
    recommendation = get_recommendation(recommendation_id, need=Need.ANSWER)
    form = ExtensionRequestForm(prefix="ext")
    if not form.validate_on_submit():
        return refused(form, recommendation, anchor=ANCHOR)
    try:
        change = commit_or_refuse(lambda: services.request_extension(
            current_user, recommendation, share_unit(recommendation, form.unit_id.data), form.requested_due.data,
            form.reason.data), form=form, shown_at=back_here)
    except RuleViolation as violation:
        return refused(form, recommendation, violation, anchor=ANCHOR)
    return done(recommendation, _("Đã gửi đề nghị gia hạn đến %(day)s; đang chờ quyết định.",
                                  day=change.requested_due.strftime("%d/%m/%Y")), anchor=ANCHOR)


def _subject(change_id: int, need: Need) -> Subject:
    change = get_due_date_change(change_id, need=need)
    return Subject({"day": change.requested_due.strftime("%d/%m/%Y"), "number": change.recommendation_id},
                   url_for("findings.recommendation", recommendation_id=change.recommendation_id, _anchor=ANCHOR))


@bp.post("/extensions/<int:change_id>/decision")
@login_required
@confirm_first(Question(_l("Ghi quyết định về đề nghị gia hạn đến %(day)s (kiến nghị số %(number)s)?"),
                        _l("Chấp thuận hay không chấp thuận đều là quyết định cuối cùng về đề nghị này: không sửa, "
                           "không rút lại được; đơn vị được thông báo ngay."), _l("Ghi quyết định")),
               lambda change_id: _subject(change_id, Need.DECIDE))
def decide_extension(change_id: int):
    change = get_due_date_change(change_id, need=Need.DECIDE)
    form = DecisionForm(prefix=f"dec{change.id}")
    if not form.validate_on_submit():
        return refused(form, change.recommendation, anchor=ANCHOR)
    try:
        commit_or_refuse(lambda: services.decide_extension(
            current_user, change, form.decision.data == "approve", form.note.data, granted_due=form.granted_due.data))
    except RuleViolation as violation:
        return refused(form, change.recommendation, violation, anchor=ANCHOR)
    message = (_("Đã chấp thuận gia hạn đến %(day)s.", day=change.granted_due.strftime("%d/%m/%Y"))
               if change.granted_due else _("Đã ghi nhận không chấp thuận đề nghị gia hạn."))
    return done(change.recommendation, message, anchor=ANCHOR)


@bp.post("/extensions/<int:change_id>/withdraw")
@roles_required(Role.UNIT_OFFICER)
@confirm_first(Question(_l("Rút đề nghị gia hạn đến %(day)s (kiến nghị số %(number)s)?"),
                        _l("Đề nghị đã rút không gửi lại được; muốn gia hạn phải gửi một đề nghị mới."),
                        _l("Rút đề nghị")), lambda change_id: _subject(change_id, Need.ANSWER))
def withdraw_extension(change_id: int):
    change = get_due_date_change(change_id, need=Need.ANSWER)
    form = ButtonForm(prefix=f"wd{change.id}")
    if not form.validate_on_submit():
        return refused(form, change.recommendation, anchor=ANCHOR)
    try:
        commit_or_refuse(lambda: services.withdraw_extension(current_user, change))
    except RuleViolation as violation:
        return refused(form, change.recommendation, violation, anchor=ANCHOR)
    return done(change.recommendation, _("Đã rút đề nghị gia hạn."), anchor=ANCHOR)
