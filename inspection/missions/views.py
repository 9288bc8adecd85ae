"""Missions (đoàn kiểm tra / giám sát): list, creation, editing, status, team, and the workspace.
Plans and the records of a mission (self-reports, sessions) register on the same blueprint."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from inspection import sections
from inspection.access import Need, visible
from inspection.confirm import Question, Subject, confirm_first
from inspection.dates import parse_vn_date
from inspection.extensions import db
from inspection.forms_util import ButtonForm, stale
from inspection.missions import date_warnings, plan_views, queries, services, session_views
from inspection.missions.access import (
    MISSION_WORKERS,
    can_add_self_report,
    can_edit_mission,
    get_mission,
)
from inspection.missions.blueprint import bp, flash_date_warnings, save
from inspection.missions.forms import EditMissionForm, MemberForm, NewMissionForm, StatusForm
from inspection.missions.models import (
    MISSION_TRANSITIONS,
    InspectionPlan,
    Mission,
    MissionKind,
    MissionMember,
    MissionStatus,
)
from inspection.params import arg_number, arg_year
from inspection.permissions import login_required, roles_required
from inspection.rules import RuleViolation
from inspection.timeutil import today_vn

__all__ = ["bp"]

#: plans and a mission's records have their own modules; importing them registers their routes on bp
ROUTE_MODULES = (plan_views, session_views)

#: the button for each allowed move, in the order the page shows them
TRANSITION_BUTTONS = {
    (MissionStatus.DRAFT, MissionStatus.PLANNED): (_l("Đưa vào kế hoạch"), "primary"),
    (MissionStatus.PLANNED, MissionStatus.IN_PROGRESS): (_l("Bắt đầu kiểm tra"), "primary"),
    (MissionStatus.PLANNED, MissionStatus.DRAFT): (_l("Trả về dự thảo"), "outline-secondary"),
    (MissionStatus.IN_PROGRESS, MissionStatus.CONCLUDED): (_l("Kết luận"), "primary"),
    (MissionStatus.CONCLUDED, MissionStatus.CLOSED): (_l("Kết thúc đoàn kiểm tra"), "primary"),
    (MissionStatus.CONCLUDED, MissionStatus.IN_PROGRESS): (_l("Mở lại để kiểm tra tiếp"), "outline-secondary"),
}


@bp.route("/missions/")
@login_required
def index():
    filters = {"year": arg_year(), "status": request.args.get("status", ""),
               "kind": request.args.get("kind", ""), "mine": request.args.get("mine") == "1"}
    query = queries.mission_list_query(current_user, **filters)
    page = db.paginate(query, per_page=current_app.config["PAGE_SIZE"], max_per_page=200)
    return render_template("missions/index.html", page=page, filters=filters, years=queries.mission_years(current_user),
                           statuses=list(MissionStatus), kinds=list(MissionKind),
                           can_create=current_user.role in MISSION_WORKERS)


@bp.route("/missions/new", methods=["GET", "POST"])
@roles_required(*MISSION_WORKERS)
def new():
    form = NewMissionForm(plan_id=arg_number("plan_id"))
    _set_choices(form, None)
    if form.validate_on_submit():
        saved, mission = save(form, lambda: services.create_mission(current_user, _details(form),
                                                                    form.creator_role.data),
                              shown_at=lambda created: url_for("missions.workspace", mission_id=created.id))
        if saved:
            flash(_("Đã thành lập đoàn “%(title)s”.", title=mission.title), "success")
            flash_date_warnings(mission, mission)
            return redirect(url_for("missions.workspace", mission_id=mission.id))
    return render_template("missions/form.html", form=form, mission=None)


@bp.route("/missions/<int:mission_id>/edit", methods=["GET", "POST"])
@roles_required(*MISSION_WORKERS)
def edit(mission_id: int):
    mission = get_mission(mission_id, need=Need.EDIT, options=queries.LIST_OPTIONS)
    form = EditMissionForm(obj=mission, unit_codes=mission.units, issuing_unit_code=mission.issuing_unit)
    _set_choices(form, mission)
    if form.validate_on_submit():
        saved, _mission = save(form, lambda: services.update_mission(current_user, mission, _details(form),
                                                                     form.version.data))
        if saved:
            flash(_("Đã lưu thông tin đoàn."), "success")
            flash_date_warnings(mission, mission)
            return redirect(url_for("missions.workspace", mission_id=mission.id))
    conflict = stale(form, mission, CONFLICT_FIELDS)
    return (render_template("missions/form.html", form=form, mission=mission, conflict=conflict),
            409 if conflict else 200)


def _set_choices(form, mission: Mission | None) -> None:
    form.plan_id.choices = queries.plan_choices()
    form.group_id.choices = queries.group_choices(_group_years(form, mission))


def _group_years(form, mission: Mission | None) -> set[int]:
    """The select offers this year's and last year's clusters and blocks, and those of the mission's
    year (as stored, or as typed in the form being submitted); other years are reached by name."""
    today = today_vn()
    years = {today.year, today.year - 1}
    stored = mission and (mission.planned_start or mission.decision_date or mission.period_to)
    typed = next(filter(None, (_typed_date(form[name]) for name in ("planned_start", "decision_date", "period_to"))),
                 None)
    return years | {day.year for day in (stored, typed) if day}


def _typed_date(field):
    try:
        return parse_vn_date(field.raw_data[0]) if field.raw_data and field.raw_data[0].strip() else None
    except ValueError:
        return None


def _details(form) -> services.MissionDetails:
    """What the form says, with linked records looked up (a group may be given by name)."""
    day = form.planned_start.data or form.decision_date.data or form.period_to.data
    group = queries.resolve_group(form.group_id.data, form.group_name.data, day.year if day else None)
    plan = db.session.get(InspectionPlan, form.plan_id.data) if form.plan_id.data else None
    return services.MissionDetails(
        kind=form.kind.data, title=form.title.data or "", units=form.unit_codes.data or [], plan=plan,
        decision_ref=form.decision_ref.data, decision_date=form.decision_date.data,
        issuing_body=form.issuing_body.data, issuing_unit=form.issuing_unit_code.data, group=group,
        period_from=form.period_from.data, period_to=form.period_to.data,
        planned_start=form.planned_start.data, planned_end=form.planned_end.data)


CONFLICT_FIELDS = {"plan": "plan_id", "issuing_unit": "issuing_unit_code", "group": "group_id",
                   "units": "unit_codes"}


@bp.route("/missions/<int:mission_id>")
@login_required
def workspace(mission_id: int):
    mission = queries.attach_units(get_mission(mission_id, options=queries.WORKSPACE_OPTIONS))
    # a reopened mission concluded again starts from the notice it had
    status_form = StatusForm(conclusion_ref=mission.conclusion_ref, conclusion_date=mission.conclusion_date)
    return render_template("missions/workspace.html", **workspace_context(mission, status_form))


def workspace_context(mission: Mission, status_form: StatusForm) -> dict:
    # each self-report and session belongs to its unit: a unit officer sees only their units' records
    self_reports, sessions = visible(current_user, mission.self_reports), visible(current_user, mission.sessions)
    can_edit = can_edit_mission(current_user, mission)
    context = {
        "self_reports": self_reports, "sessions": sessions,
        "mission": mission, "group": queries.group_of(mission),
        "can_edit": can_edit,
        # the team's checks: a unit officer sees only their own records, so not the mission's warnings
        "date_warnings": date_warnings.for_mission(mission) if can_edit else [],
        "can_report": can_add_self_report(current_user, mission),
        "transitions": _transition_buttons(mission), "status_form": status_form, "action_form": ButtonForm(),
        "history": queries.mission_history(mission, self_reports, sessions),
    }
    return context | sections.context_for(sections.MISSION_PAGE, mission, current_user)


def _transition_buttons(mission: Mission) -> list[tuple[MissionStatus, str, str]]:
    return [(target, str(label), style) for (source, target), (label, style) in TRANSITION_BUTTONS.items()
            if source == mission.status and MISSION_TRANSITIONS.can(source, target)]


def _mission_subject(mission_id: int) -> Subject:
    mission = get_mission(mission_id, need=Need.EDIT)
    return Subject({"title": mission.title}, url_for("missions.workspace", mission_id=mission.id))


@bp.route("/missions/<int:mission_id>/status", methods=["POST"])
@roles_required(*MISSION_WORKERS)
@confirm_first(Question(_l("Kết thúc đoàn kiểm tra “%(title)s”?"),
                        _l("Kết thúc là bước cuối cùng: đoàn đã kết thúc không mở lại được."),
                        _l("Kết thúc đoàn kiểm tra")),
               _mission_subject, when=lambda form: form.get("target") == MissionStatus.CLOSED.value)
def change_status(mission_id: int):
    mission = get_mission(mission_id, need=Need.EDIT)
    form = StatusForm()
    form.violation = None
    if form.validate_on_submit():
        target = form.target_status()
        saved, _mission = save(form, lambda: _move(mission, target, form))
        if saved:
            flash(_("Đoàn chuyển sang trạng thái “%(status)s”.", status=target.label), "success")
            return redirect(url_for("missions.workspace", mission_id=mission.id))
    if not (form.conclusion_ref.errors or form.conclusion_date.errors or form.violation):
        flash(_("Không thực hiện được: biểu mẫu không hợp lệ hoặc đã hết hạn. Hãy tải lại trang rồi thử lại."),
              "danger")
    mission = queries.attach_units(get_mission(mission_id, options=queries.WORKSPACE_OPTIONS))
    return render_template("missions/workspace.html", **workspace_context(mission, form)), 400


def _move(mission: Mission, target: MissionStatus | None, form: StatusForm) -> Mission:
    if target is None:
        raise RuleViolation(_("Trạng thái không hợp lệ."))
    return services.change_status(current_user, mission, target, conclusion_ref=form.conclusion_ref.data,
                                  conclusion_date=form.conclusion_date.data)


@bp.route("/missions/<int:mission_id>/members", methods=["GET", "POST"])
@roles_required(*MISSION_WORKERS)
def members(mission_id: int):
    mission = get_mission(mission_id, need=Need.EDIT, options=queries.LIST_OPTIONS)
    form = MemberForm()
    if form.validate_on_submit():
        saved, member = save(form, lambda: _add_member(mission, form),
                             shown_at=lambda _member: url_for("missions.members", mission_id=mission.id))
        if saved:
            flash(_("Đã thêm %(name)s vào đoàn.", name=member.display_name), "success")
            return redirect(url_for("missions.members", mission_id=mission.id))
    return render_template("missions/members.html", mission=mission, form=form, action_form=ButtonForm())


def _add_member(mission: Mission, form: MemberForm) -> MissionMember:
    user = None
    if (form.username.data or "").strip():
        user = queries.user_by_username(form.username.data)
        if user is None:
            raise RuleViolation(_("Không có tài khoản “%(username)s”.", username=form.username.data.strip()),
                                field="username")
    return services.add_member(current_user, mission, role=form.role.data, user=user,
                               outsider_name=form.outsider_name.data, position=form.position.data)


def _member_subject(mission_id: int, member_id: int) -> Subject | None:
    """None when the member already left: the view says so (a second click, or someone was quicker)."""
    mission = get_mission(mission_id, need=Need.EDIT, options=queries.LIST_OPTIONS)
    member = next((member for member in mission.members if member.id == member_id), None)
    if member is None:
        return None
    return Subject({"name": member.display_name, "title": mission.title},
                   url_for("missions.members", mission_id=mission.id))


@bp.route("/missions/<int:mission_id>/members/<int:member_id>/remove", methods=["POST"])
@roles_required(*MISSION_WORKERS)
@confirm_first(Question(_l("Bỏ %(name)s khỏi đoàn “%(title)s”?"),
                        _l("Người này không còn trong thành phần đoàn; việc bỏ được ghi vào nhật ký của đoàn."),
                        _l("Bỏ khỏi đoàn")), _member_subject)
def remove_member(mission_id: int, member_id: int):
    mission = get_mission(mission_id, need=Need.EDIT, options=queries.LIST_OPTIONS)
    member = next((member for member in mission.members if member.id == member_id), None)
    form = ButtonForm()
    if member is None:
        flash(_("Người này không còn trong đoàn."), "warning")
    elif not form.validate_on_submit():
        flash(_("Không thực hiện được: biểu mẫu đã hết hạn. Hãy tải lại trang rồi thử lại."), "danger")
    else:
        name = member.display_name
        saved, _result = save(form, lambda: services.remove_member(current_user, mission, member))
        if saved:
            flash(_("Đã bỏ %(name)s khỏi đoàn.", name=name), "success")
    return redirect(url_for("missions.members", mission_id=mission_id))
