"""The search's statements are compiled once per shape (their words bound values), so two searches in a row
must each get their own rows; the index's "more than N" probe agrees with a direct count; a province officer's
units, missions and minutes are checked against the words without probing the index first, and still found."""

import re

import pytest
from sqlalchemy import func, select

from inspection.extensions import db
from inspection.findings.models import Finding
from inspection.textsearch import matches, more_than
from inspection.units.models import Unit
from tests.search import world


@pytest.fixture
def records(app):
    return world.build(app)


def test_matches_shares_one_cache_key_between_words_and_keeps_each_words_rows(records):
    def titles(words):
        return sorted(db.session.scalars(select(Finding.title).where(matches(Finding, words))))

    first = select(Finding.id).where(matches(Finding, "phu quoc"))._generate_cache_key()
    second = select(Finding.id).where(matches(Finding, "an giang"))._generate_cache_key()
    assert first is not None and first == second
    assert titles("phu quoc") == ["Hồ sơ khen thưởng của Đặc khu Phú Quốc thiếu"]
    assert titles("an giang") == ["Hồ sơ khen thưởng của Sở Tư pháp tỉnh An Giang thiếu"]
    assert len(titles("khen thuong")) == 2 and titles("ab") == []  # under three characters: a plain LIKE


@pytest.mark.parametrize("words", ["khen thuong", "phu quoc", "zzz", "ki"])
def test_more_than_agrees_with_a_direct_count(records, words):
    found = db.session.scalar(select(func.count()).select_from(Finding).where(matches(Finding, words)))
    for limit in range(0, 4):
        assert more_than(db.session, Finding, words, limit) == (found > limit), (words, limit, found)


def test_two_searches_in_a_row_each_show_their_own_results(records, login):
    client = login(records["inspector"])
    first = client.get("/search?q=phu quoc").get_data(as_text=True)
    second = client.get("/search?q=an giang").get_data(as_text=True)
    assert "<mark>Phú Quốc</mark>" in first and "An Giang" not in first
    assert "<mark>An Giang</mark>" in second and "Phú Quốc" not in second


def test_an_officer_finds_their_unit_and_mission_without_probing_those_indexes(records, login, count_queries):
    client = login(records["officer_pq"])
    with count_queries() as queries:
        page = client.get("/search?q=phu quoc").get_data(as_text=True)
    for kind in ("units", "missions", "findings", "recommendations"):
        assert f'data-kind="{kind}"' in page, kind
    assert "An Giang" not in page
    probed = {re.search(r"FROM (\w+)_fts", statement).group(1) for statement in queries.statements
              if statement.startswith("SELECT count(*)") and "_fts" in statement}
    assert not probed & {Unit.__tablename__, "mission", "working_session", "self_report"}
    assert len(queries.statements) <= 27  # was 31: four probes of indexes whose answer did not matter
