"""A mission's records: the units' self-reports and the team's working sessions, with their files."""

import os
from datetime import date

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.datastructures import FileStorage

from inspection import audit
from inspection.access import Need
from inspection.downloads import send_download
from inspection.files.models import StoredFile
from inspection.files.services import stored_path
from inspection.forms_util import stale
from inspection.missions import queries, session_services
from inspection.missions.access import (
    MISSION_WORKERS,
    can_edit_mission,
    get_mission,
    get_self_report,
    get_session,
    self_report_units,
)
from inspection.missions.blueprint import bp, file_limits, flash_date_warnings, save
from inspection.missions.forms import SelfReportForm, SessionForm
from inspection.missions.models import Mission, WorkingSession
from inspection.missions.services import names_day
from inspection.permissions import login_required, roles_required
from inspection.units.models import Unit


def _unit_choices(units: list[Unit], day: date | None) -> list[tuple[str, str]]:
    """The mission's units, named as in the period it inspected (`day`, missions.services.names_day)."""
    return [("", _("— Chọn đơn vị —"))] + [(str(unit.id), f"{unit.code} · {unit.name_on(day)}") for unit in units]


def _uploads(field) -> list[FileStorage]:
    """The files sent with the form. An edit form built from a session holds its StoredFiles until
    new files arrive: only real uploads count."""
    return [item for item in field.data or [] if isinstance(item, FileStorage) and item]


def _chosen_unit(units: list[Unit], unit_id: int | None) -> Unit | None:
    return next((unit for unit in units if unit.id == unit_id), None)


# --- self-reports ------------------------------------------------------------------------------

@bp.route("/missions/<int:mission_id>/self-reports/new", methods=["GET", "POST"])
@login_required
def self_report_new(mission_id: int):
    """A team member records a unit's report; a unit officer sends their own unit's report."""
    mission = get_mission(mission_id, need=Need.SELF_REPORT, options=queries.LIST_OPTIONS)
    units = self_report_units(current_user, mission)
    form = SelfReportForm(unit_id=units[0].id if len(units) == 1 else None)
    form.unit_id.choices = _unit_choices(units, names_day(mission))
    if form.validate_on_submit():
        saved, report = save(form, lambda: session_services.add_self_report(
            current_user, mission, unit=_chosen_unit(units, form.unit_id.data), ref=form.ref.data,
            report_date=form.report_date.data, subject=form.subject.data, upload=form.file.data or None,
            limits=file_limits()), shown_at=lambda _report: url_for("missions.workspace", mission_id=mission_id))
        if saved:
            flash(_("Đã ghi nhận báo cáo tự kiểm tra %(ref)s.", ref=report.ref), "success")
            flash_date_warnings(report, mission)
            return redirect(url_for("missions.workspace", mission_id=mission_id))
    return render_template("missions/self_report_form.html", form=form, mission=mission)


@bp.route("/missions/self-reports/<int:report_id>/file")
@login_required
def self_report_file(report_id: int):
    report = get_self_report(report_id)
    if report.file is None:
        abort(404)
    return _download(report.file)


def _download(stored: StoredFile):
    path = stored_path(current_app.config["FILES_FOLDER"], stored)
    if not os.path.exists(path):
        abort(404)
    return send_download(path, stored.original_name, stored.content_type)


# --- working sessions --------------------------------------------------------------------------

@bp.route("/missions/<int:mission_id>/sessions/new", methods=["GET", "POST"])
@roles_required(*MISSION_WORKERS)
def session_new(mission_id: int):
    mission = get_mission(mission_id, need=Need.EDIT, options=queries.LIST_OPTIONS)
    form = SessionForm(unit_id=mission.units[0].id if len(mission.units) == 1 else None)
    form.unit_id.choices = _unit_choices(mission.units, names_day(mission))
    if form.validate_on_submit():
        saved, session = save(form, lambda: session_services.add_session(
            current_user, mission, _details(form, mission), _uploads(form.files), file_limits()),
            shown_at=lambda created: url_for("missions.session", session_id=created.id))
        if saved:
            flash(_("Đã ghi buổi làm việc ngày %(day)s.", day=session.held_on.strftime("%d/%m/%Y")), "success")
            flash_date_warnings(session, mission)
            return redirect(url_for("missions.session", session_id=session.id))
    return render_template("missions/session_form.html", form=form, mission=mission, session=None)


@bp.route("/missions/sessions/<int:session_id>")
@login_required
def session(session_id: int):
    session = get_session(session_id, options=queries.SESSION_OPTIONS)
    return render_template("missions/session.html", session=session, mission=session.mission,
                           can_edit=can_edit_mission(current_user, session.mission),
                           history=audit.history_of(session))


@bp.route("/missions/sessions/<int:session_id>/edit", methods=["GET", "POST"])
@roles_required(*MISSION_WORKERS)
def session_edit(session_id: int):
    session = get_session(session_id, need=Need.EDIT, options=queries.SESSION_OPTIONS)
    mission = session.mission
    form = SessionForm(obj=session)
    form.unit_id.choices = _unit_choices(mission.units, names_day(mission))
    if form.validate_on_submit():
        saved, _session = save(form, lambda: session_services.update_session(
            current_user, session, _details(form, mission), _uploads(form.files), file_limits(),
            version=form.version.data))
        if saved:
            flash(_("Đã lưu buổi làm việc."), "success")
            flash_date_warnings(session, mission)
            return redirect(url_for("missions.session", session_id=session_id))
    conflict = stale(form, session)
    return render_template("missions/session_form.html", form=form, mission=mission, session=session,
                           conflict=conflict), 409 if conflict else 200


def _details(form: SessionForm, mission: Mission) -> session_services.SessionDetails:
    return session_services.SessionDetails(
        held_on=form.held_on.data, unit=_chosen_unit(mission.units, form.unit_id.data), place=form.place.data,
        team_participants=form.team_participants.data, unit_participants=form.unit_participants.data,
        content=form.content.data, minutes_ref=form.minutes_ref.data, minutes_date=form.minutes_date.data)


@bp.route("/missions/sessions/<int:session_id>/files/<int:file_id>")
@login_required
def session_file(session_id: int, file_id: int):
    session: WorkingSession = get_session(session_id)
    stored = next((item for item in session.files if item.id == file_id), None)
    if stored is None:
        abort(404)
    return _download(stored)

