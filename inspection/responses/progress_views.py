"""The unit's progress on its share of a recommendation, and its follow-up actions."""

from flask import abort, request
from flask_babel import gettext as _
from flask_login import current_user

from inspection.access import Need
from inspection.auth.models import Role
from inspection.findings.access import get_recommendation
from inspection.findings.models import UnitStatus
from inspection.forms_util import commit_or_refuse
from inspection.missions.access import MISSION_WORKERS
from inspection.params import whole_number
from inspection.permissions import roles_required
from inspection.responses import services
from inspection.responses.access import get_follow_up_action
from inspection.responses.blueprint import back_here, bp, done, refused
from inspection.responses.forms import ActionForm, NewActionForm, ProgressForm, ReturnForm
from inspection.responses.queries import next_status_choices, share_of
from inspection.rules import RuleViolation


@bp.post("/recommendations/<int:recommendation_id>/progress")
@roles_required(Role.UNIT_OFFICER)
def report_progress(recommendation_id: int):
    recommendation = get_recommendation(recommendation_id, need=Need.ANSWER)
    share = share_of(recommendation, whole_number(request.form.get("responsibility_id"))) or abort(404)
    form = ProgressForm(prefix=f"pr{share.id}")
    form.status.choices = next_status_choices(share)
    if not form.validate_on_submit():
        return refused(form, recommendation, anchor="tien-do")
    try:
        commit_or_refuse(lambda: services.report_progress(current_user, share, UnitStatus(form.status.data),
                                                          form.note.data))
    except RuleViolation as violation:
        return refused(form, recommendation, violation, anchor="tien-do")
    return done(recommendation, _("Đã cập nhật tiến độ của %(unit)s: %(status)s.", unit=share.unit.name,
                                  status=share.status.label), anchor="tien-do")


@bp.post("/recommendations/<int:recommendation_id>/return-report")
@roles_required(*MISSION_WORKERS)
def return_report(recommendation_id: int):
    """The team sends a unit's report of "done" back, saying what is missing."""
    recommendation = get_recommendation(recommendation_id, need=Need.MANAGE)
    share = share_of(recommendation, whole_number(request.form.get("responsibility_id"))) or abort(404)
    form = ReturnForm(prefix=f"rt{share.id}")
    if not form.validate_on_submit():
        return refused(form, recommendation, anchor="tra-lai")
    try:
        commit_or_refuse(lambda: services.return_report(current_user, share, form.note.data))
    except RuleViolation as violation:
        return refused(form, recommendation, violation, anchor="tra-lai")
    return done(recommendation, _("Đã trả lại báo cáo hoàn thành của %(unit)s.", unit=share.unit.name),
                anchor="tra-lai")


@bp.post("/recommendations/<int:recommendation_id>/actions")
@roles_required(Role.UNIT_OFFICER)
def add_action(recommendation_id: int):
    recommendation = get_recommendation(recommendation_id, need=Need.ANSWER)
    form = NewActionForm(prefix="act")
    if not form.validate_on_submit():
        return refused(form, recommendation, anchor="tien-do")
    share = share_of(recommendation, form.responsibility_id.data, own_for=current_user)
    try:
        if share is None:
            raise RuleViolation(_("hãy chọn đơn vị của bạn được giao kiến nghị này."), field="responsibility_id")
        commit_or_refuse(lambda: services.add_action(current_user, share, **_action_values(form)), form=form,
                         shown_at=back_here)
    except RuleViolation as violation:
        return refused(form, recommendation, violation, anchor="tien-do")
    return done(recommendation, _("Đã thêm biện pháp khắc phục."), anchor="tien-do")


@bp.post("/recommendations/<int:recommendation_id>/actions/<int:action_id>")
@roles_required(Role.UNIT_OFFICER)
def update_action(recommendation_id: int, action_id: int):
    recommendation = get_recommendation(recommendation_id, need=Need.ANSWER)
    action = get_follow_up_action(recommendation, action_id)
    form = ActionForm(prefix=f"act{action.id}")
    if not form.validate_on_submit():
        return refused(form, recommendation, anchor=f"bien-phap-{action.id}")
    try:
        commit_or_refuse(lambda: services.update_action(current_user, action, **_action_values(form),
                                                        version=form.version.data))
    except RuleViolation as violation:
        return refused(form, recommendation, violation, anchor=f"bien-phap-{action.id}")
    return done(recommendation, _("Đã cập nhật biện pháp khắc phục."), anchor=f"bien-phap-{action.id}")


def _action_values(form: ActionForm) -> dict:
    return {"what": form.what.data, "who": form.who.data, "due": form.due.data, "progress": form.progress.data,
            "note": form.note.data}
