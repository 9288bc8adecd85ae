"""/units/lookup, the unit picker's source: part of a name or code, accents optional, scoped to the user."""

from datetime import date

import pytest

from inspection.auth.models import Role
from inspection.extensions import db
from inspection.units.models import UnitKind
from tests.factories import make_unit, make_user


@pytest.fixture
def tree(app):
    kg = make_unit("UBND tỉnh Kiên Giang", code="KG", kind=UnitKind.PROVINCE)
    pq = make_unit("Đặc khu Phú Quốc", code="KG-PQ", kind=UnitKind.COMMUNE, parent=kg, valid_from=date(2025, 7, 1))
    old = make_unit("Huyện Phú Quốc", code="KG-HPQ", kind=UnitKind.DISTRICT, parent=kg, valid_to=date(2025, 6, 30))
    ag = make_unit("Sở Tư pháp tỉnh An Giang", code="AG-STP")
    db.session.commit()
    return {"kg": kg, "pq": pq, "old": old, "ag": ag}


def _codes(client, text: str) -> list[str]:
    answer = client.get("/units/lookup", query_string={"q": text})
    assert answer.status_code == 200 and answer.is_json
    return [item["code"] for item in answer.get_json()["results"]]


@pytest.mark.parametrize("text", ["phu quoc", "Phú Quốc", "PHÚ QUỐC", "phú"])
def test_part_of_a_name_with_or_without_accents(tree, client_as, text):
    assert _codes(client_as(Role.INSPECTOR), text) == ["KG-PQ", "KG-HPQ"]  # current before former


def test_part_of_a_code_comes_first(tree, client_as):
    assert _codes(client_as(Role.INSPECTOR), "KG-PQ") == ["KG-PQ"]
    assert _codes(client_as(Role.INSPECTOR), "kg")[:1] == ["KG"]


def test_each_answer_says_name_parent_and_validity(tree, client_as):
    items = client_as(Role.COUNCIL).get("/units/lookup?q=phu quoc").get_json()["results"]
    assert items[0] == {"code": "KG-PQ", "name": "Đặc khu Phú Quốc", "current": True,
                        "parent": "UBND tỉnh Kiên Giang (KG)", "validity": "Hoạt động từ 01/07/2025"}
    assert items[1]["current"] is False and items[1]["validity"] == "Đã chấm dứt (hoạt động đến 30/06/2025)"


def test_a_unit_officer_is_offered_only_units_they_may_see(tree, login):
    officer = make_user(Role.UNIT_OFFICER, units=[tree["kg"]])
    db.session.commit()
    client = login(officer)
    assert set(_codes(client, "phu quoc")) == {"KG-PQ", "KG-HPQ"}  # below their province
    assert _codes(client, "an giang") == []


def test_nothing_to_look_up_is_answered_with_a_hint(tree, client_as):
    client = client_as(Role.INSPECTOR)
    for text in ("", "   ", "%", "_" * 500):
        answer = client.get("/units/lookup", query_string={"q": text}).get_json()
        assert answer["results"] == []
    assert client.get("/units/lookup?q=").get_json()["message"] == "Gõ một phần tên hoặc mã đơn vị."


def test_the_lookup_needs_a_login(tree, client):
    assert client.get("/units/lookup?q=kg").status_code == 302


def test_every_unit_field_carries_the_picker(tree, client_as):
    page = client_as(Role.ADMIN).get("/units/new").get_data(as_text=True)
    assert 'data-unit-lookup="/units/lookup"' in page
    register = client_as(Role.COUNCIL).get("/recommendations/").get_data(as_text=True)
    assert register.count('data-unit-lookup="/units/lookup"') == 3  # unit, responsible, subtree
    assert '<script src="/static/js/unit-picker.js" defer></script>' in register
