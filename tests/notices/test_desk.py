"""The inspector's desk: per mission and in total, what waits for the inspector (reports of done to verify,
extension requests to decide, units' answers they have not read), each number a link to the register filtered
to exactly those recommendations. Read means: the inspector opened the recommendation's page or the notice."""

import html
import re
from datetime import date

import pytest

from inspection.extensions import db
from inspection.findings import services as findings
from inspection.findings.models import UnitStatus, VerificationMethod, VerifiedStatus
from inspection.responses import services as responses
from inspection.responses.deadlines import pending_request
from tests.findings.builders import make_finding, make_mission
from tests.notices.conftest import World


@pytest.fixture
def busy(world: World):
    """Mission 1: one report of done, one extension request, one unit message; mission 2 (the head's only):
    one unit message."""
    w = world
    responses.report_progress(w.officer, w.recommendation.responsibilities[0], UnitStatus.REPORTED_DONE)
    w.extended = w.issue(text="Bổ sung quy chế thi đua")
    responses.request_extension(w.officer, w.extended, w.home, date(2026, 12, 31), "Chờ hướng dẫn")
    w.answered = w.issue(text="Tổ chức tập huấn nghiệp vụ")
    responses.post_message(w.officer, w.answered, "Đã lên kế hoạch tập huấn tháng 5.")
    w.second = make_mission([w.other], [w.head], title="Đoàn kiểm tra chuyên đề Sở Y tế")
    w.elsewhere = w.issue([w.other], text="Cập nhật sổ vàng", finding=make_finding(w.second, w.other))
    responses.post_message(w.other_officer, w.elsewhere, "Đã cập nhật sổ vàng.")
    db.session.commit()
    return w


def _cell(page: str, mission, kind: str) -> tuple[str, str | None]:
    """(number, link) of a desk cell; mission None: the total row."""
    row_key = "total" if mission is None else str(mission.id)
    row = re.search(rf'<tr data-mission="{row_key}">(.*?)</tr>', page, re.S)
    assert row, f"no desk row for {row_key}"
    cell = re.search(rf'<td[^>]*data-kind="{kind}">(.*?)</td>', row.group(1), re.S).group(1)
    link = re.search(r'href="([^"]+)"', cell)
    return re.sub(r"<[^>]+>", "", cell).strip(), html.unescape(link.group(1)) if link else None


def _desk(client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return response.get_data(as_text=True)


#: a register row's link, after the recommendation's number
ROW_LINK = r'fw-semibold">[^<]+</span> <a href="/recommendations/(\d+)"'


def _listed(client, link: str) -> set[int]:
    page = client.get(link).get_data(as_text=True)
    return {int(found) for found in re.findall(ROW_LINK, page)}


def test_per_mission_and_total_counts(busy, login):
    page = _desk(login(busy.head))
    assert [_cell(page, busy.mission, kind)[0] for kind in ("verify", "extension", "unread")] == ["1", "1", "1"]
    assert [_cell(page, busy.second, kind)[0] for kind in ("verify", "extension", "unread")] == ["0", "0", "1"]
    assert [_cell(page, None, kind)[0] for kind in ("verify", "extension", "unread")] == ["1", "1", "2"]
    assert "Đoàn kiểm tra chuyên đề Sở Y tế" in page


def test_each_number_links_to_exactly_its_recommendations(busy, login):
    client = login(busy.head)
    page = _desk(client)
    expected = {("verify", busy.mission.id): {busy.recommendation.id},
                ("extension", busy.mission.id): {busy.extended.id},
                ("unread", busy.mission.id): {busy.answered.id},
                ("unread", busy.second.id): {busy.elsewhere.id},
                ("unread", None): {busy.answered.id, busy.elsewhere.id},
                ("verify", None): {busy.recommendation.id}}
    for (kind, mission_id), ids in expected.items():
        mission = None if mission_id is None else (busy.mission if mission_id == busy.mission.id else busy.second)
        number, link = _cell(page, mission, kind)
        assert link.startswith("/recommendations/?") and f"waiting={kind}" in link
        assert _listed(client, link) == ids and int(number) == len(ids)


def test_opening_the_recommendation_reads_its_answers_for_that_inspector_only(busy, login):
    head, member = login(busy.head), login(busy.member)
    assert head.get(f"/recommendations/{busy.answered.id}").status_code == 200
    assert _cell(_desk(head), busy.mission, "unread")[0] == "0"
    assert _cell(_desk(head), None, "unread")[0] == "1"  # mission 2's answer is still unread
    assert _cell(_desk(member), busy.mission, "unread")[0] == "1"

    responses.post_message(busy.colleague, busy.answered, "Bổ sung: danh sách học viên.")  # a new answer
    db.session.commit()
    assert _cell(_desk(head), busy.mission, "unread")[0] == "1"


def test_what_was_dealt_with_leaves_the_desk(busy, login):
    client = login(busy.head)
    responses.decide_extension(busy.head, pending_request(busy.extended, busy.home), True)
    findings.verify(busy.member, busy.recommendation, VerifiedStatus.IMPLEMENTED, VerificationMethod.DESK_REVIEW,
                    None, version=busy.recommendation.version)
    db.session.commit()
    page = _desk(client)
    assert _cell(page, None, "extension")[0] == "0" and _cell(page, None, "verify")[0] == "0"


def test_an_inspector_with_nothing_waiting_is_told_so(busy, login):
    page = _desk(login(busy.outsider))
    assert 'id="desk-empty"' in page and "Không có việc nào đang chờ bạn" in page


def test_a_bad_waiting_filter_is_named_and_ignored(busy, login):
    response = login(busy.head).get("/recommendations/?waiting=everything")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Lựa chọn không hợp lệ." in page
    assert len(re.findall(ROW_LINK, page)) == 4  # ignored: every recommendation


def test_the_desk_is_a_fixed_number_of_queries(busy, login, count_queries):
    client = login(busy.head)
    with count_queries() as few:
        _desk(client)
    for number in range(4):
        mission = make_mission([busy.home], [busy.head], title=f"Đoàn bổ sung {number}")
        rec = busy.issue(text=f"Kiến nghị bổ sung {number}", finding=make_finding(mission, busy.home))
        responses.post_message(busy.officer, rec, "Đã nhận.")
        responses.report_progress(busy.officer, rec.responsibilities[0], UnitStatus.REPORTED_DONE)
    db.session.commit()
    with count_queries() as many:
        page = _desk(client)
    assert _cell(page, None, "unread")[0] == "6"
    assert many.count == few.count and many.count <= 12, (few.count, many.count)
