"""The register's text filter at national scale: common words are checked row by row in the list's order,
rarer ones collected by the trigram indexes (register_filters._words_condition) — both plans list the same
recommendations; with the text filter the count stops at a cap and says "hơn …"."""

import re

import pytest

from inspection.auth.models import Role
from inspection.extensions import db
from inspection.findings import register_filters
from tests.dashboard.scenario import TODAY, build_scenario
from tests.factories import make_user
from tests.findings.test_register_filters import listed


@pytest.fixture
def scenario(app, monkeypatch):
    monkeypatch.setattr("inspection.findings.register_views.today_vn", lambda: TODAY)
    return build_scenario()


QUERIES = ["q=kn", "q=KN-A", "q=kn&verified=closed", "q=kn&unit=D1", "q=kh%C3%B4ng+c%C3%B3"]


@pytest.mark.parametrize("query", QUERIES)
def test_both_plans_list_the_same_recommendations(scenario, login, monkeypatch, query):
    council = login(scenario.council)
    monkeypatch.setattr(register_filters, "COMMON", 10**6)  # every word rare: the indexes collect
    collected = listed(council, query)
    monkeypatch.setattr(register_filters, "COMMON", 0)  # every word common: row by row
    assert listed(council, query) == collected


@pytest.mark.parametrize("common", [0, 10**6])
def test_both_plans_find_by_the_findings_title_and_keep_the_scope(scenario, login, monkeypatch, common):
    monkeypatch.setattr(register_filters, "COMMON", common)
    title = scenario.recs["a"].finding.title
    assert listed(login(scenario.council), f"q={title.upper()}") == {"a", "b", "e"}
    officer = make_user(Role.UNIT_OFFICER, units=[scenario.d2])
    db.session.commit()
    assert listed(login(officer), "q=kn") == {"b"}


def _register(client, query: str) -> str:
    return client.get(f"/recommendations/?{query}").get_data(as_text=True)


def test_the_text_filters_count_stops_at_the_cap(scenario, login, app):
    app.config.update(REGISTER_TEXT_COUNT_CAP=3, PAGE_SIZE=2)
    page = _register(login(scenario.council), "q=kn")
    assert "hơn 3 kiến nghị" in page and "Tổng số: hơn 3" in page
    assert re.search(r'data-total="4"', page)  # the cap + 1: the rest is not read
    assert "page=2" in page and "page=3" not in page  # pages up to the cap only


def test_under_the_cap_and_without_words_the_count_is_exact(scenario, login, app):
    app.config.update(REGISTER_TEXT_COUNT_CAP=3)
    client = login(scenario.council)
    assert "2 kiến nghị" in _register(client, "q=kn&verified=closed")
    page = _register(client, "")
    assert "7 kiến nghị" in page and "hơn" not in page
