"""Pages for findings: record one in a mission, see it with its recommendations, edit it."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from inspection import audit, sections
from inspection.access import Need
from inspection.findings import services
from inspection.findings.access import get_finding, sees_recommendation
from inspection.findings.blueprint import bp
from inspection.findings.forms import EditFindingForm, FindingForm
from inspection.findings.models import Finding
from inspection.findings.queries import finding_page_options
from inspection.forms_util import apply_rule_violation, commit_or_refuse, overwrite_knowingly
from inspection.missions.access import MISSION_WORKERS, can_edit_mission, get_mission
from inspection.missions.models import Mission
from inspection.missions.services import names_day
from inspection.permissions import login_required, roles_required
from inspection.rules import EditConflict, RuleViolation
from inspection.timeutil import today_vn
from inspection.units.models import Unit
from inspection.units.scope import visible_unit_ids


def _mission_places():
    """Loader options for the mission's units and working sessions (the form's choices)."""
    return [selectinload(Mission.units).selectinload(Unit.names), selectinload(Mission.sessions),
            selectinload(Mission.members)]


def _offer_places(form: FindingForm, mission: Mission) -> None:
    day = names_day(mission)  # the units as named in the period inspected
    form.unit.choices = [(str(unit.id), f"{unit.name_on(day)} ({unit.code})") for unit in mission.units]
    form.working_session.choices = [("", _("— Không gắn với buổi làm việc nào —"))] + [
        (str(session.id), f"{session.held_on:%d/%m/%Y}" + (f" – {session.place}" if session.place else ""))
        for session in mission.sessions]


def _finding_input(form: FindingForm, mission: Mission) -> dict:
    units = {str(unit.id): unit for unit in mission.units}
    sessions = {str(session.id): session for session in mission.sessions}
    return {"unit": units.get(form.unit.data), "working_session": sessions.get(form.working_session.data),
            "kind": form.kind.data, "category": form.category.data, "severity": form.severity.data,
            "title": form.title.data, "description": form.description.data or None,
            "figures": form.figures.data or None}


@bp.route("/findings/new/<int:mission_id>", methods=["GET", "POST"])
@roles_required(*MISSION_WORKERS)
def new_finding(mission_id: int):
    mission = get_mission(mission_id, need=Need.EDIT, options=_mission_places())
    form = FindingForm()
    _offer_places(form, mission)
    if form.validate_on_submit():
        try:
            finding = commit_or_refuse(
                lambda: services.create_finding(current_user, mission, **_finding_input(form, mission)), form=form,
                shown_at=lambda created: url_for("findings.finding", finding_id=created.id))
        except RuleViolation as violation:
            apply_rule_violation(form, violation)
        else:
            flash(_("Đã ghi nhận kết quả kiểm tra “%(title)s”.", title=finding.title), "success")
            return redirect(url_for("findings.finding", finding_id=finding.id))
    return render_template("findings/finding_form.html", form=form, mission=mission, finding=None)


@bp.route("/findings/<int:finding_id>")
@login_required
def finding(finding_id: int):
    found = get_finding(finding_id, options=finding_page_options())
    visible = visible_unit_ids(current_user)
    return render_template(
        "findings/finding.html", finding=found, mission=found.mission, today=today_vn(),
        recommendations=[rec for rec in found.recommendations if sees_recommendation(visible, rec)],
        can_manage=can_edit_mission(current_user, found.mission), history=audit.history_of(found),
        **sections.context_for(sections.FINDING_PAGE, found, current_user))


def _form_data(finding: Finding) -> dict:
    return {"unit": str(finding.unit_id), "working_session": str(finding.session_id or ""),
            "kind": finding.kind, "category": finding.category, "severity": finding.severity,
            "title": finding.title, "description": finding.description, "figures": finding.figures}


@bp.route("/findings/<int:finding_id>/edit", methods=["GET", "POST"])
@roles_required(*MISSION_WORKERS)
def edit_finding(finding_id: int):
    found = get_finding(finding_id, need=Need.MANAGE)
    mission = get_mission(found.mission_id, need=Need.EDIT, options=_mission_places())
    form = EditFindingForm(data=_form_data(found))
    if not form.is_submitted():
        form.version.data = found.version  # a submitted form keeps the version it was built from
    _offer_places(form, mission)
    conflict = None
    if form.validate_on_submit():
        try:
            changed = commit_or_refuse(lambda: services.update_finding(
                current_user, found, version=form.version.data, **_finding_input(form, mission)))
        except EditConflict as stale:
            conflict = overwrite_knowingly(form, stale)
        except RuleViolation as violation:
            apply_rule_violation(form, violation)
        else:
            flash(_("Đã lưu kết quả kiểm tra.") if changed else _("Không có thay đổi nào để lưu."), "success")
            return redirect(url_for("findings.finding", finding_id=found.id))
    return render_template("findings/finding_form.html", form=form, mission=mission, finding=found,
                           conflict=conflict)
