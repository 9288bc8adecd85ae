"""A recommendation is found by its number, whole or in part, in any case and with or without accents: in the
search box and in the register's text filter."""

import pytest

from inspection.extensions import db
from tests.findings.builders import make_finding, make_mission, make_recommendation


@pytest.fixture
def two(world):
    other_mission = make_mission([world.own], [world.member])
    other = make_recommendation(make_finding(other_mission), text="Số hóa hồ sơ khen thưởng")
    db.session.commit()
    return world.recommendation, other


def typed_ways(number: str) -> list[str]:
    return [number, number.lower(), number.replace("Đ", "D"), number.lower().replace("đ", "d"),
            number.replace("KN-", "KN ").replace("/", " / ")]


def register_shows(client, query: str) -> str:
    return client.get("/recommendations/", query_string={"q": query}).get_data(as_text=True)


def test_the_register_finds_a_number_typed_any_way(two, login):
    rec, other = two
    client = login(two[0].finding.mission.members[0].user)
    for typed in typed_ways(rec.number):
        page = register_shows(client, typed)
        assert rec.text in page and other.text not in page, typed


def test_the_register_finds_part_of_a_number(two, login):
    rec, other = two
    client = login(rec.finding.mission.members[0].user)
    mission_part = rec.number.split("/")[1].lower().replace("đ", "d")  # "d12-2017": every item of that mission
    page = register_shows(client, mission_part)
    assert rec.text in page and other.text not in page


def test_the_search_box_finds_a_number_whole_or_in_part(two, login):
    rec, other = two
    client = login(rec.finding.mission.members[0].user)
    for typed in typed_ways(rec.number) + [rec.number.split("/")[1].lower()]:
        page = client.get("/search", query_string={"q": typed}).get_data(as_text=True)
        assert rec.text in page and other.text not in page, typed
