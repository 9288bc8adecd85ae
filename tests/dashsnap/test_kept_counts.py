"""The kept counts after the demo's loaders, `flask dashboard rebuild`, the daily job, and on the page."""

from datetime import timedelta

from sqlalchemy import func, select

from inspection.auth.models import Role, User
from inspection.dashboard import queries
from inspection.dashboard.counting import rebuild, state
from inspection.dashboard.jobs import move_counts_to_today
from inspection.dashboard.models import DashboardCount, DashboardState
from inspection.dashboard.scope import Scope
from inspection.dashboard.views import build_dashboard, direct_dashboard
from inspection.extensions import db
from inspection.jobs.registry import periodic_tasks
from inspection.timeutil import today_vn
from tests.dashsnap.figures import figures
from tests.factories import make_unit, make_user
from tests.findings.builders import make_finding, make_mission, make_recommendation

GENERATE = ["demo", "generate", "--scale", "0.004", "--seed", "7", "--as-of", "30/11/2026"]


def _council() -> User:
    return db.session.scalars(select(User).where(User.role.in_([Role.COUNCIL, Role.ADMIN]))).first()


def _assert_kept_equals_direct(user) -> None:
    scope = Scope.of(user, {}, today_vn())
    years = queries.group_years()
    assert state(db.session.connection()) is not None
    year = queries.group_year(scope, years, None)
    assert figures(build_dashboard(scope)) == figures(direct_dashboard(scope, year, years))


def test_demo_load_leaves_the_counts_right(app, runner):
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    _assert_kept_equals_direct(_council())


def test_demo_generate_leaves_the_counts_right(app, runner):
    result = runner.invoke(args=GENERATE)
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(func.count()).select_from(DashboardCount)) > 0
    _assert_kept_equals_direct(_council())


def test_rebuild_command_counts_what_was_written_behind_the_portal(app, runner):
    council = make_user(Role.COUNCIL)
    unit = make_unit()
    finding = make_finding(make_mission([unit]))
    today = today_vn()
    make_recommendation(finding, [unit], issued_on=today - timedelta(days=100), due=today - timedelta(days=40))
    db.session.commit()  # no counts yet: the page counts directly
    assert build_dashboard(Scope.of(council, {}, today)).totals.overdue.value == 1
    result = runner.invoke(args=["dashboard", "rebuild"])
    assert result.exit_code == 0 and "1 kiến nghị" in result.output
    row = db.session.get(DashboardCount, ("total", 0, 0, 0, 0, 0))
    assert (row.n, row.d31) == (1, 1)
    _assert_kept_equals_direct(council)


def test_daily_job_moves_the_aging_buckets_to_today(app):
    assert "dashboard_rebase" in periodic_tasks()
    council, unit = make_user(Role.COUNCIL), make_unit()
    today = today_vn()
    make_recommendation(make_finding(make_mission([unit])), [unit], issued_on=today - timedelta(days=60),
                        due=today - timedelta(days=31))
    rebuild(db.session.connection(), today - timedelta(days=2))  # counted two days ago: 29 days overdue then
    assert db.session.get(DashboardCount, ("total", 0, 0, 0, 0, 0)).d1 == 1
    _assert_kept_equals_direct(council)  # read before the job: corrected on the fly (31–60 today)
    assert move_counts_to_today() == 1
    db.session.commit()
    assert db.session.get(DashboardState, 1).as_of == today
    row = db.session.get(DashboardCount, ("total", 0, 0, 0, 0, 0))
    assert (row.d1, row.d31) == (0, 1)
    _assert_kept_equals_direct(council)


def test_page_reads_the_counts_and_states_their_time(app, login):
    """The council's page shows what the counts hold (a count written by hand here, 1.234, not the one
    recommendation there is), with the time of its figures; a filtered page counts directly."""
    council, unit = make_user(Role.COUNCIL), make_unit(code="KC")
    today = today_vn()
    make_recommendation(make_finding(make_mission([unit])), [unit], issued_on=today - timedelta(days=10),
                        due=today - timedelta(days=5))
    rebuild(db.session.connection(), today)
    db.session.get(DashboardCount, ("total", 0, 0, 0, 0, 0)).n = 1234
    db.session.commit()
    client = login(council)
    page = client.get("/dashboard/").get_data(as_text=True)
    assert 'verified=open" data-count="1234">1.234</a>' in page
    assert "Số liệu tính lúc" in page and today.strftime("%d/%m/%Y") in page
    since = (today - timedelta(days=20)).strftime("%d/%m/%Y")
    filtered = client.get(f"/dashboard/?issued_from={since}").get_data(as_text=True)
    assert ">1.234</a>" not in filtered
    assert f'issued_from={since}&amp;verified=open" data-count="1">1</a>' in filtered

