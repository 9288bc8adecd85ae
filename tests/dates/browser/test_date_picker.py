"""In a real browser: the date picker (keyboard, Vietnamese and English words, a phone's width, no JavaScript)
and the due date shown while "N ngày làm việc" is typed, the same date the save stores."""

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from inspection.extensions import db
from inspection.findings.models import Recommendation
from tests.browser.pages import log_in
from tests.findings.builders import make_world

pytestmark = pytest.mark.browser


def _new_recommendation(page: Page, width: int = 1366, height: int = 768):
    world = make_world()
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, world.member)  # the user's menu is a button in the wide navigation
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"/findings/{world.finding.id}/recommendations/new")
    page.wait_for_load_state("load")
    return world


def picker_button(page: Page, field_id: str):
    """The button beside a field: named "Chọn ngày", described by the field's label (which names the field
    alone: get_by_label finds the field only)."""
    return page.locator(f"#{field_id} + button")


def test_choosing_a_date_with_the_keyboard(page: Page, tmp_path):
    _new_recommendation(page)
    field = page.get_by_label("Ngày ban hành")
    field.fill("04/11/2017")
    button = picker_button(page, "issued_on")
    expect(button).to_have_accessible_name("Chọn ngày")
    expect(button).to_have_accessible_description("Ngày ban hành")
    button.click()
    dialog = page.get_by_role("dialog", name="Chọn ngày")
    expect(dialog).to_be_visible()
    expect(dialog).to_have_accessible_description(re.compile(r"^Ngày ban hành Phím mũi tên: đổi ngày"))
    grid = dialog.get_by_role("grid", name="Tháng 11 năm 2017")
    expect(grid.get_by_role("columnheader")).to_have_text(["T2", "T3", "T4", "T5", "T6", "T7", "CN"])
    expect(page.locator(":focus")).to_have_attribute("aria-label", "Thứ Bảy, 4 Tháng 11 năm 2017")
    expect(page.locator(":focus")).to_have_attribute("aria-selected", "true")
    page.keyboard.press("ArrowRight")
    expect(page.locator(":focus")).to_have_attribute("aria-label", "Chủ nhật, 5 Tháng 11 năm 2017")
    page.keyboard.press("ArrowDown")
    expect(page.locator(":focus")).to_have_attribute("aria-label", "Chủ nhật, 12 Tháng 11 năm 2017")
    page.keyboard.press("PageDown")
    expect(dialog.get_by_role("grid", name="Tháng 12 năm 2017")).to_be_visible()
    page.keyboard.press("ArrowLeft")
    expect(page.locator(":focus")).to_have_attribute("aria-label", "Thứ Hai, 11 Tháng 12 năm 2017")
    page.screenshot(path=tmp_path / "picker-vi.png")
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    expect(field).to_have_value("11/12/2017")
    expect(field).to_be_focused()
    print(tmp_path)


def test_escape_closes_without_changing_the_field(page: Page):
    _new_recommendation(page)
    field = page.get_by_label("Ngày ban hành")
    field.fill("04/11/2017")
    button = picker_button(page, "issued_on")
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_be_hidden()
    expect(button).to_be_focused()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(field).to_have_value("04/11/2017")


def test_clicking_a_day_and_the_month_buttons(page: Page):
    _new_recommendation(page)
    field = page.get_by_label("Ngày ban hành")
    field.fill("31/01/2018")
    picker_button(page, "issued_on").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("button", name="Tháng sau").click()
    expect(dialog.get_by_role("grid", name="Tháng 2 năm 2018")).to_be_visible()  # 31/01 + 1 month: 28/02
    dialog.get_by_role("gridcell", name="Thứ Năm, 15 Tháng 2 năm 2018").click()
    expect(field).to_have_value("15/02/2018")


def test_the_due_date_is_shown_before_saving_and_saved_as_shown(page: Page, tmp_path):
    _new_recommendation(page)
    page.get_by_label("Nội dung kiến nghị").fill("Bổ sung hồ sơ khen thưởng còn thiếu")
    page.get_by_label("Ngày ban hành").fill("04/11/2017")
    due = page.get_by_label("Thời hạn thực hiện")
    due.press_sequentially("15 ngày làm việc", delay=20)
    status = page.get_by_role("status").filter(has_text="Hạn:")
    expect(status).to_have_text("Hạn: Thứ Sáu, 24/11/2017 (15 ngày làm việc kể từ 04/11/2017)")
    page.screenshot(path=tmp_path / "due-preview.png")
    # another issue date, chosen in the picker: the due date follows it
    picker_button(page, "issued_on").click()
    page.keyboard.press("ArrowRight")  # Sunday 05/11/2017: still 24/11
    page.keyboard.press("ArrowRight")  # Monday 06/11/2017
    page.keyboard.press("Enter")
    expect(status).to_have_text("Hạn: Thứ Hai, 27/11/2017 (15 ngày làm việc kể từ 06/11/2017)")
    due.fill("abc")
    expect(page.get_by_role("status").filter(has_text="Thời hạn:")).to_contain_text(
        "“abc” không phải ngày hợp lệ hay số ngày làm việc")
    due.fill("15 ngày làm việc")
    expect(status).to_have_text("Hạn: Thứ Hai, 27/11/2017 (15 ngày làm việc kể từ 06/11/2017)")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã ban hành kiến nghị.")).to_be_visible()
    expect(page.locator("main")).to_contain_text("27/11/2017")
    saved = db.session.scalar(select(Recommendation.current_due).where(
        Recommendation.text == "Bổ sung hồ sơ khen thưởng còn thiếu"))
    assert saved.strftime("%d/%m/%Y") == "27/11/2017"


def test_in_english(page: Page):
    _new_recommendation(page)
    page.locator("button[name=locale][value=en]").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.wait_for_load_state("load")  # the English page whole, not still loading when the field is typed into
    page.locator("#issued_on").fill("04/11/2017")
    expect(page.locator("#issued_on")).to_have_value("04/11/2017")
    picker_button(page, "issued_on").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("grid", name="November 2017")).to_be_visible()
    expect(dialog.get_by_role("columnheader")).to_have_text(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"])
    expect(dialog).to_have_accessible_name("Choose a date")
    expect(dialog.get_by_role("button", name="Next month")).to_be_visible()
    expect(page.locator(":focus")).to_have_attribute("aria-label", "Saturday, 4 November 2017")
    page.keyboard.press("Escape")
    page.locator("#due").press_sequentially("15 ngày làm việc", delay=20)
    expect(page.get_by_role("status").filter(has_text="Due:")).to_have_text(
        "Due: Friday, 24/11/2017 (15 working days from 04/11/2017)")


def test_the_picker_fits_a_phone(page: Page, tmp_path):
    _new_recommendation(page, 390, 844)
    page.get_by_label("Thời hạn thực hiện").fill("24/11/2017")
    picker_button(page, "due").click()
    expect(page.get_by_role("dialog")).to_be_visible()
    page.screenshot(path=tmp_path / "picker-390.png")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    box = page.get_by_role("dialog").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    print(tmp_path)


def test_without_javascript_the_fields_are_plain_text(browser, base_url):
    world = make_world()
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    log_in(page, world.member)
    page.goto(f"/findings/{world.finding.id}/recommendations/new")
    expect(page.get_by_role("button", name=re.compile("Chọn ngày"))).to_have_count(0)
    page.get_by_label("Nội dung kiến nghị").fill("Kiến nghị nhập không cần JavaScript")
    page.get_by_label("Ngày ban hành").fill("04/11/2017")
    page.get_by_label("Thời hạn thực hiện").fill("15 ngày làm việc")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã ban hành kiến nghị.")).to_be_visible()
    saved = db.session.scalar(select(Recommendation.current_due).where(
        Recommendation.text == "Kiến nghị nhập không cần JavaScript"))
    assert saved.strftime("%d/%m/%Y") == "24/11/2017"
    context.close()


def test_holidays_are_marked_in_the_calendar(page: Page, tmp_path):
    _new_recommendation(page)
    page.get_by_label("Ngày ban hành").fill("13/02/2026")
    picker_button(page, "issued_on").click()
    dialog = page.get_by_role("dialog", name="Chọn ngày")
    tet = dialog.get_by_role("gridcell", name="Thứ Ba, 17 Tháng 2 năm 2026, Tết Nguyên Đán")
    expect(tet).to_have_class(re.compile(r"\bholiday\b"))
    expect(dialog.get_by_role("gridcell", name="Thứ Sáu, 13 Tháng 2 năm 2026")).to_be_focused()
    expect(dialog.locator("td.holiday")).to_have_count(5)  # giao thừa and mùng 1 to mùng 4
    page.screenshot(path=tmp_path / "picker-tet.png")


def test_typing_in_a_date_field_while_the_page_loads_is_kept(page: Page):
    """The picker wraps its field once its script has run; someone who started typing before (a slow network)
    goes on typing into the same field: nothing typed is lost."""
    world = make_world()
    log_in(page, world.member)
    release = []
    page.route("**/static/js/date-picker.js", lambda route: release.append(route))
    page.goto(f"/findings/{world.finding.id}/recommendations/new", wait_until="commit")
    field = page.get_by_label("Ngày ban hành")
    field.click()
    page.keyboard.press("Control+A")  # over the day the form proposes
    page.keyboard.type("04/11/")
    assert release, "the picker's script was not requested"
    release[0].continue_()
    expect(page.locator("#issued_on + button")).to_be_attached()  # the field is wrapped now
    page.keyboard.type("2017")
    expect(field).to_have_value("04/11/2017")
    expect(field).to_be_focused()
