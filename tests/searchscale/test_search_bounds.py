"""The search page at scale: words of one or two characters get a message instead of a scan, counts stop at
a cap ("hơn …") and one kind's pages go no further than it; results stay those the user may see."""

import re

import pytest

from inspection.access import SYSTEM
from inspection.extensions import db
from inspection.nominations import services as nominations
from inspection.nominations.models import DossierStatus, RecipientKind
from tests.nominations.builders import award_form
from tests.search import world


@pytest.fixture
def app_config():
    return {"SEARCH_COUNT_CAP": 3, "PAGE_SIZE": 2}


@pytest.fixture
def records(app):
    records = world.build(app)
    form = award_form("BKUBT")
    for number in range(5):
        nominations.create_dossier(SYSTEM, status=DossierStatus.DRAFT, unit=records["units"]["ag"],
                                   code=f"HS-AG-{number}", year=2018, award_form=form,
                                   recipient_kind=RecipientKind.INDIVIDUAL, recipient_name=f"Trần Thị Mơ {number}")
    db.session.commit()
    return records


def _badge(page: str, kind: str) -> str:
    return re.search(rf'data-kind="{kind}">\s*<h2[^>]*>[^<]*<span class="badge[^"]*">([^<]+)</span>', page).group(1)


@pytest.mark.parametrize("query", ["K", "kg", "Đô", " ư ", "a b"])
def test_one_or_two_characters_get_a_vietnamese_message(records, login, query):
    page = login(records["inspector"]).get("/search", query_string={"q": query}).get_data(as_text=True)
    assert "Từ khóa quá ngắn: gõ ít nhất 3 ký tự" in page
    assert "data-kind=" not in page


def test_three_characters_are_enough(records, login):
    page = login(records["inspector"]).get("/search", query_string={"q": "KG-"}).get_data(as_text=True)
    assert "Từ khóa quá ngắn" not in page
    assert _badge(page, "units") == "1"  # KG-PQ ("KG" alone holds no "-")


def test_counts_stop_at_the_cap_and_say_more(records, login):
    client = login(records["inspector"])
    page = client.get("/search", query_string={"q": "tran thi mo"}).get_data(as_text=True)
    assert _badge(page, "dossiers") == "hơn 3"
    assert "Xem thêm (hơn 3 kết quả)" in page
    one_kind = client.get("/search", query_string={"q": "tran thi mo", "kind": "dossiers"}).get_data(as_text=True)
    assert "Chỉ hiện 3 kết quả đầu tiên" in one_kind
    assert "Trang 1 / 2" in one_kind  # 3 results at 2 a page, not the 5 there are
    last = client.get("/search", query_string={"q": "tran thi mo", "kind": "dossiers", "page": 9})
    assert "Trang 2 / 2" in last.get_data(as_text=True)


def test_under_the_cap_the_count_is_exact(records, login):
    page = login(records["inspector"]).get("/search", query_string={"q": "mo 3"}).get_data(as_text=True)
    assert _badge(page, "dossiers") == "1"


def test_a_unit_officer_still_sees_only_their_units(records, login):
    page = login(records["officer_pq"]).get("/search", query_string={"q": "tran thi mo"}).get_data(as_text=True)
    assert "data-kind=\"dossiers\"" not in page
    mine = login(records["officer_ag"]).get("/search", query_string={"q": "tran thi mo"}).get_data(as_text=True)
    assert _badge(mine, "dossiers") == "hơn 3"
