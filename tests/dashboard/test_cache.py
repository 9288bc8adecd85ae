"""A computed dashboard is reused while nothing changes, and recomputed when something does: at once, or, while
the figures are younger than DASHBOARD_MIN_SECONDS, when asked (the page says there were changes)."""

import re
from datetime import date

import pytest

from inspection.auth.models import Role
from inspection.extensions import db
from inspection.findings import services
from inspection.findings.models import VerificationMethod, VerifiedStatus
from tests.factories import make_unit, make_user
from tests.findings.builders import make_finding, make_mission, make_recommendation


@pytest.fixture
def app_config():
    return {"DASHBOARD_CACHE_SECONDS": 600, "DASHBOARD_MIN_SECONDS": 0}


def open_count(page: str) -> str:
    return re.search(r'Kiến nghị chưa kết luận</h2>\s*<p[^>]*><a href="[^"]+" data-count="(\d+)"', page).group(1)


def test_the_dashboard_is_reused_until_a_recommendation_changes(app, login, count_queries):
    member, council = make_user(Role.INSPECTOR), make_user(Role.COUNCIL)
    mission = make_mission([make_unit(code="KG")], [member])
    rec = make_recommendation(make_finding(mission), issued_on=date(2024, 1, 5), due=date(2024, 3, 1))
    db.session.commit()
    client = login(council)
    first = client.get("/dashboard/").get_data(as_text=True)
    with count_queries() as counter:
        again = client.get("/dashboard/").get_data(as_text=True)
    assert open_count(first) == open_count(again) == "1" and counter.count <= 8
    stamp = re.search(r"Số liệu tính lúc [\d:/ ]+", first).group(0)
    assert stamp in again  # the same figures, computed at the same moment

    services.verify(member, db.session.get(type(rec), rec.id), VerifiedStatus.IMPLEMENTED,
                    VerificationMethod.ON_SITE, None, version=db.session.get(type(rec), rec.id).version)
    db.session.commit()
    assert open_count(client.get("/dashboard/").get_data(as_text=True)) == "0"


def test_young_figures_are_kept_after_a_change_the_page_says_so_and_recomputes_when_asked(app, login):
    app.config["DASHBOARD_MIN_SECONDS"] = 600
    member, council = make_user(Role.INSPECTOR), make_user(Role.COUNCIL)
    rec = make_recommendation(make_finding(make_mission([make_unit(code="KG")], [member])),
                              issued_on=date(2024, 1, 5), due=date(2024, 3, 1))
    db.session.commit()
    client = login(council)
    first = client.get("/dashboard/?severity=").get_data(as_text=True)
    assert open_count(first) == "1" and "data-changed-since" not in first
    services.verify(member, db.session.get(type(rec), rec.id), VerifiedStatus.IMPLEMENTED,
                    VerificationMethod.ON_SITE, None, version=db.session.get(type(rec), rec.id).version)
    db.session.commit()
    kept = client.get("/dashboard/?severity=").get_data(as_text=True)
    assert open_count(kept) == "1" and "Đã có thay đổi sau thời điểm tính số liệu" in kept
    refresh = re.search(r'data-changed-since>.*?<a href="([^"]+)"', kept, re.S).group(1).replace("&amp;", "&")
    assert "refresh=1" in refresh and "severity=" in refresh
    fresh = client.get(refresh).get_data(as_text=True)
    assert open_count(fresh) == "0" and "data-changed-since" not in fresh
    assert open_count(client.get("/dashboard/?severity=").get_data(as_text=True)) == "0"  # the new figures are kept


def test_an_inspector_never_gets_the_councils_figures(app, login):
    member, council = make_user(Role.INSPECTOR), make_user(Role.COUNCIL)
    mine, other = make_mission([make_unit()], [member]), make_mission([make_unit()], [])
    for mission in (mine, other, other):
        make_recommendation(make_finding(mission), issued_on=date(2024, 1, 5), due=date(2024, 3, 1))
    db.session.commit()
    assert open_count(login(council).get("/dashboard/").get_data(as_text=True)) == "3"
    assert open_count(login(member).get("/dashboard/").get_data(as_text=True)) == "1"
