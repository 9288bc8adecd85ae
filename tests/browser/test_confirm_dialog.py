"""In a real browser, an action that cannot be undone asks in a dialog (static/js/portal.js): going back
changes nothing, confirming does it; with JavaScript off the same question is a page of its own."""

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from inspection.auth.models import Role
from inspection.calendar import services as calendar
from inspection.calendar.models import CalendarDay, DayKind
from inspection.extensions import db
from tests import factories
from tests.browser.pages import log_in

QUESTION = "Xóa ngày nghỉ 29/04/2030?"


@pytest.fixture
def admin(app):
    user = factories.make_user(Role.ADMIN, full_name="Quản Trị Viên")
    calendar.add_day(user, date(2030, 4, 29), DayKind.DAY_OFF, "Nghỉ bù lễ 30/4")
    db.session.commit()
    return user


def _days() -> int:
    db.session.expire_all()
    return db.session.query(CalendarDay).count()


def test_deleting_a_day_asks_in_a_dialog(page: Page, admin):
    log_in(page, admin)
    page.goto("/calendar/?year=2030")
    page.get_by_role("button", name="Xóa ngày 29/04/2030").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("heading")).to_have_text(QUESTION)
    expect(dialog).to_contain_text("các hạn tính theo ngày làm việc")
    dialog.get_by_role("button", name="Quay lại").click()
    expect(dialog).to_be_hidden()
    assert _days() == 1 and "/calendar/" in page.url

    page.get_by_role("button", name="Xóa ngày 29/04/2030").click()
    dialog.get_by_role("button", name="Xác nhận: Xóa ngày").click()
    expect(page.locator("main > .alert")).to_contain_text("Đã xóa ngày nghỉ 29/04/2030.")
    assert _days() == 0


def test_without_javascript_the_question_is_a_page(browser, base_url, admin):
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/login")
    page.get_by_label("Tên đăng nhập").fill(admin.username)
    page.get_by_label("Mật khẩu").fill(factories.PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto("/calendar/?year=2030")
    page.get_by_role("button", name="Xóa ngày 29/04/2030").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(QUESTION)
    assert _days() == 1
    page.get_by_role("link", name="Quay lại").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lịch")
    page.get_by_role("button", name="Xóa ngày 29/04/2030").click()
    page.get_by_role("button", name="Xác nhận: Xóa ngày").click()
    expect(page.locator("main > .alert")).to_contain_text("Đã xóa ngày nghỉ 29/04/2030.")
    assert _days() == 0
    context.close()
