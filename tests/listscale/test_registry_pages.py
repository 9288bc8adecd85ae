"""The dossier registry at any depth (issue #14): "Sau" / "Trước" links walk the registry by the dossiers' place
in its order (keyset), giving every dossier once and in order whatever the depth, keeping the filters; the
numbered pages (`?page=N`, links people kept) show the same rows; the total stops at a cap and says so; the page
runs the same number of queries on its first page and far into the list."""

import html
import re

import pytest
from sqlalchemy import select

from inspection.access import SYSTEM
from inspection.auth.models import Role
from inspection.extensions import db
from inspection.nominations.catalogue import seed_catalogue
from inspection.nominations.models import Dossier
from inspection.units.models import UnitKind
from tests.factories import make_unit
from tests.nominations.builders import make_dossier


@pytest.fixture
def dossiers(app):
    """23 dossiers over three years and three units, registered in no particular order; pages of 4."""
    seed_catalogue(SYSTEM)
    province = make_unit("UBND tỉnh Thử", code="TT", kind=UnitKind.PROVINCE)
    units = [make_unit(f"Sở {n}", code=f"TT-S{n}", parent=province) for n in range(3)]
    for number in range(23):
        make_dossier(units[number * 7 % 3], code=f"HS-{number * 11 % 23:02d}", year=2016 + number % 3)
    db.session.commit()
    app.config.update(PAGE_SIZE=4)
    return units


def _registry_order(*where) -> list[str]:
    query = select(Dossier.code).where(*where).order_by(Dossier.year.desc(), Dossier.unit_id.desc(),
                                                        Dossier.code.desc())
    return list(db.session.scalars(query))


def _codes(page: str) -> list[str]:
    return re.findall(r'href="/nominations/dossiers/\d+">([^<]+)</a>', page)


def _link(page: str, rel: str) -> str | None:
    found = re.search(rf'<li class="page-item">\s*<a class="page-link" rel="{rel}" href="([^"]+)"', page)
    return html.unescape(found.group(1)) if found else None


def _walk(client, start: str, rel: str) -> tuple[list[list[str]], list[str]]:
    """The pages met following `rel` links from `start`, and the links followed."""
    pages, links, url = [], [], start
    while url:
        page = client.get(url).get_data(as_text=True)
        pages.append(_codes(page))
        url = _link(page, rel)
        links.append(url)
    return pages, links


def test_next_links_give_every_dossier_once_in_order_and_previous_links_walk_back(dossiers, client_as):
    client = client_as(Role.COUNCIL)
    forward, links = _walk(client, "/nominations/", "next")
    assert [code for page in forward for code in page] == _registry_order()
    assert all(len(page) == 4 for page in forward[:-1]) and len(forward) == 6
    assert all("after=" in link for link in links[:-1])  # keyset links, not a deep offset
    last = links[-2]  # the last page, reached by "Sau"
    backward, _ = _walk(client, last, "prev")
    assert backward == forward[::-1]  # "Trước" from the last page gives the same pages back to the first


def test_the_links_keep_the_filters(dossiers, client_as):
    client = client_as(Role.COUNCIL)
    unit = dossiers[1]
    forward, links = _walk(client, f"/nominations/?unit={unit.code}&year_from=2017", "next")
    expected = _registry_order(Dossier.unit_id == unit.id, Dossier.year >= 2017)
    assert [code for page in forward for code in page] == expected and len(forward) > 1
    assert all(f"unit={unit.code}" in link and "year_from=2017" in link for link in links[:-1])


def test_numbered_pages_show_the_same_rows_as_the_next_links(dossiers, client_as):
    client = client_as(Role.COUNCIL)
    forward, _ = _walk(client, "/nominations/", "next")
    numbered = [_codes(client.get(f"/nominations/?page={n}").get_data(as_text=True)) for n in range(1, 7)]
    assert numbered == forward
    assert client.get("/nominations/?page=7").status_code == 404


def test_a_dossier_added_meanwhile_is_neither_repeated_nor_skipped_by_the_next_link(dossiers, client_as):
    client = client_as(Role.COUNCIL)
    first = client.get("/nominations/").get_data(as_text=True)
    make_dossier(dossiers[2], code="HS-99", year=2018)  # sorts first: before the page already read
    db.session.commit()
    second = _codes(client.get(_link(first, "next")).get_data(as_text=True))
    assert second == _registry_order()[5:9]  # the new dossier shifted nothing after the first page's last


def test_the_total_stops_at_the_cap_and_says_so(dossiers, client_as, app):
    app.config.update(REGISTRY_COUNT_CAP=10)
    page = client_as(Role.COUNCIL).get("/nominations/").get_data(as_text=True)
    assert "Tổng số: hơn 10" in page
    assert 'href="/nominations/?page=3"' in page and "page=4" not in page  # numbered links up to the cap
    app.config.update(REGISTRY_COUNT_CAP=100)
    assert "Tổng số: 23" in client_as(Role.COUNCIL).get("/nominations/").get_data(as_text=True)


def test_a_unit_officer_walks_only_their_units_dossiers(dossiers, client_as):
    client = client_as(Role.UNIT_OFFICER, units=[dossiers[0]])
    forward, _ = _walk(client, "/nominations/", "next")
    assert [code for page in forward for code in page] == _registry_order(Dossier.unit_id == dossiers[0].id)


def test_a_deep_page_runs_as_many_queries_as_the_first(dossiers, client_as, count_queries):
    client = client_as(Role.COUNCIL)
    forward, links = _walk(client, "/nominations/", "next")
    counts = []
    for url in ("/nominations/", links[3], "/nominations/?page=5"):
        with count_queries() as counter:
            assert client.get(url).status_code == 200
        counts.append(counter.count)
    # the keyset page reads the place of its dossier: one query more than a numbered page
    assert counts[0] == counts[2] and counts[1] == counts[0] + 1, counts
    assert max(counts) <= 11, counts


def test_a_subtree_read_year_by_year_walks_the_same_rows_both_ways(dossiers, client_as):
    """A registry of some units (PostgreSQL reads it year by year, registry_pages._by_year): "Sau" from the first
    page, "Trước" from the last ("Trang cuối") and the numbered pages give the registry's order, for a province's
    subtree and for an officer of one unit."""
    province = dossiers[0].parent.code
    client = client_as(Role.COUNCIL)
    start = f"/nominations/?unit={province}&subtree=y"
    forward, _ = _walk(client, start, "next")
    assert [code for page in forward for code in page] == _registry_order()
    backward, _ = _walk(client, f"{start}&last=1", "prev")  # pages counted from the oldest row
    assert [code for page in backward[::-1] for code in page] == _registry_order()
    assert [_codes(client.get(f"{start}&page={n}").get_data(as_text=True)) for n in (2, 3)] == forward[1:3]
    officer = client_as(Role.UNIT_OFFICER, units=[dossiers[2]])
    mine, _ = _walk(officer, "/nominations/?last=1", "prev")
    assert [code for page in mine[::-1] for code in page] == _registry_order(Dossier.unit_id == dossiers[2].id)
