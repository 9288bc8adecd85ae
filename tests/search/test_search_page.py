"""The search box: accent- and case-insensitive, grouped by kind, each result one the user may open."""

import re
import unicodedata

import pytest

from tests.search import world


@pytest.fixture
def records(app):
    return world.build(app)


def _sections(page: str) -> dict[str, int]:
    """kind → the count its heading shows."""
    return {kind: int(count) for kind, count in re.findall(
        r'data-kind="(\w+)">\s*<h2[^>]*>[^<]*<span class="badge[^"]*">(\d+)</span>', page)}


@pytest.mark.parametrize("query", ["kien giang", "KIÊN GIANG", "Kiên Giang",
                                   unicodedata.normalize("NFD", "kiên  giang")])
def test_case_accents_and_decomposed_text_find_the_same_unit(records, login, query):
    page = login(records["inspector"]).get("/search", query_string={"q": query}).get_data(as_text=True)
    assert _sections(page)["units"] == 1
    assert "<mark>Kiên Giang</mark>" in page


def test_an_overseer_finds_every_kind_with_counts(records, login):
    page = login(records["inspector"]).get("/search", query_string={"q": "phu quoc"}).get_data(as_text=True)
    counts = _sections(page)
    assert counts == {"units": 1, "missions": 1, "findings": 1, "recommendations": 1}
    dossiers = _sections(login(records["inspector"]).get("/search?q=nguyen van kien").get_data(as_text=True))
    assert dossiers["dossiers"] == 2
    reports = _sections(login(records["inspector"]).get("/search?q=280/bc-ubnd").get_data(as_text=True))
    assert reports["self_reports"] == 2


def test_a_unit_officer_finds_only_their_own_units_records(records, login):
    officer = login(records["officer_pq"])
    mine = officer.get("/search?q=nguyen van kien").get_data(as_text=True)
    assert _sections(mine)["dossiers"] == 1
    assert "HS-KG-PQ" in mine and "HS-AG-STP" not in mine
    theirs = officer.get("/search", query_string={"q": "an giang"}).get_data(as_text=True)
    assert _sections(theirs) == {}
    assert "Không tìm thấy kết quả nào" in theirs
    every = officer.get("/search?q=kien tri").get_data(as_text=True)
    assert _sections(every) == {"recommendations": 1}
    assert "Phú Quốc" in every and "An Giang" not in every


def test_one_kind_is_listed_page_by_page_and_links_to_the_register(records, login):
    client = login(records["inspector"])
    overview = client.get("/search?q=kien tri").get_data(as_text=True)
    assert _sections(overview) == {"recommendations": 2}
    page = client.get("/search?q=kien tri&kind=recommendations").get_data(as_text=True)
    assert len(re.findall(r'href="/recommendations/\d+"', page)) == 2
    assert client.get("/search?q=kien tri&kind=recommendations&page=9").status_code == 200


def test_the_filtered_register_it_links_to_lists_as_many(records, login, app):
    app.config["PAGE_SIZE"] = 1
    client = login(records["inspector"])
    overview = client.get("/search?q=HỒ SƠ").get_data(as_text=True)
    assert _sections(overview)["recommendations"] == 2
    link = re.search(r'href="(/recommendations/\?q=[^"]+)"', overview).group(1).replace("&amp;", "&")
    register = client.get(link).get_data(as_text=True)
    assert "Tổng số: 2" in register


def test_an_empty_or_odd_query_is_answered_calmly(records, login):
    client = login(records["inspector"])
    for query in ("", "   ", "%", "_", "\\", "a" * 5000, "'; DROP TABLE unit; --"):
        response = client.get("/search", query_string={"q": query})
        assert response.status_code == 200
    assert _sections(client.get("/search?q=%25").get_data(as_text=True)) == {}


def test_search_runs_a_bounded_number_of_queries(records, login, count_queries):
    client = login(records["inspector"])
    client.get("/search?q=kien")
    with count_queries() as counter:
        assert client.get("/search?q=kien").status_code == 200
    assert counter.count <= 45, counter.statements
