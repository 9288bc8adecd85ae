"""Issue 11, "Phone": every role's main pages at 390×844 fit the screen (nothing wider than it, no word split
across lines); the unit officer's to-do page shows each recommendation as a card whose fields carry the
column headings as labels, and the unit answers, reports done and asks for an extension from a phone.
At 1366×768 the to-do page is still a table. Screenshots of every page go to the test's tmp folder (or
$SCREENSHOTS_DIR)."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from inspection.extensions import db
from inspection.responses import services as responses
from inspection.timeutil import today_vn
from tests import factories
from tests.browser import pages as desktop
from tests.council.builders import Scene, ask_extension, make_scene
from tests.phone.conftest import DESKTOP
from tests.phone.layout import assert_fits
from tests.phone.pages import log_in, nav_to

OVERDUE_TEXT = ("Kiện toàn Hội đồng Thi đua – Khen thưởng các cấp và tổ chức bồi dưỡng nghiệp vụ cho đội ngũ "
                "làm công tác thi đua, khen thưởng ở cơ sở")
DUE_SOON_TEXT = "Xây dựng kế hoạch phát hiện, bồi dưỡng và nhân rộng điển hình tiên tiến giai đoạn 2025–2030"
EXTENDED_TEXT = "Rà soát, hoàn thành hồ sơ đề nghị phong tặng, truy tặng danh hiệu còn tồn đọng"
ANSWER = "Đơn vị đã ban hành quyết định kiện toàn Hội đồng; gửi kèm bản scan quyết định."
EVIDENCE_NAME = "quyet-dinh-kien-toan-hoi-dong-thi-dua-khen-thuong.pdf"
COLUMNS = ["Kiến nghị", "Tồn tại, hạn chế", "Đoàn kiểm tra", "Đơn vị thực hiện", "Hạn", "Trạng thái của đơn vị",
           "Việc đơn vị cần làm"]


def pdf_bytes() -> bytes:
    return (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
            b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n"
            b"trailer << /Root 1 0 R >>\n%%EOF\n")


@pytest.fixture
def scene(app) -> Scene:
    """The department's officer has an overdue recommendation, one due in 5 days and one with a follow-up action,
    a message and an extension request; the council has a review session open today."""
    scene = make_scene()
    today = today_vn()
    scene.rec(today - timedelta(days=40), text=OVERDUE_TEXT)
    scene.rec(today + timedelta(days=5), text=DUE_SOON_TEXT)
    extended = scene.rec(today + timedelta(days=60), text=EXTENDED_TEXT)
    share = extended.responsibilities[0]
    responses.add_action(scene.officer, share, "Lập danh sách hồ sơ tồn đọng theo từng năm", who="Phòng Thi đua",
                         due=today + timedelta(days=20), progress=40)
    responses.post_message(scene.officer, extended, "Đơn vị đang rà soát hồ sơ tồn đọng từ năm 2015.",
                           unit=scene.unit)
    ask_extension(scene, extended, today + timedelta(days=120), "Chờ Bộ Nội vụ hướng dẫn hồ sơ truy tặng.")
    db.session.commit()
    scene.open_session(held_on=today)
    return scene


def cards(page: Page):
    return page.locator("main table.table-cards > tbody > tr")


def labels(card) -> list[str]:
    """The labels a card shows before its fields (CSS generated content, from each cell's data-label). Read once
    the page has loaded: before its stylesheet applies, the cells have no generated content."""
    card.page.wait_for_load_state("load")
    card.locator("td").first.wait_for()
    shown = card.locator("td").evaluate_all("tds => tds.map(td => getComputedStyle(td, '::before').content)")
    return [label.strip('"') for label in shown if label != "none"]


def shown(page: Page, shots, name: str) -> None:
    """What the page looks like (a screenshot to look at) fits the phone's screen."""
    shots(page, name)
    assert_fits(page)


def test_the_to_do_page_is_cards_on_a_phone(page: Page, scene: Scene, shots):
    log_in(page, scene.officer)
    nav_to(page, "Việc cần làm")
    expect(page.get_by_role("heading", level=1)).to_have_text("Việc cần làm")
    overdue = page.get_by_role("region", name=re.compile(r"^Quá hạn"))
    expect(overdue.get_by_role("link", name=OVERDUE_TEXT)).to_be_visible()
    shown(page, shots, "todo")

    expect(cards(page)).to_have_count(3)
    # a card is still a row of cells to a screen reader, whatever the browser does with display:block
    assert page.locator("main table.table-cards").first.get_attribute("role") == "table"
    assert cards(page).first.get_attribute("role") == "row"
    assert set(cards(page).first.locator("td").evaluate_all("tds => tds.map(td => td.getAttribute('role'))")) == {
        "cell"}
    for card in cards(page).all():
        assert card.bounding_box()["width"] > 300
        cells = card.locator("td")
        boxes = [cells.nth(i).bounding_box() for i in range(cells.count())]
        assert all(box["width"] > 300 for box in boxes)  # one field under another, not side by side
        assert [box["y"] for box in boxes] == sorted(box["y"] for box in boxes)
        assert labels(card) == COLUMNS  # each field labelled with its column's heading
    heading_rows = page.locator("main table.table-cards thead")
    assert heading_rows.first.evaluate("thead => thead.getBoundingClientRect().height") <= 1  # screen readers' only
    assert heading_rows.first.locator("th").all_text_contents() == COLUMNS


def test_the_to_do_cards_in_english_carry_the_english_headings(page: Page, scene: Scene, shots):
    page.goto("/login")
    page.get_by_role("button", name="English").click()
    form = page.locator("main form")
    form.get_by_label("User name").fill(scene.officer.username)
    form.get_by_label("Password").fill(factories.PASSWORD)
    form.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Open menu")).to_be_visible()
    page.goto("/todo")
    expect(page.get_by_role("heading", level=1)).to_have_text("To-do")
    shown(page, shots, "todo-english")
    headings = page.locator("main table.table-cards thead").first.locator("th").all_text_contents()
    assert headings[0] == "Recommendation"
    for card in cards(page).all():
        assert labels(card) == headings


def test_the_to_do_page_is_a_table_on_a_desktop(page: Page, scene: Scene, shots):
    page.set_viewport_size(DESKTOP)
    desktop.log_in(page, scene.officer)
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Việc cần làm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Việc cần làm")
    shown(page, shots, "todo-desktop")
    overdue = page.get_by_role("region", name=re.compile(r"^Quá hạn"))
    expect(overdue.get_by_role("columnheader")).to_have_text(COLUMNS)
    row = overdue.get_by_role("row").filter(has_text=OVERDUE_TEXT)
    cells = row.locator("td")
    assert cells.evaluate_all("tds => tds.map(td => getComputedStyle(td).display)") == ["table-cell"] * len(COLUMNS)
    tops = {round(cells.nth(i).bounding_box()["y"]) for i in range(len(COLUMNS))}
    assert len(tops) == 1  # side by side in one row
    assert cells.evaluate_all("tds => tds.map(td => getComputedStyle(td, '::before').content)") == (
        ["none"] * len(COLUMNS))


def test_the_unit_answers_reports_done_and_asks_for_more_time_on_a_phone(page: Page, scene: Scene, shots,
                                                                           tmp_path):
    evidence = tmp_path / EVIDENCE_NAME
    evidence.write_bytes(pdf_bytes())
    today = today_vn()
    log_in(page, scene.officer)
    nav_to(page, "Việc cần làm")
    page.get_by_role("link", name=OVERDUE_TEXT).click()
    expect(page.locator("main")).to_contain_text(OVERDUE_TEXT)
    shown(page, shots, "recommendation")

    conversation = page.get_by_role("region", name="Trao đổi giữa đơn vị và đoàn kiểm tra")
    conversation.get_by_label("Nội dung trao đổi").fill(ANSWER)
    conversation.get_by_label("Tệp minh chứng (PDF, Word, Excel, ảnh; có thể chọn nhiều tệp)").set_input_files(
        str(evidence))
    conversation.get_by_role("button", name="Gửi", exact=True).click()
    expect(page.locator("main > .alert")).to_contain_text("Đã gửi trao đổi kèm 1 tệp minh chứng.")
    message = page.get_by_role("region", name="Trao đổi giữa đơn vị và đoàn kiểm tra").get_by_role(
        "listitem").filter(has_text=ANSWER)
    expect(message.get_by_role("link", name=EVIDENCE_NAME)).to_be_visible()
    evidence_card = page.get_by_role("region", name="Minh chứng", exact=True).locator("tbody tr")
    assert labels(evidence_card) == ["Phiên bản", "Tệp", "Dung lượng", "SHA-256", "Người tải lên", "Thời điểm"]
    assert evidence_card.bounding_box()["width"] > 300
    shown(page, shots, "answered")

    progress = page.get_by_role("region", name="Cập nhật tiến độ của đơn vị")
    progress.get_by_label("Trạng thái mới").select_option(label="Đã báo cáo hoàn thành")
    progress.get_by_label("Ghi chú tiến độ (gửi vào phần trao đổi)").fill("Đã hoàn thành kiện toàn Hội đồng.")
    progress.get_by_role("button", name="Báo cáo tiến độ").click()
    expect(page.locator("main > .alert")).to_contain_text("Đã báo cáo hoàn thành")
    expect(page.get_by_role("region", name="Cập nhật tiến độ của đơn vị")).to_contain_text(
        "Trạng thái hiện tại: Đã báo cáo hoàn thành")
    assert_fits(page)

    deadline = page.get_by_role("region", name="Hạn thực hiện và gia hạn")
    deadline.get_by_text("Đề nghị gia hạn", exact=True).click()
    requested = (today + timedelta(days=30)).strftime("%d/%m/%Y")
    deadline.get_by_label("Ngày đề nghị gia hạn").fill(requested)
    deadline.get_by_label("Lý do đề nghị gia hạn").fill("Chờ Ủy ban nhân dân tỉnh phê duyệt đề án.")
    deadline.get_by_role("button", name="Gửi đề nghị gia hạn").click()
    expect(page.locator("main > .alert")).to_contain_text(f"Đã gửi đề nghị gia hạn đến {requested}")
    request_card = page.get_by_role("region", name="Hạn thực hiện và gia hạn").locator("tbody tr").first
    assert labels(request_card) == ["Đề nghị", "Lý do", "Hạn", "Kết quả", "Quyết định"]
    assert request_card.bounding_box()["width"] > 300
    shown(page, shots, "reported-and-asked")


def test_the_inspectors_pages_fit_a_phone(page: Page, scene: Scene, shots):
    log_in(page, scene.member)
    expect(page.get_by_role("heading", level=1)).to_have_text("Bàn làm việc đoàn kiểm tra")
    shown(page, shots, "desk")

    page.get_by_role("link", name=scene.mission.title, exact=True).first.click()  # the desk names it too
    expect(page.get_by_role("heading", level=1)).to_have_text(scene.mission.title)
    shown(page, shots, "mission-workspace")

    page.get_by_role("link", name=EXTENDED_TEXT).first.click()
    expect(page.locator("main")).to_contain_text(EXTENDED_TEXT)
    shown(page, shots, "recommendation-with-extension-request")

    nav_to(page, "Kiến nghị")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sổ theo dõi kiến nghị")
    shown(page, shots, "register")


def test_the_councils_pages_fit_a_phone(page: Page, scene: Scene, shots):
    log_in(page, scene.council)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tổng quan")
    shown(page, shots, "dashboard")

    nav_to(page, "Phiên họp")
    expect(page.get_by_role("heading", level=1)).to_have_text("Phiên họp Hội đồng")
    shown(page, shots, "sessions")
    page.get_by_role("main").get_by_role("link", name=re.compile("Phiên họp Hội đồng Thi đua")).first.click()
    expect(page.locator("main")).to_contain_text(OVERDUE_TEXT)
    shown(page, shots, "review-session")

    nav_to(page, "Kiến nghị")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sổ theo dõi kiến nghị")
    shown(page, shots, "register")


def test_the_administrators_pages_fit_a_phone(page: Page, scene: Scene, shots):
    log_in(page, scene.admin)
    expect(page.get_by_role("heading", level=1)).to_have_text("Quản trị hệ thống")
    shown(page, shots, "admin-home")
    for item, name in (("Tài khoản", "users"), ("Nhật ký thay đổi", "audit-log")):
        page.get_by_role("button", name="Mở menu").click()
        page.get_by_role("button", name="Quản trị").click()
        page.get_by_role("link", name=item, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(item)
        shown(page, shots, name)
