"""The dossier registry's pager is the one pager macro (templates/_macros/ui.html) with its keyset links: numbered
pages up to the counted ones and "Trước" / "Sau" from the rows shown, which a user follows at any depth; "Trang
cuối" when the total was not counted to the end; other lists keep numbered "Trước" / "Sau"."""

import html
import re

import pytest
from sqlalchemy import select

from inspection.auth.models import Role
from inspection.extensions import db
from inspection.nominations.models import Dossier
from tests.factories import make_unit
from tests.listscale.test_registry_pages import dossiers  # noqa: F401 (the fixture: 23 dossiers, pages of 4)


def _order() -> list[str]:
    return list(db.session.scalars(select(Dossier.code).order_by(Dossier.year.desc(), Dossier.unit_id.desc(),
                                                                 Dossier.code.desc())))


def _codes(page: str) -> list[str]:
    return re.findall(r'href="/nominations/dossiers/\d+">([^<]+)</a>', page)


def _pager(page: str) -> dict[str, str]:
    """Link text → href of the pager's enabled links."""
    nav = page[page.index('<ul class="pagination'):page.index("</ul>", page.index('<ul class="pagination'))]
    return {text.strip(): html.unescape(href) for href, text in
            re.findall(r'<li class="page-item(?: active)?">\s*<a class="page-link"[^>]*href="([^"]+)"[^>]*>([^<]+)</a>',
                       nav)}


@pytest.mark.usefixtures("dossiers")
def test_the_registry_pager_offers_numbered_and_keyset_links_and_both_lead_to_the_right_rows(client_as):
    client, order = client_as(Role.COUNCIL), _order()
    second = client.get(_pager(client.get("/nominations/").get_data(as_text=True))["2"]).get_data(as_text=True)
    assert _codes(second) == order[4:8]
    links = _pager(second)
    assert "after=" in links["Sau"] and "before=" in links["Trước"] and links["3"].endswith("page=3")
    third = client.get(links["Sau"]).get_data(as_text=True)
    assert _codes(third) == order[8:12] == _codes(client.get(links["3"]).get_data(as_text=True))
    assert "Trang đầu" in _pager(third)  # off the numbered pages: the way back to the first
    back = client.get(_pager(third)["Trước"]).get_data(as_text=True)
    assert _codes(back) == order[4:8]


@pytest.mark.usefixtures("dossiers")
def test_past_the_counted_pages_the_last_page_link_gives_the_oldest_dossiers(client_as, app):
    app.config.update(REGISTRY_COUNT_CAP=10)
    client, order = client_as(Role.COUNCIL), _order()
    links = _pager(client.get("/nominations/").get_data(as_text=True))
    assert "4" not in links and "Trang cuối" in links  # numbered up to the cap (3 pages of 4)
    last = client.get(links["Trang cuối"]).get_data(as_text=True)
    assert _codes(last) == order[-4:] and "Sau" not in _pager(last)
    before = client.get(_pager(last)["Trước"]).get_data(as_text=True)
    assert _codes(before) == order[-8:-4]
    assert _codes(client.get(_pager(before)["Sau"]).get_data(as_text=True)) == order[-4:]


@pytest.mark.usefixtures("dossiers")
def test_a_numbered_page_kept_as_a_bookmark_still_shows_its_rows(client_as):
    client, order = client_as(Role.COUNCIL), _order()
    assert _codes(client.get("/nominations/?page=6").get_data(as_text=True)) == order[20:]


def test_other_lists_keep_the_numbered_previous_and_next_links(app, client_as):
    for number in range(30):
        make_unit(f"Đơn vị phân trang {number}")
    db.session.commit()
    app.config.update(PAGE_SIZE=10)
    links = _pager(client_as(Role.ADMIN).get("/units/?page=2").get_data(as_text=True))
    assert links["Trước"].endswith("page=1") and links["Sau"].endswith("page=3") and "Trang cuối" not in links
