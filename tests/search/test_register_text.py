"""The register's text filter (q) on the hand-built scenario of the dashboard tests: what it lists is what it
counts (both through register_conditions), with or without accents, alone or with other filters; and a unit
field takes a unit's full name in place of its code."""

from datetime import date

import pytest
from sqlalchemy import func, select

from inspection.auth.models import Role
from inspection.extensions import db
from inspection.units.models import Unit
from tests.dashboard.scenario import TODAY, build_scenario
from tests.factories import make_unit, make_user
from tests.findings.test_register_filters import listed


@pytest.fixture
def scenario(app, monkeypatch):
    monkeypatch.setattr("inspection.findings.register_views.today_vn", lambda: TODAY)
    return build_scenario()


@pytest.mark.parametrize(("query", "expected"), [
    ("q=kn-a", "a"),
    ("q=KN-A", "a"),
    ("q=kn", "abcdefg"),
    ("q=kn&unit=D1", "aef"),
    ("q=kn-&verified=closed", "eg"),
    ("q=kh%C3%B4ng+c%C3%B3", ""),
    ("q=%25", ""),
])
def test_the_text_filter_lists_and_counts_the_same(scenario, login, query, expected):
    assert listed(login(scenario.council), query) == set(expected)


def test_the_text_filter_finds_by_the_findings_title_and_by_id(scenario, login):
    council = login(scenario.council)
    title = scenario.recs["a"].finding.title
    assert listed(council, f"q={title.upper()}") == {"a", "b", "e"}
    assert listed(council, f"q=%23{scenario.recs['c'].id}") == {"c"}


def test_a_unit_officer_finds_only_their_units_recommendations(scenario, login):
    officer = make_user(Role.UNIT_OFFICER, units=[scenario.d2])
    db.session.commit()
    assert listed(login(officer), "q=kn") == {"b"}


def test_the_register_takes_a_units_full_name_for_its_code(scenario, login):
    assert listed(login(scenario.council), "unit=s%E1%BB%9F+d1") == {"a", "e", "f"}  # "sở d1"


def test_a_form_takes_a_units_full_name_without_javascript(app, client_as):
    parent = make_unit("Sở Tư pháp tỉnh An Giang", code="AG-STP")
    db.session.commit()
    client = client_as(Role.ADMIN)
    client.post("/units/new", data={"code": "AG-STP-P1", "name": "Phòng Hành chính", "kind": "office",
                                    "parent_code": "so tu phap tinh AN GIANG"})
    created = db.session.scalar(select(Unit).where(Unit.code == "AG-STP-P1"))
    assert created is not None and created.parent_id == parent.id


def test_a_name_two_units_share_asks_for_the_code(app, client_as):
    make_unit("Phòng Nội vụ", code="H1-PNV")
    make_unit("Phòng Nội vụ", code="H2-PNV")
    db.session.commit()
    page = client_as(Role.ADMIN).post("/units/new", data={
        "code": "X", "name": "Tổ mới", "kind": "office", "parent_code": "Phòng Nội vụ"}).get_data(as_text=True)
    assert "Có nhiều đơn vị mang tên Phòng Nội vụ: hãy nhập mã đơn vị." in page
    assert db.session.scalar(select(func.count()).select_from(Unit).where(Unit.code == "X")) == 0


def test_a_former_units_name_is_not_taken_for_a_current_one(app, client_as):
    make_unit("Huyện Kiên Hải", code="KG-KH", valid_to=date(2025, 6, 30))
    db.session.commit()
    page = client_as(Role.ADMIN).post("/units/new", data={
        "code": "X", "name": "Tổ mới", "kind": "office", "parent_code": "Huyện Kiên Hải"}).get_data(as_text=True)
    assert "Không có đơn vị mang mã: Huyện Kiên Hải" in page


@pytest.mark.parametrize("text", ["²", "#١٢", "12345678901234567890123", "#"])
def test_a_number_python_reads_as_digits_but_sql_cannot_is_just_text(scenario, login, text):
    """Superscripts and other scripts' digits pass str.isdigit(); they are text to search, not an id (they
    gave a 500, found by the hostile-input walker), and so is an id past the largest one."""
    council = login(scenario.council)
    assert council.get("/recommendations/", query_string={"q": text}).status_code == 200
    assert council.get("/search", query_string={"q": text}).status_code == 200
