"""Inspection plans (kế hoạch kiểm tra): list by year, creation, editing, and a plan with its missions.
Plans are internal planning documents: the council, admins and inspectors work with them."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from inspection import audit
from inspection.access import Need, load
from inspection.forms_util import stale
from inspection.missions import queries, services
from inspection.missions.access import MISSION_WORKERS
from inspection.missions.blueprint import bp, save
from inspection.missions.forms import PlanForm
from inspection.missions.models import InspectionPlan
from inspection.params import arg_year
from inspection.permissions import roles_required
from inspection.timeutil import today_vn


def get_plan(plan_id: int, need: Need = Need.VIEW, options=()) -> InspectionPlan:
    """The plan, or 404; 403 unless the user works on missions (plans are the council's and inspectors')."""
    return load(InspectionPlan, plan_id, need, options=options)


@bp.route("/plans/")
@roles_required(*MISSION_WORKERS)
def plans():
    years = queries.plan_years()
    year = arg_year() or (years[0] if years else today_vn().year)
    return render_template("missions/plans.html", rows=queries.plans_of_year(year), year=year, years=years)


@bp.route("/plans/new", methods=["GET", "POST"])
@roles_required(*MISSION_WORKERS)
def plan_new():
    form = PlanForm(year=today_vn().year)
    if form.validate_on_submit():
        saved, plan = save(form, lambda: services.create_plan(current_user, _details(form)),
                           shown_at=lambda created: url_for("missions.plan", plan_id=created.id))
        if saved:
            flash(_("Đã thêm kế hoạch “%(title)s”.", title=plan.title), "success")
            return redirect(url_for("missions.plan", plan_id=plan.id))
    return render_template("missions/plan_form.html", form=form, plan=None)


@bp.route("/plans/<int:plan_id>")
@roles_required(*MISSION_WORKERS)
def plan(plan_id: int):
    plan = get_plan(plan_id, options=queries.PLAN_OPTIONS)
    return render_template("missions/plan.html", plan=plan, history=audit.history_of(plan))


@bp.route("/plans/<int:plan_id>/edit", methods=["GET", "POST"])
@roles_required(*MISSION_WORKERS)
def plan_edit(plan_id: int):
    plan = get_plan(plan_id, need=Need.EDIT)
    form = PlanForm(obj=plan, unit_codes=plan.units)
    if form.validate_on_submit():
        saved, _plan = save(form, lambda: services.update_plan(current_user, plan, _details(form), form.version.data))
        if saved:
            flash(_("Đã lưu kế hoạch."), "success")
            return redirect(url_for("missions.plan", plan_id=plan.id))
    conflict = stale(form, plan)
    return render_template("missions/plan_form.html", form=form, plan=plan, conflict=conflict), 409 if conflict else 200


def _details(form: PlanForm) -> services.PlanDetails:
    return services.PlanDetails(year=form.year.data, title=form.title.data or "", ref=form.ref.data,
                                issued_on=form.issued_on.data, content_areas=form.content_areas.data,
                                units=form.unit_codes.data or [])
