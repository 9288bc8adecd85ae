"""Pages for recommendations: issue one on a finding, see it (with the units' follow-up and the
responses panel), edit it, and verify or reopen it."""

from contextlib import suppress

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from inspection import sections
from inspection.access import Need
from inspection.findings import services
from inspection.findings.access import can_manage, get_finding, get_recommendation
from inspection.findings.blueprint import bp
from inspection.findings.forms import EditRecommendationForm, NewRecommendationForm, ReopenForm, VerifyForm
from inspection.findings.models import Recommendation
from inspection.findings.queries import is_overdue, recommendation_history, recommendation_page_options
from inspection.forms_util import apply_rule_violation, commit_or_refuse, overwrite_knowingly
from inspection.missions.access import MISSION_WORKERS
from inspection.missions.blueprint import flash_date_warnings
from inspection.notifications.compose import RECOMMENDATION
from inspection.notifications.services import mark_read_about
from inspection.permissions import login_required, roles_required
from inspection.rules import EditConflict, RuleViolation
from inspection.timeutil import today_vn

REOPEN_PREFIX = "reopen"


@bp.route("/findings/<int:finding_id>/recommendations/new", methods=["GET", "POST"])
@roles_required(*MISSION_WORKERS)
def new_recommendation(finding_id: int):
    finding = get_finding(finding_id, need=Need.MANAGE)
    form = NewRecommendationForm(data={"issued_on": finding.mission.conclusion_date or today_vn(),
                                       "responsible_units": [finding.unit]})
    if form.validate_on_submit():
        try:
            recommendation = commit_or_refuse(lambda: services.create_recommendation(
                current_user, finding, text=form.text.data, issued_on=form.issued_on.data, due=form.due.data,
                responsible_units=form.responsible_units.data, **form.outcomes()), form=form,
                shown_at=lambda created: url_for("findings.recommendation", recommendation_id=created.id))
        except RuleViolation as violation:
            apply_rule_violation(form, violation)
        else:
            flash(_("Đã ban hành kiến nghị."), "success")
            flash_date_warnings(recommendation, finding.mission)
            return redirect(url_for("findings.recommendation", recommendation_id=recommendation.id))
    return render_template("findings/recommendation_form.html", form=form, finding=finding, recommendation=None)


@bp.route("/recommendations/<int:recommendation_id>")
@login_required
def recommendation(recommendation_id: int):
    recommendation = get_recommendation(recommendation_id, options=recommendation_page_options())
    _mark_seen(recommendation)
    return _page(recommendation)


def _mark_seen(recommendation: Recommendation) -> None:
    """Opened, the notices about it are read and the desk stops counting its answers. Reading is not worth
    refusing the page for: a race lost to another tab marking them read leaves the page as it is."""
    with suppress(RuleViolation):
        if mark_read_about(current_user, RECOMMENDATION, recommendation.id):
            commit_or_refuse(lambda: None)  # only when something was read: a commit reloads the page's records


def _page(recommendation: Recommendation, verify_form: VerifyForm | None = None,
          reopen_form: ReopenForm | None = None):
    """The recommendation page; a failed verify or reopen passes its form back with the errors."""
    managing = can_manage(current_user, recommendation)
    if managing and recommendation.is_open:
        verify_form = verify_form or VerifyForm(formdata=None, version=recommendation.version)
    if managing and not recommendation.is_open:
        reopen_form = reopen_form or ReopenForm(formdata=None, prefix=REOPEN_PREFIX, version=recommendation.version)
    today = today_vn()
    context = {"recommendation": recommendation, "finding": recommendation.finding, "today": today,
               "overdue": is_overdue(recommendation, today), "can_manage": managing,
               "verify_form": verify_form if recommendation.is_open else None,
               "reopen_form": reopen_form if not recommendation.is_open else None,
               "history": recommendation_history(recommendation)}
    return render_template("findings/recommendation.html", **context,
                           **sections.context_for(sections.RECOMMENDATION_PAGE, recommendation, current_user))


@bp.route("/recommendations/<int:recommendation_id>/edit", methods=["GET", "POST"])
@roles_required(*MISSION_WORKERS)
def edit_recommendation(recommendation_id: int):
    recommendation = get_recommendation(recommendation_id, need=Need.MANAGE, options=recommendation_page_options())
    form = EditRecommendationForm(data=services.recommendation_values(recommendation))
    if not form.is_submitted():
        form.version.data = recommendation.version  # a submitted form keeps the version it was built from
    conflict = None
    if form.validate_on_submit():
        was_open = recommendation.is_open
        try:
            changed = commit_or_refuse(lambda: services.update_recommendation(
                current_user, recommendation, version=form.version.data, text=form.text.data,
                responsible_units=form.responsible_units.data, **form.outcomes()))
        except EditConflict as stale:
            conflict = overwrite_knowingly(form, stale)
        except RuleViolation as violation:
            apply_rule_violation(form, violation)
        else:
            flash(_saved_message(changed, reopened=changed and not was_open), "success")
            return redirect(url_for("findings.recommendation", recommendation_id=recommendation.id))
    return render_template("findings/recommendation_form.html", form=form, finding=recommendation.finding,
                           recommendation=recommendation, conflict=conflict)


def _saved_message(changed: bool, reopened: bool) -> str:
    if reopened:
        return _("Đã lưu kiến nghị. Kiến nghị đã xác minh nên được mở lại để xác minh lần nữa.")
    return _("Đã lưu kiến nghị.") if changed else _("Không có thay đổi nào để lưu.")


@bp.route("/recommendations/<int:recommendation_id>/verify", methods=["POST"])
@roles_required(*MISSION_WORKERS)
def verify(recommendation_id: int):
    recommendation = get_recommendation(recommendation_id, need=Need.MANAGE, options=recommendation_page_options())
    form = VerifyForm()
    if form.validate_on_submit():
        status, method = form.verdict()
        try:
            commit_or_refuse(lambda: services.verify(current_user, recommendation, status, method, form.note.data,
                                                     version=form.version.data))
        except RuleViolation as violation:
            _refuse(form, violation, recommendation)
        else:
            flash(_("Đã ghi nhận kết quả xác minh: %(status)s.", status=status.label), "success")
            return redirect(url_for("findings.recommendation", recommendation_id=recommendation.id))
    return _page(recommendation, verify_form=form)


@bp.route("/recommendations/<int:recommendation_id>/reopen", methods=["POST"])
@roles_required(*MISSION_WORKERS)
def reopen(recommendation_id: int):
    recommendation = get_recommendation(recommendation_id, need=Need.MANAGE, options=recommendation_page_options())
    form = ReopenForm(prefix=REOPEN_PREFIX)
    if form.validate_on_submit():
        try:
            commit_or_refuse(lambda: services.reopen(current_user, recommendation, form.note.data,
                                                     version=form.version.data))
        except RuleViolation as violation:
            _refuse(form, violation, recommendation)
        else:
            flash(_("Đã mở lại kiến nghị."), "success")
            return redirect(url_for("findings.recommendation", recommendation_id=recommendation.id))
    return _page(recommendation, reopen_form=form)


def _refuse(form, violation: RuleViolation, recommendation: Recommendation) -> None:
    """Beside the field when the form is shown again; as a page message when the page changed under the
    user (someone else verified or reopened it first, so this form is no longer on the page)."""
    if isinstance(violation, EditConflict):
        overwrite_knowingly(form, violation)
    form_still_shown = recommendation.is_open == isinstance(form, VerifyForm)
    if form_still_shown and not isinstance(violation, EditConflict):
        apply_rule_violation(form, violation)
    else:
        flash(violation.message, "danger")
