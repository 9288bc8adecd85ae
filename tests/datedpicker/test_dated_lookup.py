"""/units/lookup and /units/tree as of the day a record counts (?on=dd/mm/yyyy, or ?from=&to=): the units of
that day first, named as they were then under their parent of then, the others muted with their validity;
without a day, as of today; a bad day is a Vietnamese 400."""

import pytest

from inspection.auth.models import Role
from inspection.extensions import db
from inspection.formatting import vn_date
from inspection.timeutil import today_vn
from tests.factories import make_unit, make_user

SUCCEEDED = "đã sáp nhập, hợp nhất từ 01/07/2025 (kế thừa: UBND tỉnh An Giang (AG))"


def _lookup(client, text: str, **dates) -> dict:
    answer = client.get("/units/lookup", query_string={"q": text, **dates})
    assert answer.status_code == 200, answer.get_json()
    return {item["code"]: item for item in answer.get_json()["results"]}


def _tree(client, parent=None, **dates) -> dict:
    answer = client.get("/units/tree", query_string=({"parent": parent} if parent else {}) | dates)
    assert answer.status_code == 200, answer.get_json()
    return {item["code"]: item for item in answer.get_json()["results"]}


def test_in_2017_the_merged_province_comes_first_with_its_name_of_then(merger, client_as):
    offered = _lookup(client_as(Role.INSPECTOR), "giang", on="15/03/2017")
    assert list(offered) == ["KG", "AG"]
    assert offered["KG"]["current"] is True and offered["KG"]["name"] == "UBND tỉnh Kiên Giang"
    assert offered["AG"]["current"] is False and offered["AG"]["validity"] == "chỉ tồn tại từ 01/07/2025"


def test_today_the_successor_comes_first_and_the_merged_province_is_muted(merger, client_as):
    offered = _lookup(client_as(Role.INSPECTOR), "giang", on=vn_date(today_vn()))
    assert list(offered) == ["AG", "KG"]
    assert offered["AG"]["current"] is True and offered["AG"]["validity"] == "Hoạt động từ 01/07/2025"
    assert offered["KG"]["current"] is False and offered["KG"]["validity"] == SUCCEEDED


def test_without_a_day_the_picker_answers_as_before(merger, client_as):
    offered = _lookup(client_as(Role.INSPECTOR), "phu quoc")
    assert offered["KG-PQ"] == {"code": "KG-PQ", "name": "UBND đặc khu Phú Quốc", "current": True,
                                "parent": "UBND tỉnh An Giang (AG)", "validity": "Hoạt động từ 01/01/1976"}
    assert _lookup(client_as(Role.INSPECTOR), "giang")["KG"]["validity"] == "Đã chấm dứt (hoạt động đến 30/06/2025)"


def test_a_2017_unit_is_named_under_its_parent_of_2017(merger, client_as):
    client = client_as(Role.COUNCIL)
    then = _lookup(client, "phu quoc", on="15/03/2017")["KG-PQ"]
    assert (then["name"], then["parent"], then["current"]) == ("UBND huyện Phú Quốc", "UBND tỉnh Kiên Giang (KG)", True)
    assert _lookup(client, "huyen phu quoc", on="15/03/2017")["KG-PQ"]["name"] == "UBND huyện Phú Quốc"


@pytest.mark.parametrize(("dates", "first"), [
    ({"from": "01/01/2017", "to": "31/12/2017"}, "KG"),
    ({"from": "15/03/2017"}, "KG"),  # one end alone is that day
    ({"to": "15/03/2017"}, "KG"),
    ({"from": "01/08/2025", "to": "31/12/2025"}, "AG"),
])
def test_a_period_counts_every_day_of_it(merger, client_as, dates, first):
    assert list(_lookup(client_as(Role.INSPECTOR), "giang", **dates))[0] == first


def test_a_period_across_the_merger_offers_both(merger, client_as):
    offered = _lookup(client_as(Role.INSPECTOR), "giang", **{"from": "01/01/2025", "to": "31/12/2025"})
    assert offered["KG"]["current"] is True and offered["AG"]["current"] is True


@pytest.mark.parametrize("endpoint", ["/units/lookup", "/units/tree"])
@pytest.mark.parametrize(("dates", "message"), [
    ({"on": "32/01/2017"}, "“32/01/2017” không phải ngày hợp lệ; nhập theo dạng dd/mm/yyyy, ví dụ 30/11/2017."),
    ({"on": "01/01/99999"}, "“01/01/99999” không phải ngày hợp lệ; nhập theo dạng dd/mm/yyyy, ví dụ 30/11/2017."),
    ({"from": "hôm qua"}, "“hôm qua” không phải ngày hợp lệ; nhập theo dạng dd/mm/yyyy, ví dụ 30/11/2017."),
    ({"from": "01/02/2017", "to": "01/01/2017"}, "Ngày cuối phải không trước ngày đầu."),
    ({"on": "15/03/2017", "from": "01/01/2017"}, "Chỉ dùng một trong hai: ngày (on) hoặc thời kỳ (from, to)."),
])
def test_a_bad_day_is_refused_in_vietnamese(merger, client_as, endpoint, dates, message):
    answer = client_as(Role.INSPECTOR).get(endpoint, query_string={"q": "giang", **dates})
    assert answer.status_code == 400
    assert answer.get_json() == {"results": [], "message": message}


def test_a_very_long_day_is_refused_not_read(merger, client_as):
    answer = client_as(Role.INSPECTOR).get("/units/lookup", query_string={"q": "giang", "on": "1" * 5000})
    assert answer.status_code == 400 and answer.get_json()["results"] == []


def test_a_unit_officer_still_sees_only_their_units(merger, login):
    officer = make_user(Role.UNIT_OFFICER, units=[merger.ag])
    db.session.commit()
    client = login(officer)
    assert list(_lookup(client, "giang", on="15/03/2017")) == ["AG"]  # not Kiên Giang, even in 2017
    assert list(_lookup(client, "phu quoc", on="15/03/2017")) == ["KG-PQ"]  # under An Giang today
    assert list(_tree(client, merger.kg.id, on="15/03/2017")) == ["KG-PQ"]  # theirs today, under Kiên Giang then


def test_the_tree_of_2017_puts_the_units_of_2017_first(merger, client_as):
    client = client_as(Role.COUNCIL)
    top = _tree(client, on="15/03/2017")
    assert list(top) == ["KG", "AG"] and top["AG"]["validity"] == "chỉ tồn tại từ 01/07/2025"
    assert top["KG"]["children"] is True and top["AG"]["children"] is False  # the hierarchy of 2017
    assert _tree(client, merger.ag.id, on="15/03/2017") == {}
    under = _tree(client, merger.kg.id, on="15/03/2017")["KG-PQ"]
    assert (under["name"], under["parent"], under["current"]) == ("UBND huyện Phú Quốc", "UBND tỉnh Kiên Giang (KG)",
                                                                  True)
    today = _tree(client)
    assert list(today) == ["AG", "KG"] and today["KG"]["current"] is False and today["KG"]["children"] is False
    assert _tree(client, merger.ag.id)["KG-PQ"]["name"] == "UBND đặc khu Phú Quốc"


def test_a_unit_officer_browses_2017_within_their_units(merger, login):
    officer = make_user(Role.UNIT_OFFICER, units=[merger.ag])
    db.session.commit()
    top = _tree(login(officer), on="15/03/2017")
    assert list(top) == ["KG-PQ", "AG"]  # Phú Quốc's parent of 2017 is not theirs: it is a top of their tree
    assert top["KG-PQ"]["name"] == "UBND huyện Phú Quốc" and top["AG"]["children"] is False


def test_a_dated_lookup_costs_a_fixed_number_of_queries(merger, client_as, count_queries):
    client = client_as(Role.COUNCIL)

    def counted() -> int:
        with count_queries() as counter:
            _lookup(client, "giang", on=vn_date(today_vn()))
        return counter.count

    def add(numbers) -> None:
        for number in numbers:
            make_unit(f"UBND huyện Giang Thành {number}", code=f"KG-GT{number}", parent=merger.kg,
                      valid_to=merger.kg.valid_to)
        db.session.commit()

    add([0])
    few = counted()
    add(range(1, 9))
    assert counted() == few <= 10


def test_a_dated_tree_level_costs_a_fixed_number_of_queries(merger, client_as, count_queries):
    client = client_as(Role.COUNCIL)

    def counted() -> int:
        with count_queries() as counter:
            _tree(client, merger.kg.id, on="15/03/2017")
        return counter.count

    few = counted()
    for number in range(8):
        make_unit(f"UBND xã Số {number}", code=f"KG-X{number}", parent=merger.kg, valid_to=merger.kg.valid_to)
    db.session.commit()
    assert counted() == few <= 10
