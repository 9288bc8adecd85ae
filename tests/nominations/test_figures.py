"""The figures a self-report printed: read as printed, entered in a form shaped like the report, audited, and
editable only by the mission's members and the reporting unit's officer."""

import html
from dataclasses import dataclass
from decimal import Decimal

import pytest
from sqlalchemy import select

from inspection.audit import AuditEntry
from inspection.auth.models import Role, User
from inspection.extensions import db
from inspection.missions.models import MissionStatus, SelfReport
from inspection.nominations.figures import form_keys, parse_printed
from inspection.nominations.models import ReportedFigure
from inspection.units.models import Unit, UnitKind
from tests.factories import make_unit, make_user
from tests.missions.builders import add_self_report, make_mission


@dataclass
class World:
    province: Unit
    district: Unit
    inspector: User  # a member of the mission
    officer: User  # the reporting unit's officer
    report: SelfReport


def make_world() -> World:
    province = make_unit("UBND tỉnh Thử", code="TINH", kind=UnitKind.PROVINCE)
    district = make_unit("UBND huyện Thử", code="TINH-H1", kind=UnitKind.DISTRICT, parent=province)
    inspector = make_user(Role.INSPECTOR)
    mission = make_mission([province], inspector, status=MissionStatus.IN_PROGRESS)
    report = add_self_report(mission, province)
    officer = make_user(Role.UNIT_OFFICER, units=[province])
    db.session.commit()
    return World(province, district, inspector, officer, report)


@pytest.fixture
def world(app, catalogue) -> World:
    return make_world()


def url(world: World) -> str:
    return f"/nominations/self-reports/{world.report.id}/figures"


def stored(world: World) -> dict[str, tuple[Decimal, str]]:
    query = select(ReportedFigure).where(ReportedFigure.self_report_id == world.report.id)
    return {figure.key: (figure.value, figure.as_printed) for figure in db.session.scalars(query)}


def form_data(**figures) -> dict:
    """The form as the page sends it: the figures and the report's version the page was drawn with (the
    test's one report, read now)."""
    db.session.expire_all()
    version = db.session.scalar(select(SelfReport.version))
    return {key.replace(".", "__"): value for key, value in figures.items()} | {"version": str(version)}


@pytest.mark.parametrize(("key", "text", "value", "places"), [
    ("provincial.total", "5.549", Decimal(5549), None), ("state.submitted", "333", Decimal(333), None),
    ("bk.foreign", "04", Decimal(4), None), ("provincial.total", "5 549", Decimal(5549), None),
    ("provincial.total", "5,549", Decimal(5549), None), ("provincial.total", "12.345.678", Decimal(12345678), None),
    ("provincial.non_leader_share", "57.86%", Decimal("57.86"), 2),
    ("provincial.non_leader_share", "57,86 %", Decimal("57.86"), 2),
    ("provincial.non_leader_share", "58%", Decimal(58), 0),
])
def test_figures_are_read_as_printed(app, key, text, value, places):
    printed = parse_printed(key, text)
    assert (printed.value, printed.text, printed.places) == (value, text, places)


@pytest.mark.parametrize(("key", "text"), [
    ("provincial.total", "5,5,49"), ("provincial.total", "abc"), ("provincial.total", "5.54"),
    ("provincial.total", "57,86%"), ("provincial.non_leader_share", "1.973"),
    ("provincial.non_leader_share", "157%"), ("provincial.non_leader_share", "57,8,6%"),
])
def test_unreadable_figures_are_refused(app, key, text):
    with pytest.raises(ValueError, match=text.replace(".", r"\.")):
        parse_printed(key, text)


def test_a_member_enters_the_figures_as_printed_and_the_change_is_audited(world, login):
    client = login(world.inspector)
    page = client.get(url(world)).get_data(as_text=True)
    assert "Khen thưởng cấp tỉnh – Cá nhân không là lãnh đạo, quản lý" in page
    assert page.count('type="text"') == len(form_keys())
    response = client.post(url(world), data=form_data(**{
        "provincial.total": "5.549", "provincial.individuals": "3.408", "provincial.non_leaders": "1.973",
        "provincial.non_leader_share": "57.86%"}))
    assert response.status_code == 302 and response.headers["Location"].endswith(
        f"/nominations/self-reports/{world.report.id}/reconcile")
    assert stored(world) == {"provincial.total": (Decimal(5549), "5.549"),
                             "provincial.individuals": (Decimal(3408), "3.408"),
                             "provincial.non_leaders": (Decimal(1973), "1.973"),
                             "provincial.non_leader_share": (Decimal("57.86"), "57.86%")}
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "self_report.figures"))
    assert entry.actor_id == world.inspector.id and entry.target_id == world.report.id
    assert entry.after["Tỷ lệ cá nhân không là lãnh đạo, quản lý"] == "57.86%"
    page = client.get(url(world)).get_data(as_text=True)
    assert 'value="57.86%"' in page and "Cập nhật số liệu báo cáo 280/BC-UBND (4 mục)" in page


def test_blanking_a_figure_removes_it_and_an_unchanged_form_changes_nothing(world, login):
    client = login(world.inspector)
    client.post(url(world), data=form_data(**{"provincial.total": "5.549", "bk.total": "4.767"}))
    client.post(url(world), data=form_data(**{"provincial.total": "5.549", "bk.total": " "}))
    assert stored(world) == {"provincial.total": (Decimal(5549), "5.549")}
    client.post(url(world), data=form_data(**{"provincial.total": "5.549", "bk.total": ""}))
    actions = db.session.scalars(select(AuditEntry.action).where(AuditEntry.action == "self_report.figures")).all()
    assert len(actions) == 2


def test_bad_input_is_named_by_its_line_and_nothing_is_saved(world, login):
    client = login(world.inspector)
    response = client.post(url(world), data=form_data(**{
        "state.submitted": "333", "provincial.total": "5,5,49", "provincial.non_leader_share": "abc"}))
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 200
    assert "Tổng số khen thưởng cấp tỉnh: “5,5,49” không phải một số đếm" in page
    assert "Tỷ lệ cá nhân không là lãnh đạo, quản lý: “abc” không phải một tỷ lệ phần trăm" in page
    assert 'value="5,5,49"' in page  # what the user typed stays in the box
    assert stored(world) == {}


def test_the_reporting_units_officer_may_enter_figures_others_may_not(world, login, client_as):
    officer = login(world.officer)
    assert officer.post(url(world), data=form_data(**{"provincial.total": "12"})).status_code == 302
    assert stored(world) == {"provincial.total": (Decimal(12), "12")}
    other_unit = make_unit(code="KHAC")
    db.session.commit()
    assert client_as(Role.UNIT_OFFICER, units=[other_unit]).get(url(world)).status_code == 403
    assert client_as(Role.UNIT_OFFICER, units=[world.district]).get(url(world)).status_code == 403
    assert client_as(Role.INSPECTOR).post(url(world), data=form_data(**{"provincial.total": "1"})).status_code == 403
    assert client_as(Role.COUNCIL).get(url(world)).status_code == 403  # not on the team
    assert stored(world) == {"provincial.total": (Decimal(12), "12")}
    assert login(world.inspector).get("/nominations/self-reports/999999/figures").status_code == 404
