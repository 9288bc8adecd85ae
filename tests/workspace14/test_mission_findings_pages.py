"""The mission workspace shows its findings a page at a time (inspection/findings/mission_panel.py): the figures
count the whole mission, findings past the first page are one click away, a link to a finding opens the page that
holds it, and the page runs the same queries for 3 findings or 65."""

import re
from datetime import date

import pytest
from sqlalchemy import select

from inspection.extensions import db
from inspection.findings.mission_panel import FINDINGS_PER_PAGE
from inspection.findings.models import Finding, UnitStatus
from inspection.timeutil import today_vn
from tests.findings.builders import make_finding, make_recommendation, make_world

FINDING_ROW = re.compile(r'<li class="list-group-item" id="finding-(\d+)">')


@pytest.fixture
def world(app):
    return make_world()


def _grow(world, findings: int, each: int = 2) -> list:
    """`findings` more findings on the mission, `each` recommendations apiece, every other one overdue."""
    made = []
    for index in range(findings):
        finding = make_finding(world.mission, world.own, title=f"Phát hiện thêm {index}")
        for number in range(each):
            due = date(2018, 6, 30) if number % 2 else date(2999, 6, 30)
            rec = make_recommendation(finding, [world.own], due=due)
            rec.responsibilities[0].status = UnitStatus.IN_PROGRESS
        made.append(finding)
    db.session.commit()
    return made


def _shown(html: str) -> list[int]:
    return [int(found) for found in FINDING_ROW.findall(html)]


def _page(client, world, query: str = "") -> str:
    response = client.get(f"/missions/{world.mission.id}{query}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_findings_past_the_first_page_are_reachable_and_the_figures_count_them_all(world, login):
    _grow(world, 2 * FINDINGS_PER_PAGE + 5)  # 46 findings with the world's own: three pages
    client = login(world.member)
    first = _page(client, world)
    assert len(_shown(first)) == FINDINGS_PER_PAGE
    # the figures are the whole mission's: 46 findings, 91 open recommendations of which 46 overdue
    assert "46 kết quả kiểm tra · 91 kiến nghị chưa kết luận · 46 quá hạn" in first
    assert "Kết quả kiểm tra 1–20 trong 46" in first
    assert f"/missions/{world.mission.id}?findings_page=3#mission-findings-heading" in first
    pages = [_shown(_page(client, world, f"?findings_page={number}")) for number in (1, 2, 3)]
    assert [len(ids) for ids in pages] == [20, 20, 6]
    every = [finding_id for ids in pages for finding_id in ids]
    assert len(every) == 46 and set(every) == set(db.session.scalars(
        select(Finding.id).where(Finding.mission_id == world.mission.id)))
    assert "Kết quả kiểm tra 41–46 trong 46" in _page(client, world, "?findings_page=3")


def test_a_small_mission_looks_as_before_without_pages(world, login):
    _grow(world, 3)
    html = _page(login(world.member), world)
    assert len(_shown(html)) == 4
    assert "findings_page=" not in html and "Các trang kết quả kiểm tra" not in html
    assert "Thêm kết quả kiểm tra" in html and "Nhân rộng mô hình còn hạn chế" in html


def test_a_link_to_a_finding_opens_the_page_that_holds_it(world, login):
    made = _grow(world, 2 * FINDINGS_PER_PAGE + 5)
    client = login(world.member)
    last = made[-1]
    html = _page(client, world, f"?finding={last.id}")
    assert f'id="finding-{last.id}"' in html and "Kết quả kiểm tra 41–46 trong 46" in html
    # the finding's own page leads back to the workspace at that finding, and so does its recommendation's
    back = f"/missions/{world.mission.id}?finding={last.id}#finding-{last.id}"
    assert back in client.get(f"/findings/{last.id}").get_data(as_text=True)
    assert back in client.get(f"/recommendations/{last.recommendations[0].id}").get_data(as_text=True)


@pytest.mark.parametrize("query", ["?findings_page=abc", "?findings_page=-2", "?findings_page=0", "?finding=x",
                                   "?findings_page=99999999999999999999", "?finding=987654"])
def test_a_bad_page_or_finding_shows_the_first_page(world, login, query):
    _grow(world, FINDINGS_PER_PAGE + 1)
    html = _page(login(world.member), world, query)
    assert "Kết quả kiểm tra 1–20 trong 22" in html


def test_a_page_past_the_last_shows_the_last(world, login):
    _grow(world, FINDINGS_PER_PAGE + 1)
    assert "Kết quả kiểm tra 21–22 trong 22" in _page(login(world.member), world, "?findings_page=7")


def test_a_unit_officer_pages_and_counts_only_what_they_see(world, login):
    _grow(world, FINDINGS_PER_PAGE + 5)
    world.mission.units.append(world.foreign)  # Cà Mau's officer sees the mission, and only Cà Mau's part of it
    shared = make_finding(world.mission, world.own, title="Phát hiện chung")
    make_recommendation(shared, [world.foreign], text="Kiến nghị giao Cà Mau", due=date(2018, 1, 1))
    make_recommendation(shared, [world.own], text="Kiến nghị giao Kiên Giang", due=date(2999, 1, 1))
    db.session.commit()
    foreign = _page(login(world.foreign_officer), world)
    assert len(_shown(foreign)) == 1 and "Các trang kết quả kiểm tra" not in foreign
    assert "1 kết quả kiểm tra · 1 kiến nghị chưa kết luận · 1 quá hạn" in foreign
    assert "Kiến nghị giao Cà Mau" in foreign and "Kiến nghị giao Kiên Giang" not in foreign
    own = _page(login(world.own_officer), world)
    assert "27 kết quả kiểm tra · 53 kiến nghị chưa kết luận" in own and "Kết quả kiểm tra 1–20 trong 27" in own
    # a link to a finding the officer does not see opens their first page, and shows nothing of it
    unseen = _page(login(world.foreign_officer), world, f"?finding={world.finding.id}")
    assert _shown(unseen) == [shared.id] and "Nhân rộng mô hình còn hạn chế" not in unseen


def _count(count_queries, client, path: str) -> int:
    client.get(path)  # the first request warms the login and the app's caches
    with count_queries() as counter:
        assert client.get(path).status_code == 200
    return counter.count


def test_the_workspace_runs_the_same_queries_for_3_findings_and_65(world, login, count_queries):
    member, officer = login(world.member), login(world.own_officer)
    path = f"/missions/{world.mission.id}"
    _grow(world, 2, each=1)
    few = [_count(count_queries, client, path) for client in (member, officer)]
    made = _grow(world, 62, each=3)
    many = [_count(count_queries, client, path) for client in (member, officer)]
    deep = [_count(count_queries, client, f"{path}?findings_page=4") for client in (member, officer)]
    at_finding = _count(count_queries, member, f"{path}?finding={made[-1].id}")
    assert many == few and deep == few and at_finding == few[0]
    # Ceiling = the page's fixed query budget (measured 15 for the head, with the date warnings' query, and 13 for
    # a unit officer on SQLite, plus a small margin)
    assert many[0] <= 16 and many[1] <= 14


def test_the_overdue_figure_is_as_of_today(world, login):
    finding = make_finding(world.mission, world.own)
    make_recommendation(finding, [world.own], due=today_vn())  # due today: not yet overdue
    db.session.commit()
    assert "2 kết quả kiểm tra · 2 kiến nghị chưa kết luận · 1 quá hạn" in _page(login(world.member), world)
