"""The council's dashboard of outstanding recommendations (Tổng quan).

The council and admins see everything; an inspector sees the recommendations of their own missions, and every
link they follow carries my_missions=y. A computed dashboard is reused only until the data changes (cache.py),
and the page says when its figures were computed: stale figures that look current are worse than none."""

from dataclasses import dataclass

from flask import Blueprint, render_template, request, url_for
from flask_login import current_user

from inspection.auth.models import Role
from inspection.council.queries import open_sessions_held_on
from inspection.dashboard import kept, maintenance, queries  # noqa: F401 (maintenance: its listeners)
from inspection.dashboard.cache import cache_key, cached
from inspection.dashboard.charts import aging_labels, chart_data
from inspection.dashboard.cohorts import CohortTable, cohort_table
from inspection.dashboard.forms import DashboardFilterForm
from inspection.dashboard.scope import Row, Scope
from inspection.dashboard.trend import Month, monthly_trend
from inspection.findings.forms import group_choices
from inspection.findings.register_filters import register_args
from inspection.permissions import roles_required
from inspection.timeutil import to_vietnam_time, today_vn

bp = Blueprint("dashboard", __name__)


@dataclass
class Dashboard:
    totals: Row
    by_unit: list[Row]
    group_year: int | None
    group_years: list[int]
    by_group: list[Row]
    by_mission: list[Row]
    by_category: list[Row]
    by_severity: list[Row]
    cohorts: CohortTable
    trend: list[Month]
    base_args: dict[str, str]  # the register's arguments for the dashboard's own filters

    def register_link(self, **extra) -> str:
        """The register with the dashboard's filters and these, for "see them all" links."""
        return url_for("findings.register", **(self.base_args | register_args(extra)))


def build_dashboard(scope: Scope, wanted_year: int | None = None) -> Dashboard:
    """Every figure of the page, in a fixed number of queries; `wanted_year`: whose clusters and blocks. The whole
    backlog's and a province's (kept.counted_scope) are read from the kept counts (kept.py) once they exist."""
    years = queries.group_years()
    year = queries.group_year(scope, years, wanted_year)
    kept_figures = kept.build(scope, year, years)
    if kept_figures is not None:
        return Dashboard(group_year=year, group_years=years, base_args=register_args(scope.filters), **kept_figures)
    return direct_dashboard(scope, year, years)


def direct_dashboard(scope: Scope, year: int | None, years: list[int]) -> Dashboard:
    """Every figure counted from the recommendations themselves: a filtered dashboard, and the reference the
    kept counts are tested against."""
    totals, by_category, by_severity = queries.by_category_and_severity(scope)
    return Dashboard(totals, queries.by_responsible_unit(scope), year, years,
                     queries.by_group(scope, year),
                     queries.by_mission(scope), by_category, by_severity, cohort_table(scope), monthly_trend(scope),
                     register_args(scope.filters))


def dashboard_filters(user, form: DashboardFilterForm) -> dict:
    """The form's filters; an inspector's dashboard is that of their own missions."""
    return own_filters(user, form.filters())


def own_filters(user, filters: dict) -> dict:
    """The filters of this user's dashboard (also the summary report's): an inspector's are their own missions'."""
    if user.role == Role.INSPECTOR:
        filters["my_missions"] = True
    return filters


#: who has a dashboard (and may have its figures as a report)
DASHBOARD_ROLES = (Role.ADMIN, Role.COUNCIL, Role.INSPECTOR)


@bp.route("/dashboard/")
@roles_required(*DASHBOARD_ROLES)
def index():
    form = DashboardFilterForm(formdata=request.args)
    form.group.choices = group_choices(request.args.get("group"))
    form.validate()
    filters, today = dashboard_filters(current_user, form), today_vn()
    year = filters.pop("group_year", None)
    computed = cached(cache_key(current_user, filters, today) + (year,),
                      lambda: build_dashboard(Scope.of(current_user, filters, today), year),
                      refresh=request.args.get("refresh") == "1")
    dashboard = computed.value
    return render_template("dashboard/index.html", form=form, dashboard=dashboard, charts=chart_data(dashboard),
                           meeting_today=open_sessions_held_on(today),
                           computed_at=to_vietnam_time(computed.at), changed_since=computed.changed_since,
                           refresh_url=_refresh_url(), aging_labels=aging_labels(), top=queries.TOP)


def _refresh_url() -> str:
    """This page with the same filters, its figures computed again now."""
    args = {key: values for key, values in request.args.lists() if key != "refresh"}
    return url_for("dashboard.index", **args, refresh="1")
