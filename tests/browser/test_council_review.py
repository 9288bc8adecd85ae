"""In a real browser, a council review session from proposal to printed minutes: the council opens a
session and finds the overdue recommendations proposed, extends one to a date with a reason, accepts the
remediation of another, closes the session, and prints the minutes, which list both decisions and
print without the navigation bar.

Only the accounts, units and recommendations come from the builders; the session is typed and clicked as
a person would. Screenshots go to the test's tmp folder or $SCREENSHOTS_DIR."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from inspection.access import SYSTEM
from inspection.auth.models import Role
from inspection.extensions import db
from inspection.findings import services as findings
from inspection.timeutil import today_vn
from tests import factories
from tests.browser.pages import log_in
from tests.findings.builders import make_finding, make_mission

EXTEND_TEXT = "Kiện toàn Hội đồng Thi đua – Khen thưởng cấp huyện và bồi dưỡng nghiệp vụ"
ACCEPT_TEXT = "Xây dựng kế hoạch phát hiện, nhân rộng điển hình tiên tiến"
NOT_YET_TEXT = "Đẩy mạnh tuyên truyền gương người tốt, việc tốt"
EXTEND_REASON = "Đơn vị đang sắp xếp bộ máy sau hợp nhất; Hội đồng đồng ý gia hạn."
CONCLUSION = "Giao Sở Nội vụ theo dõi, đôn đốc các đơn vị thực hiện kiến nghị đúng hạn mới."


def vn(day: date) -> str:
    return day.strftime("%d/%m/%Y")


@pytest.fixture
def council(app):
    """Two recommendations overdue by 60 and 45 days, one not yet due, and a council member."""
    today = today_vn()
    unit = factories.make_unit("Sở Văn hóa và Thể thao", code="SVHTT")
    mission = make_mission([unit], [factories.make_user(Role.INSPECTOR)],
                           title="Đoàn kiểm tra công tác thi đua, khen thưởng năm 2024")
    for text, due in ((EXTEND_TEXT, today - timedelta(days=60)), (ACCEPT_TEXT, today - timedelta(days=45)),
                      (NOT_YET_TEXT, today + timedelta(days=20))):
        findings.create_recommendation(SYSTEM, make_finding(mission, unit), text=text,
                                       issued_on=today - timedelta(days=200), due=due, responsible_units=[unit])
    user = factories.make_user(Role.COUNCIL, username="hoidong.pham", full_name="Phạm Thị Hội Đồng")
    db.session.commit()
    return user



def confirm(page: Page, question: str) -> None:
    """The dialog every irreversible action opens (inspection/confirm.py): read it, then confirm."""
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("heading")).to_contain_text(question)
    dialog.get_by_role("button", name="Xác nhận").click()


def item_card(page: Page, text: str):
    return page.locator("section.card", has=page.get_by_role("link", name=text))


def test_a_review_session_from_proposal_to_printed_minutes(page: Page, council, shots):
    today = today_vn()
    new_due = today + timedelta(days=90)
    page.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
    log_in(page, council)

    # open a session: the overdue items are proposed, the one not yet due is not
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Phiên họp").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Phiên họp Hội đồng")
    page.get_by_role("link", name="Mở phiên họp").click()
    expect(page.get_by_label("Tên phiên họp")).to_have_value("Phiên họp Hội đồng Thi đua – Khen thưởng tỉnh")
    expect(page.get_by_label("Ngày họp")).to_have_value(vn(today))
    page.get_by_label("Địa điểm").fill("Phòng họp số 1, trụ sở UBND tỉnh")
    page.get_by_label("Chủ trì").fill("Nguyễn Văn Chủ – Phó Chủ tịch UBND tỉnh, Chủ tịch Hội đồng")
    page.get_by_label("Thành phần tham dự").fill("Nguyễn Văn Chủ – Chủ tịch Hội đồng\n"
                                                 "Trần Thị Thư – Thư ký Hội đồng\nLê Văn Nội – Giám đốc Sở Nội vụ")
    page.get_by_role("button", name="Mở phiên họp").click()
    expect(page.locator("main > .alert")).to_contain_text("Cổng đề xuất 2 kiến nghị vào chương trình.")
    expect(item_card(page, EXTEND_TEXT)).to_contain_text("Quá hạn 60 ngày")
    expect(item_card(page, ACCEPT_TEXT)).to_contain_text("Quá hạn 45 ngày")
    expect(page.get_by_role("link", name=NOT_YET_TEXT)).to_have_count(0)
    shots(page, "proposed")

    # extend one to a date, with a reason; the date field appears when "Gia hạn" is chosen
    card = item_card(page, EXTEND_TEXT)
    expect(card.get_by_label("Gia hạn đến ngày")).to_be_hidden()
    card.get_by_label("Quyết định").select_option(label="Gia hạn")
    card.get_by_label("Gia hạn đến ngày").fill(vn(new_due))
    card.get_by_label("Ý kiến của Hội đồng").fill(EXTEND_REASON)
    card.get_by_role("button", name="Ghi quyết định").click()
    confirm(page, "Ghi quyết định của Hội đồng về kiến nghị số")
    expect(page.locator("main > .alert")).to_contain_text("đã ghi quyết định “Gia hạn”")
    expect(item_card(page, EXTEND_TEXT)).to_contain_text(f"Quyết định: Gia hạn đến {vn(new_due)}")

    # accept the other's remediation: no note needed
    card = item_card(page, ACCEPT_TEXT)
    card.get_by_label("Quyết định").select_option(label="Chấp nhận kết quả khắc phục")
    card.get_by_role("button", name="Ghi quyết định").click()
    confirm(page, "Ghi quyết định của Hội đồng về kiến nghị số")
    expect(item_card(page, ACCEPT_TEXT)).to_contain_text("Quyết định: Chấp nhận kết quả khắc phục")
    expect(item_card(page, ACCEPT_TEXT)).to_contain_text("Đã thực hiện (đã xác minh)")

    # close the session with the minutes number and a conclusion
    closing = page.get_by_role("region", name="Kết thúc phiên họp")
    closing.get_by_label("Số biên bản").fill("05/BB-HĐTĐKT")
    closing.get_by_label("Kết luận chung của phiên họp").fill(CONCLUSION)
    closing.get_by_role("button", name="Kết thúc phiên họp").click()
    confirm(page, "Kết thúc phiên họp “Phiên họp Hội đồng")
    expect(page.locator("main > .alert")).to_contain_text("Đã kết thúc phiên họp.")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Đã kết thúc")
    expect(page.get_by_role("button", name="Ghi quyết định")).to_have_count(0)
    shots(page, "closed")

    # the minutes list both decisions and print without the navigation bar
    page.get_by_role("link", name="Biên bản", exact=True).click()
    minutes = page.locator("article.minutes-sheet")
    expect(minutes).to_contain_text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    expect(minutes).to_contain_text("BIÊN BẢN PHIÊN HỌP HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG TỈNH")
    expect(minutes).to_contain_text("Số: 05/BB-HĐTĐKT")
    rows = minutes.locator("table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text=EXTEND_TEXT)).to_contain_text("Gia hạn")
    expect(rows.filter(has_text=EXTEND_TEXT)).to_contain_text(f"Đến {vn(new_due)}")
    expect(rows.filter(has_text=EXTEND_TEXT)).to_contain_text(EXTEND_REASON)
    expect(rows.filter(has_text=ACCEPT_TEXT)).to_contain_text("Chấp nhận kết quả khắc phục")
    expect(minutes).to_contain_text(CONCLUSION)
    expect(minutes.get_by_test_id("draft-mark")).to_have_count(0)
    page.get_by_role("button", name="In biên bản").click()
    assert page.evaluate("window.__printed") == 1
    shots(page, "minutes-screen")

    page.emulate_media(media="print")
    expect(page.locator("nav.navbar")).to_be_hidden()
    expect(page.get_by_role("button", name="In biên bản")).to_be_hidden()
    expect(minutes).to_be_visible()
    expect(rows.filter(has_text=EXTEND_TEXT)).to_be_visible()
    shots(page, "minutes-print")
