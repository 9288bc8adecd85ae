"""Every filter of the register on hand-built data with known answers (tests/dashboard/scenario.py),
read as a user reads the page: the listed recommendations and the total "N kiến nghị"."""

import re

import pytest

from tests.dashboard.scenario import TODAY, build_scenario


@pytest.fixture
def scenario(app, monkeypatch):
    monkeypatch.setattr("inspection.findings.register_views.today_vn", lambda: TODAY)
    return build_scenario()


def listed(client, query: str) -> set[str]:
    """The letters of the recommendations the register lists (KN-a → "a"), checked against its total."""
    page = client.get(f"/recommendations/?{query}").get_data(as_text=True)
    letters = set(re.findall(r">KN-([a-g])</a>", page))
    total = re.search(r'data-total="(\d+)"', page)
    assert total and int(total.group(1)) == len(letters), query
    assert f"{len(letters)} kiến nghị" in page
    return letters


FILTERS = [
    ("", "abcdefg"),
    ("verified=open", "abcdf"),
    ("verified=closed", "eg"),
    ("verified=implemented", "e"),
    ("unit_status=in_progress", "f"),
    ("unit_status=not_started&responsible=D1", "ae"),
    ("unit=P", "abe"),
    ("unit=D1", "aef"),
    ("responsible=D1", "aef"),
    ("responsible=P", ""),
    ("subtree=P", "abef"),
    ("subtree=D2", "b"),
    ("category=communication", "cdfg"),
    ("severity=critical", "abe"),
    ("due_from=16/05/2024&due_to=31/12/2024", "af"),
    ("overdue=y", "abcd"),
    ("aging=1-30", "a"),
    ("aging=31-60", "b"),
    ("aging=61-90", "c"),
    ("aging=91%2B", "d"),
    ("issued_from=01/01/2023&issued_to=31/12/2023", "abe"),
    ("cohort=2022", "cg"),
    ("cohort=2024", "f"),
    ("verified_from=01/01/2024", "e"),
    ("verified_to=31/12/2023", "g"),
    ("verified_from=15/01/2024&verified_to=15/01/2024", "e"),  # 14/01 20:00 UTC is the 15th in Vietnam
    ("verified_before=14/01/2024", "g"),
    ("verified_before=15/01/2024", "eg"),
    ("open_on=31/12/2023", "abcde"),  # e was verified after that day, g before it, f not yet issued
    ("overdue_on=31/12/2023", "e"),  # verified after that day, so still overdue on it
    ("overdue_on=31/03/2024", "cd"),
    ("overdue_on=15/06/2024", "abcd"),
    ("escalated=y", "d"),
    ("overdue=y&category=exemplar_replication&subtree=P", "ab"),
]


@pytest.mark.parametrize(("query", "expected"), FILTERS)
def test_each_filter_lists_exactly_its_recommendations(scenario, login, query, expected):
    assert listed(login(scenario.council), query) == set(expected)


def test_the_group_filter_takes_a_cluster_or_block_of_any_year(scenario, login):
    council = login(scenario.council)
    assert listed(council, f"group={scenario.block_g.id}") == set("aef")
    assert listed(council, f"group={scenario.block_h.id}") == set("cdfg")
    page = council.get("/recommendations/").get_data(as_text=True)
    assert page.index('<optgroup label="2024">') < page.index('<optgroup label="2023">')


def test_my_missions_are_the_missions_the_user_belongs_to(scenario, login):
    assert listed(login(scenario.member), "my_missions=y") == set("abe")
    assert listed(login(scenario.member), "my_missions=y&overdue=y") == set("ab")
    assert listed(login(scenario.council), "my_missions=y") == set()


def test_sorting_by_severity_and_issue_date_and_the_headers_keep_the_filters(scenario, login):
    council = login(scenario.council)
    by_severity = council.get("/recommendations/?sort=severity&order=desc&overdue=y").get_data(as_text=True)
    assert by_severity.index(">KN-a<") < by_severity.index(">KN-c<")
    by_issue = council.get("/recommendations/?sort=issued&order=asc").get_data(as_text=True)
    order = re.findall(r">KN-([a-g])</a>", by_issue)
    assert order == list("dcgeabf")
    assert 'href="/recommendations/?sort=issued&amp;order=desc"' in by_issue  # a second click reverses
    assert 'aria-sort="ascending"' in by_issue
    filtered = council.get("/recommendations/?overdue=y&sort=due").get_data(as_text=True)
    assert "overdue=y&amp;sort=severity&amp;order=asc" in filtered


def test_active_filters_are_shown_and_the_rare_ones_open_their_section(scenario, login):
    council = login(scenario.council)
    plain = council.get("/recommendations/?severity=critical").get_data(as_text=True)
    assert "Mức độ: Rất nghiêm trọng" in plain and "<details class=\"mt-2\">" in plain
    rare = council.get("/recommendations/?aging=31-60&subtree=P").get_data(as_text=True)
    assert "<details class=\"mt-2\" open>" in rare
    assert "Quá hạn (ngày): 31–60 ngày" in rare and "Đơn vị và các đơn vị trực thuộc (mã): Tỉnh P (P)" in rare
    assert 'href="/recommendations/?subtree=P"' in rare  # the chip's × drops only its own filter


@pytest.mark.parametrize(("query", "message"), [
    ("cohort=abc", "Năm ban hành: Không phải số nguyên hợp lệ."),
    ("cohort=20245", "Năm ban hành: "),
    ("aging=2-3", "Quá hạn (ngày): Lựa chọn không hợp lệ."),
    ("group=999999", "Cụm, khối thi đua: Lựa chọn không hợp lệ."),
    ("subtree=NOPE", "Không có đơn vị mang mã: NOPE"),
    ("overdue_on=30/02/2024", "“30/02/2024” không phải ngày hợp lệ"),
])
def test_a_bad_value_is_named_beside_its_field_and_ignored(scenario, login, query, message):
    response = login(scenario.council).get(f"/recommendations/?{query}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and message in page and "is-invalid" in page
    assert 'data-total="7"' in page
