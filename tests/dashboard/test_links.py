"""THE test of the dashboard: every number on it links to the register, and the register lists exactly that
many recommendations — for the council, with the dashboard's filters, and for an inspector (own missions)."""

import html
import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from inspection.extensions import db
from inspection.groups.models import GroupMember, MemberRole
from tests.dashboard.scenario import TODAY
from tests.findings.builders import make_finding, make_recommendation

LINK = re.compile(r'<a href="([^"]+)" data-count="(\d+)">([^<]*)</a>')
UNLINKED = re.compile(r'<span data-count="(\d+)"')
TOTAL = re.compile(r'data-total="(\d+)"')


def dashboard_links(client, query: str = "") -> list[tuple[str, int]]:
    page = client.get(f"/dashboard/?{query}").get_data(as_text=True)
    links = []
    # a number without a list: its filters cannot both hold (the period misses the cohort year), so it is 0
    assert set(UNLINKED.findall(page)) <= {"0"}
    for href, count, text in LINK.findall(page):
        assert text == f"{int(count):,}".replace(",", "."), f"{href} shows {text} for {count}"
        links.append((html.unescape(href), int(count)))
    return links


def register_total(client, href: str) -> int:
    response = client.get(href)
    assert response.status_code == 200, href
    page = response.get_data(as_text=True)
    assert "is-invalid" not in page, f"the register refused a filter of {href}"
    return int(TOTAL.search(page).group(1))


def assert_every_link_agrees(client, links) -> None:
    checked: dict[str, int] = {}
    for href, count in links:
        assert urlsplit(href).path == "/recommendations/"
        total = checked[href] if href in checked else checked.setdefault(href, register_total(client, href))
        assert total == count, f"{href}: the dashboard shows {count}, the register lists {total}"


def test_every_number_on_the_council_dashboard_is_the_count_of_its_list(scenario, login):
    council = login(scenario.council)
    links = dashboard_links(council)
    assert len(links) > 150 and any(count for _href, count in links)
    assert_every_link_agrees(council, links)


@pytest.mark.parametrize("query", ["issued_from=01/01/2022&issued_to=31/12/2023&subtree=P", "group={block_h}"])
def test_the_dashboard_filters_go_into_every_link_and_the_counts_still_agree(scenario, login, query):
    query = query.format(block_h=scenario.block_h.id)
    council = login(scenario.council)
    links = dashboard_links(council, query)
    wanted = parse_qs(query)
    for href, _count in links:
        args = parse_qs(urlsplit(href).query)
        for name, values in wanted.items():
            assert name in args, f"{href} lost {name}"
            if name not in ("issued_from", "issued_to"):  # a month or a cohort may narrow the period
                assert args[name] == values
    assert_every_link_agrees(council, links)


def test_an_inspector_sees_only_their_missions_and_every_link_says_so(scenario, login):
    member = login(scenario.member)
    page = member.get("/dashboard/").get_data(as_text=True)
    assert "Chỉ gồm kiến nghị của các đoàn kiểm tra" in page
    links = dashboard_links(member)
    assert all(parse_qs(urlsplit(href).query).get("my_missions") == ["y"] for href, _count in links)
    assert_every_link_agrees(member, links)
    open_link = re.search(r'Kiến nghị chưa kết luận</h2>\s*<p[^>]*><a href="[^"]+" data-count="(\d+)"', page)
    assert open_link.group(1) == "2"  # KN-a and KN-b; M2's items are not theirs
    assert "Đoàn M2" not in page


def test_a_joint_recommendation_counts_once_per_group_and_once_per_unit(scenario, login):
    """KN-h goes to two members of block G: one recommendation in the block's row, one in each unit's."""
    scenario.block_g.members.append(GroupMember(unit=scenario.d2, role=MemberRole.MEMBER, role_order=2))
    make_recommendation(make_finding(scenario.m1, scenario.province), [scenario.d1, scenario.d2], text="KN-h",
                        issued_on=TODAY, due=TODAY.replace(year=2025))
    db.session.commit()
    council = login(scenario.council)
    page = council.get("/dashboard/").get_data(as_text=True)
    block_row = re.search(r'<th scope="row" class="fw-normal">Khối G.*?</tr>', page, re.S).group(0)
    assert LINK.findall(block_row)[0][1] == "4"  # KN-a, KN-b (D2 joined), KN-f, KN-h once; KN-e is closed
    d1_row = re.search(r'<th scope="row" class="fw-normal">Sở D1.*?</tr>', page, re.S).group(0)
    assert LINK.findall(d1_row)[0][1] == "3"  # KN-a, KN-f, KN-h
    group_links = [(html.unescape(href), int(count)) for href, count, _text in LINK.findall(block_row + d1_row)]
    assert_every_link_agrees(council, group_links)


def test_the_charts_show_the_numbers_of_the_tables(scenario, login):
    page = login(scenario.council).get("/dashboard/").get_data(as_text=True)
    data = json.loads(re.search(r'<script type="application/json" id="dashboard-data">(.*?)</script>',
                                page, re.S).group(1))
    table = {(html.unescape(href), int(count)) for href, count, _text in LINK.findall(page)}
    charted = [(href, value) for key in ("aging", "units", "category", "severity", "trend")
               for series in data[key]["series"] for href, value in zip(series["hrefs"], series["values"], strict=True)]
    assert charted and all(pair in table for pair in charted)
    assert data["aging"]["series"][0]["values"] == [1, 1, 1, 1]
    assert "chart.umd.min.js" in page and "js/dashboard.js" in page
    assert "<script>" not in page  # no inline code: the data is JSON, the code a static file


def test_the_clusters_and_blocks_of_another_year(scenario, login):
    council = login(scenario.council)
    latest = council.get("/dashboard/").get_data(as_text=True)
    assert "Theo cụm, khối thi đua (năm 2024)" in latest and 'fw-normal">Khối G' in latest
    assert 'href="/dashboard/?group_year=2023"' in latest
    earlier = council.get("/dashboard/?group_year=2023").get_data(as_text=True)
    assert "Theo cụm, khối thi đua (năm 2023)" in earlier and 'fw-normal">Khối G' not in earlier
    row = re.search(r'<th scope="row" class="fw-normal">Cụm H.*?</tr>', earlier, re.S).group(0)
    links = [(html.unescape(href), int(count)) for href, count, _text in LINK.findall(row)]
    assert links[0][1] == 3  # KN-c, KN-d, KN-f (KN-g is closed)
    assert_every_link_agrees(council, links)
