"""/units/tree: the picker's tree, one level at a time, holding only the units the user may pick, with
whether each has units under it and, for a former unit, until when it existed."""

from datetime import date

import pytest

from inspection.auth.models import Role
from inspection.extensions import db
from inspection.units.models import UnitKind
from tests.factories import make_unit, make_user


@pytest.fixture
def units(app):
    kg = make_unit("UBND tỉnh Kiên Giang", code="KG", kind=UnitKind.PROVINCE)
    pq = make_unit("Đặc khu Phú Quốc", code="KG-PQ", kind=UnitKind.COMMUNE, parent=kg)
    old = make_unit("UBND huyện Kiên Hải", code="KG-KH", kind=UnitKind.DISTRICT, parent=kg)
    old.valid_to = date(2025, 6, 30)
    ag = make_unit("UBND tỉnh An Giang", code="AG", kind=UnitKind.PROVINCE)
    make_unit("Sở Tư pháp tỉnh An Giang", code="AG-STP", parent=ag)
    db.session.commit()
    return {"kg": kg, "pq": pq, "old": old, "ag": ag}


def _level(client, parent=None) -> dict:
    answer = client.get("/units/tree", query_string={"parent": parent} if parent else {})
    assert answer.status_code == 200
    return {item["code"]: item for item in answer.get_json()["results"]}


def test_an_overseer_browses_from_the_provinces_down(units, client_as):
    client = client_as(Role.COUNCIL)
    top = _level(client)
    assert list(top) == ["AG", "KG"]
    assert top["KG"]["children"] is True and top["KG"]["name"] == "UBND tỉnh Kiên Giang"
    under = _level(client, units["kg"].id)
    assert list(under) == ["KG-KH", "KG-PQ"]
    assert under["KG-PQ"]["children"] is False and under["KG-PQ"]["current"] is True
    assert under["KG-KH"]["current"] is False
    assert under["KG-KH"]["validity"] == "Đã chấm dứt (hoạt động đến 30/06/2025)"


def test_a_unit_officer_sees_only_their_subtree(units, login):
    officer = make_user(Role.UNIT_OFFICER, units=[units["kg"]])
    db.session.commit()
    client = login(officer)
    assert list(_level(client)) == ["KG"]
    assert _level(client, units["ag"].id) == {}
    commune = make_user(Role.UNIT_OFFICER, units=[units["pq"]])
    db.session.commit()
    only = _level(login(commune))
    assert list(only) == ["KG-PQ"] and only["KG-PQ"]["children"] is False


@pytest.mark.parametrize("parent", ["abc", "-1", "99999999999999", "１２"])
def test_a_bad_parent_is_refused_in_vietnamese(units, client_as, parent):
    answer = client_as(Role.COUNCIL).get("/units/tree", query_string={"parent": parent})
    assert answer.status_code == 400
    assert answer.get_json()["message"] == "Đơn vị cấp trên không hợp lệ."


def test_a_level_costs_a_fixed_number_of_queries(units, client_as, count_queries):
    client = client_as(Role.COUNCIL)
    for number in range(12):
        make_unit(f"UBND xã Số {number}", code=f"KG-X{number:02}", kind=UnitKind.COMMUNE, parent=units["kg"])
    db.session.commit()
    with count_queries() as counter:
        assert len(_level(client, units["kg"].id)) == 14
    assert counter.count <= 8, counter.statements


def test_the_picker_field_names_the_tree(units, client_as):
    page = client_as(Role.COUNCIL).get("/recommendations/").get_data(as_text=True)
    assert 'data-unit-tree="/units/tree"' in page
    assert 'data-tree-button-text="Chọn từ cây đơn vị"' in page
