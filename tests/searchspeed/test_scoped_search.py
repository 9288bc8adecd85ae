"""The search box's scopes as the national-scale plans write them (idsets.among: `= ANY(ARRAY(…))` on
PostgreSQL, `IN` on SQLite): a unit officer finds a finding of another unit when one of their units answers one
of its recommendations, and nothing else of that unit; one query gives both the count and the page."""

import re
from datetime import date

import pytest

from inspection.access import SYSTEM
from inspection.auth.models import Role
from inspection.extensions import db
from inspection.findings import services as findings
from inspection.findings.models import FindingCategory, Severity
from tests.factories import make_unit, make_user
from tests.search import world


@pytest.fixture
def records(app):
    records = world.build(app)
    ag, pq = records["units"]["ag"], records["units"]["pq"]
    finding = findings.create_finding(SYSTEM, records["ag"]["mission"], unit=ag, category=FindingCategory.COMMUNICATION,
                                      severity=Severity.MODERATE, title="Quỹ thi đua Ổ Môn chưa lập")
    records["shared"] = findings.create_recommendation(
        SYSTEM, finding, text="Lập quỹ thi đua Ổ Môn", issued_on=date(2018, 1, 2), due=date(2030, 6, 30),
        responsible_units=[pq])
    records["stranger"] = make_user(Role.UNIT_OFFICER, units=[make_unit("UBND xã Xa Lạ", code="XL")])
    db.session.commit()
    return records


def _counts(page: str) -> dict[str, str]:
    return dict(re.findall(r'data-kind="(\w+)">\s*<h2[^>]*>[^<]*<span class="badge[^"]*">([^<]+)</span>', page))


@pytest.mark.parametrize("few", [0, 2000])  # on SQLite: the words checked on the officer's rows, or FTS first
def test_an_answering_unit_finds_the_finding_and_its_recommendation(records, login, monkeypatch, few):
    monkeypatch.setattr("inspection.search.views.FEW", few)
    page = login(records["officer_pq"]).get("/search?q=o mon").get_data(as_text=True)
    assert _counts(page) == {"findings": "1", "recommendations": "1"}
    assert f'/recommendations/{records["shared"].id}"' in page


def test_the_findings_own_unit_finds_them_too(records, login):
    assert _counts(login(records["officer_ag"]).get("/search?q=o mon").get_data(as_text=True)) == {
        "findings": "1", "recommendations": "1"}


def test_another_unit_finds_nothing_of_them(records, login):
    page = login(records["stranger"]).get("/search?q=o mon").get_data(as_text=True)
    assert _counts(page) == {}
    assert "Quỹ thi đua" not in page


def test_the_answering_unit_does_not_see_the_other_records_of_that_unit(records, login):
    """The share opens its finding, not An Giang's other finding (whose title names "Sở Tư pháp")."""
    assert _counts(login(records["officer_ag"]).get("/search?q=tu phap").get_data(as_text=True))["findings"] == "1"
    assert _counts(login(records["officer_pq"]).get("/search?q=tu phap").get_data(as_text=True)) == {}


def test_a_kind_page_looks_the_words_up_once(records, login, count_queries):
    """The count and the page's rows come from one query holding the words (before: one each); SQLite first
    asks its FTS5 index whether the words are rare enough to look up before the scope."""
    client = login(records["officer_pq"])
    with count_queries() as queries:
        page = client.get("/search?q=o mon&kind=findings").get_data(as_text=True)
    assert "<mark>Ổ Môn</mark>" in page
    searched = [statement for statement in queries.statements if re.search(r"LIKE|MATCH", statement)]
    probes = [statement for statement in searched if statement.startswith("SELECT count(*)")]
    assert len(searched) - len(probes) == 1
    assert len(probes) == (1 if "MATCH" in searched[0] else 0)
