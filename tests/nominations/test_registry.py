"""The dossier registry: each filter narrows to the right dossiers, unit officers see only their own units'
dossiers, bad filter values are named and ignored, pages keep their filters, and the page runs the same
number of queries for 10 dossiers as for 200."""

import re
from dataclasses import dataclass
from datetime import date

import pytest

from inspection.access import SYSTEM
from inspection.auth.models import Role
from inspection.extensions import db
from inspection.nominations.models import AchievementType, DossierStatus, RecipientKind
from inspection.units import services as units
from inspection.units.models import Unit, UnitKind
from tests.factories import make_unit
from tests.nominations.builders import make_dossier

S, K, A = DossierStatus, RecipientKind, AchievementType
ALL = {"HS-A", "HS-B", "HS-C", "HS-D", "HS-E", "HS-F"}


@dataclass
class Registry:
    province: Unit
    home_affairs: Unit
    health: Unit
    old_health: Unit


@pytest.fixture
def registry(catalogue) -> Registry:
    """Six dossiers that differ in every filtered attribute. KG-OLD (no parent) merged into KG-SYT in 2017;
    KG-SNV was renamed from 2018."""
    province = make_unit("UBND tỉnh Kiên Giang", code="KG", kind=UnitKind.PROVINCE)
    home_affairs = make_unit("Sở Nội vụ", code="KG-SNV", parent=province)
    health = make_unit("Sở Y tế", code="KG-SYT", parent=province)
    old_health = make_unit("Trung tâm Y tế cũ", code="KG-OLD")
    make_dossier(home_affairs, code="HS-A", year=2017, form="BKUBT", recipient_name="Nguyễn Văn An",
                 is_leader=False, achievement_type=A.THEMATIC, status=S.AWARDED)
    make_dossier(home_affairs, code="HS-B", year=2018, form="CSTDT_OLD", recipient_name="Trần Bình",
                 is_leader=True, achievement_type=A.REGULAR, status=S.SUBMITTED)
    make_dossier(health, code="HS-C", year=2017, form="CTDUBT", recipient_name="Phòng Nghiệp vụ Y",
                 group_rank=1, achievement_type=A.REGULAR, status=S.PENDING_DECISION)
    dossier_d = make_dossier(health, code="HS-D", year=2017, form="BKUBT", recipient_kind=K.COLLECTIVE,
                             recipient_name="Khoa Nhi", group_rank=2, achievement_type=A.EXTRAORDINARY)
    dossier_d.award_hold = True
    make_dossier(old_health, code="HS-E", year=2016, form="HCLD3", recipient_name="Lê Thị Em", posthumous=True,
                 achievement_type=A.CONTRIBUTION)
    make_dossier(province, code="HS-F", year=2017, form="TTLDXS", recipient_name="Văn phòng UBND tỉnh",
                 achievement_type=A.FOREIGN)
    units.merge_units(SYSTEM, [old_health], health, date(2017, 6, 1), None)
    units.rename_unit(SYSTEM, home_affairs, "Sở Nội vụ (tên mới)", date(2018, 1, 1), None)
    db.session.commit()
    return Registry(province, home_affairs, health, old_health)


def _codes(html: str) -> list[str]:
    return re.findall(r'href="/nominations/dossiers/\d+">([^<]+)</a>', html)


def _shown(client, query: str = "") -> set[str]:
    response = client.get("/nominations/" + query)
    assert response.status_code == 200
    return set(_codes(response.get_data(as_text=True)))


@pytest.mark.parametrize(("query", "expected"), [
    ("", ALL),
    ("?q=nguy%E1%BB%85n", {"HS-A"}),
    ("?q=HS-B", {"HS-B"}),
    ("?unit=KG-SNV", {"HS-A", "HS-B"}),
    ("?unit=KG", {"HS-F"}),
    ("?unit=KG&subtree=y", {"HS-A", "HS-B", "HS-C", "HS-D", "HS-F"}),
    ("?unit=KG-SYT", {"HS-C", "HS-D"}),
    ("?unit=KG-SYT&predecessors=y", {"HS-C", "HS-D", "HS-E"}),
    ("?year_from=2017&year_to=2017", {"HS-A", "HS-C", "HS-D", "HS-F"}),
    ("?year_from=2018", {"HS-B"}),
    ("?year_to=2016", {"HS-E"}),
    ("?submitted_from=01/01/2018", {"HS-B"}),
    ("?submitted_to=31/12/2017", {"HS-A", "HS-C"}),
    ("?form=BKUBT", {"HS-A", "HS-D"}),
    ("?form=BKUBT&form=CTDUBT", {"HS-A", "HS-C", "HS-D"}),
    ("?level=state", {"HS-E"}),
    ("?level=provincial&group=emulation_flag", {"HS-C"}),
    ("?recipient=collective", {"HS-C", "HS-D", "HS-F"}),
    ("?leader=yes", {"HS-B"}),
    ("?leader=no", {"HS-A"}),
    ("?achievement=thematic", {"HS-A"}),
    ("?rank=1", {"HS-C"}),
    ("?rank=2,3", {"HS-D"}),
    ("?posthumous=yes", {"HS-E"}),
    ("?status=awarded", {"HS-A"}),
    ("?status=draft&status=pending_decision", {"HS-C", "HS-D", "HS-E", "HS-F"}),
    ("?hold=yes", {"HS-D"}),
    ("?recipient=individual&year_from=2017&status=awarded&status=submitted", {"HS-A", "HS-B"}),
])
def test_each_filter_narrows_to_the_right_dossiers(client_as, registry, query, expected):
    assert _shown(client_as(Role.INSPECTOR), query) == expected


def test_the_registry_shows_the_newest_first_by_year_then_unit_then_code(client_as, registry):
    """Year, unit (latest registered first) and code all descending: the order of an index read backwards."""
    html = client_as(Role.COUNCIL).get("/nominations/").get_data(as_text=True)
    assert _codes(html) == ["HS-B", "HS-D", "HS-C", "HS-A", "HS-F", "HS-E"]


def test_each_row_shows_the_unit_name_of_the_dossiers_year_and_what_it_is(client_as, registry):
    html = client_as(Role.COUNCIL).get("/nominations/?unit=KG-SNV").get_data(as_text=True)
    row_a = html[html.index(">HS-A<"):]
    row_b = html[html.index(">HS-B<"):html.index(">HS-A<")]
    assert "Sở Nội vụ (tên mới)" in row_b and "Chiến sĩ thi đua cấp tỉnh" in row_b and "Đã trình" in row_b
    assert "Sở Nội vụ <span" in row_a and "Nguyễn Văn An" in row_a and "Đã khen thưởng" in row_a
    assert "Không là lãnh đạo, quản lý" in row_a and "Chuyên đề" in row_a
    held = client_as(Role.COUNCIL).get("/nominations/?hold=yes").get_data(as_text=True)
    assert "Tạm dừng xét khen thưởng</span>" in held and "Hạng 2 cụm, khối" in held


def test_a_unit_officer_sees_only_their_own_units_dossiers(client_as, registry):
    assert _shown(client_as(Role.UNIT_OFFICER, units=[registry.home_affairs])) == {"HS-A", "HS-B"}
    assert _shown(client_as(Role.UNIT_OFFICER, units=[registry.home_affairs]), "?unit=KG-SYT") == set()
    assert _shown(client_as(Role.UNIT_OFFICER, units=[registry.province])) == ALL - {"HS-E"}


@pytest.mark.parametrize(("query", "message", "expected"), [
    ("?year_from=abc", "Năm thi đua từ: “abc” không phải năm hợp lệ (từ 1945 đến 2100).", ALL),
    ("?year_from=2018&year_to=2017", "đến năm: Năm cuối phải không nhỏ hơn năm đầu.", {"HS-B"}),
    ("?submitted_from=32/01/2017", "Ngày trình từ: “32/01/2017” không phải ngày hợp lệ", ALL),
    ("?unit=KHONG-CO", "Mã đơn vị: Không có đơn vị mang mã: KHONG-CO", ALL),
    ("?level=galactic", "Cấp khen thưởng: ", ALL),
    ("?status=awarded&status=bogus", "Trạng thái: ", ALL),
    ("?form=NOPE&leader=yes", "Hình thức khen thưởng: ", {"HS-B"}),
])
def test_a_bad_filter_value_is_named_and_only_that_filter_is_ignored(client_as, registry, query, message, expected):
    response = client_as(Role.COUNCIL).get("/nominations/" + query)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and message in html
    assert set(_codes(html)) == expected


def test_pages_keep_every_filter_value(client_as, registry, app):
    for number in range(app.config["PAGE_SIZE"] + 3):
        make_dossier(registry.health, code=f"HS-Z{number:03d}", form="GK" if number % 2 else "BKUBT")
    db.session.commit()
    council = client_as(Role.COUNCIL)
    first = council.get("/nominations/?form=BKUBT&form=GK").get_data(as_text=True)
    assert len(_codes(first)) == app.config["PAGE_SIZE"]
    assert "form=BKUBT&amp;form=GK&amp;page=2" in first
    second = council.get("/nominations/?form=BKUBT&form=GK&page=2").get_data(as_text=True)
    assert len(set(_codes(first)) | set(_codes(second))) == app.config["PAGE_SIZE"] + 3 + 2


@pytest.mark.parametrize("role", list(Role))
def test_every_role_reaches_the_registry_from_the_menu(client_as, catalogue, role):
    client = client_as(role, units=[make_unit()] if role == Role.UNIT_OFFICER else [])
    html = client.get("/nominations/").get_data(as_text=True)
    assert re.search(r'href="/nominations/"[^>]*>Hồ sơ đề nghị</a>', html)  # the menu's short form
    assert ("Thêm hồ sơ" in html) == (role != Role.INSPECTOR)


def _add(unit: Unit, count: int, start: int) -> None:
    forms = ["BKUBT", "CSTDT_OLD", "TTLDXS", "HCLD3", "GK"]
    for number in range(start, start + count):
        form = forms[number % len(forms)]
        kind = K.COLLECTIVE if form == "TTLDXS" else K.INDIVIDUAL
        dossier = make_dossier(unit, code=f"Q-{number:04d}", form=form, recipient_kind=kind,
                               status=S.SUBMITTED if number % 3 else S.DRAFT)
        dossier.award_hold = number % 7 == 0
    db.session.commit()


def _queries(count_queries, client, path: str) -> int:
    client.get(path)  # warm up
    with count_queries() as counter:
        assert client.get(path).status_code == 200
    return counter.count


def test_the_registry_runs_a_fixed_number_of_queries(client_as, catalogue, count_queries):
    own, other = make_unit(code="KG-A"), make_unit(code="KG-B")
    council, officer = client_as(Role.COUNCIL), client_as(Role.UNIT_OFFICER, units=[own])
    paths = ["/nominations/", "/nominations/?unit=KG-A&subtree=y&predecessors=y&hold=yes&form=BKUBT&form=GK",
             "/nominations/?year_from=2017&status=submitted&leader=no&q=Q-"]
    _add(own, 5, 0)
    _add(other, 5, 5)
    few = [_queries(count_queries, client, path) for client in (council, officer) for path in paths]
    _add(own, 100, 10)
    _add(other, 100, 110)
    many = [_queries(count_queries, client, path) for client in (council, officer) for path in paths]
    assert many == few
    # Ceiling = the page's fixed query budget (measured 5 to 13 on SQLite, plus a small margin).
    assert max(many) <= 15


def test_the_dossier_page_runs_a_fixed_number_of_queries(client_as, catalogue, count_queries):
    unit = make_unit()
    council = client_as(Role.COUNCIL)
    small = make_dossier(unit, status=S.SUBMITTED)
    db.session.commit()
    few = _queries(count_queries, council, f"/nominations/dossiers/{small.id}")
    _add(unit, 50, 0)
    big = make_dossier(unit, status=S.SUBMITTED)
    db.session.commit()
    assert _queries(count_queries, council, f"/nominations/dossiers/{big.id}") == few
    # Ceiling = the page's fixed query budget (measured 10 on SQLite, plus a small margin).
    assert few <= 12
