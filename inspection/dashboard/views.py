"""The council's dashboard of outstanding recommendations (Tổng quan).

The council and admins see everything; an inspector sees the recommendations of their own missions, and every
link they follow carries my_missions=y. Figures are computed on each request (never cached), and the page says
when: a stale dashboard is worse than none."""

from dataclasses import dataclass

from flask import Blueprint, render_template, request
from flask_login import current_user

from inspection.auth.models import Role
from inspection.dashboard import queries
from inspection.dashboard.charts import aging_labels, chart_data
from inspection.dashboard.cohorts import CohortTable, cohort_table
from inspection.dashboard.forms import DashboardFilterForm
from inspection.dashboard.scope import OPEN, Row, Scope
from inspection.dashboard.trend import Month, monthly_trend
from inspection.permissions import roles_required
from inspection.timeutil import to_vietnam_time, today_vn, utcnow

bp = Blueprint("dashboard", __name__)


@dataclass
class Dashboard:
    totals: Row
    by_unit: list[Row]
    group_year: int | None
    by_group: list[Row]
    by_mission: list[Row]
    by_category: list[Row]
    by_severity: list[Row]
    cohorts: CohortTable
    trend: list[Month]
    scope: Scope

    def register_link(self, **extra) -> str:
        """The register with the dashboard's filters (and these), for "see them all" links."""
        return self.scope.cell(0, extra or OPEN).href


def build_dashboard(scope: Scope) -> Dashboard:
    """Every figure of the page, in a fixed number of queries."""
    year = queries.group_year(scope)
    return Dashboard(queries.totals(scope), queries.by_responsible_unit(scope), year, queries.by_group(scope, year),
                     queries.by_mission(scope), queries.by_category(scope), queries.by_severity(scope),
                     cohort_table(scope), monthly_trend(scope), scope)


def dashboard_filters(user, form: DashboardFilterForm) -> dict:
    """The form's filters; an inspector's dashboard is that of their own missions."""
    filters = form.filters()
    if user.role == Role.INSPECTOR:
        filters["my_missions"] = True
    return filters


@bp.route("/dashboard/")
@roles_required(Role.ADMIN, Role.COUNCIL, Role.INSPECTOR)
def index():
    form = DashboardFilterForm(formdata=request.args)
    form.validate()
    scope = Scope.of(current_user, dashboard_filters(current_user, form), today_vn())
    dashboard = build_dashboard(scope)
    return render_template("dashboard/index.html", form=form, dashboard=dashboard, charts=chart_data(dashboard),
                           computed_at=to_vietnam_time(utcnow()), aging_labels=aging_labels(), top=queries.TOP)
