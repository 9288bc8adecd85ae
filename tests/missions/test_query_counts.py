"""The mission list, the workspace and the session page run the same number of queries whatever the data size."""

from inspection.access import SYSTEM
from inspection.auth.models import Role
from inspection.extensions import db
from inspection.missions import services
from inspection.missions.models import TeamRole
from inspection.missions.session_services import FileLimits, attach_files
from tests.factories import make_unit, make_user
from tests.missions.builders import add_self_report, add_session, make_mission, pdf_upload


def _fill(app, mission, units, count: int) -> None:
    """`count` members, sessions (with a file each) and self-reports on `mission`."""
    limits = FileLimits(folder=app.config["FILES_FOLDER"], max_bytes=1024 * 1024)
    for number in range(count):
        unit = units[number % len(units)]
        services.add_member(SYSTEM, mission, role=TeamRole.MEMBER, user=make_user(Role.INSPECTOR))
        services.add_member(SYSTEM, mission, role=TeamRole.MEMBER, outsider_name=f"Khách mời {number}")
        session = add_session(mission, unit)
        attach_files(SYSTEM, session, [pdf_upload()], limits)
        add_self_report(mission, unit, ref=f"{number + 1}/BC-UBND")  # a number once per mission
    db.session.commit()


def _count(count_queries, client, path: str) -> int:
    with count_queries() as counter:
        response = client.get(path)
    assert response.status_code == 200
    return counter.count


def test_workspace_runs_a_fixed_number_of_queries(app, login, count_queries):
    head = make_user(Role.INSPECTOR)
    few_units, many_units = [make_unit() for _ in range(2)], [make_unit() for _ in range(12)]
    small = make_mission(few_units, head, group=None)
    large = make_mission(many_units, head, group=None)
    _fill(app, small, few_units, 10)
    _fill(app, large, many_units, 60)
    client = login(head)
    assert _count(count_queries, client, f"/missions/{small.id}") == _count(count_queries, client,
                                                                         f"/missions/{large.id}")
    # Ceiling = the page's fixed query budget (measured 16 on SQLite with the one query of the date warnings the
    # team sees, inspection/missions/date_warnings.py; 22 before the units were looked up in the session first)
    assert _count(count_queries, client, f"/missions/{large.id}") <= 17


def test_workspace_for_a_unit_officer_runs_a_fixed_number_of_queries(app, login, count_queries):
    own = make_unit()
    officer = make_user(Role.UNIT_OFFICER, units=[own])
    small, large = make_mission([own]), make_mission([own])
    _fill(app, small, [own], 10)
    _fill(app, large, [own], 60)
    client = login(officer)
    assert _count(count_queries, client, f"/missions/{small.id}") == _count(count_queries, client,
                                                                         f"/missions/{large.id}")
    # Ceiling = the page's fixed query budget (measured 14 on SQLite, plus a small margin; 17 before).
    assert _count(count_queries, client, f"/missions/{large.id}") <= 15


def test_mission_list_runs_a_fixed_number_of_queries(app, login, count_queries):
    head = make_user(Role.INSPECTOR)
    db.session.commit()
    client = login(head)

    def add_missions(count: int) -> None:
        for _ in range(count):
            mission = make_mission([make_unit(), make_unit(), make_unit()], head)
            services.add_member(SYSTEM, mission, role=TeamRole.DEPUTY, user=make_user(Role.INSPECTOR))
        db.session.commit()

    add_missions(3)
    few = _count(count_queries, client, "/missions/")
    add_missions(30)
    assert _count(count_queries, client, "/missions/") == few
    assert _count(count_queries, client, "/missions/?mine=1&year=2017&page=2") == few
    # Ceiling = the page's fixed query budget (measured 8 on SQLite, plus a small margin).
    assert few <= 9


def test_session_page_runs_a_fixed_number_of_queries(app, login, count_queries):
    head = make_user(Role.INSPECTOR)
    units = [make_unit() for _ in range(3)]
    mission = make_mission(units, head)
    session = add_session(mission, units[0])
    db.session.commit()
    client = login(head)
    few = _count(count_queries, client, f"/missions/sessions/{session.id}")
    _fill(app, mission, units, 20)
    attach_files(SYSTEM, session, [pdf_upload() for _ in range(15)],
                 FileLimits(folder=app.config["FILES_FOLDER"], max_bytes=1024 * 1024))
    db.session.commit()
    assert _count(count_queries, client, f"/missions/sessions/{session.id}") == few
    # Ceiling = the page's fixed query budget (measured 9 on SQLite, plus a small margin).
    assert few <= 10


def test_plan_pages_run_a_fixed_number_of_queries(app, login, count_queries):
    head = make_user(Role.INSPECTOR)
    plan = services.create_plan(SYSTEM, services.PlanDetails(year=2017, title="Kế hoạch 2017"))
    db.session.commit()
    client = login(head)

    def add_missions(count: int) -> None:
        for _ in range(count):
            make_mission([make_unit(), make_unit()], head, plan=plan)
        plan.units = plan.units + [make_unit() for _ in range(count)]
        db.session.commit()

    add_missions(2)
    few = (_count(count_queries, client, f"/plans/{plan.id}"), _count(count_queries, client, "/plans/?year=2017"))
    add_missions(25)
    assert (_count(count_queries, client, f"/plans/{plan.id}"),
            _count(count_queries, client, "/plans/?year=2017")) == few
    # Ceiling = the pages' fixed query budget (measured 10 and 4 on SQLite, plus a small margin).
    assert few[0] <= 12 and few[1] <= 4
