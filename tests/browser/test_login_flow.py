"""In a real browser: each role logs in and lands on its home page; language switch; wrong password."""

import re

import pytest
from playwright.sync_api import Page, expect

from inspection.auth.models import Role
from inspection.extensions import db
from tests import factories
from tests.browser.pages import submit_login

HOME_HEADINGS = {
    Role.ADMIN: "Quản trị hệ thống",
    Role.COUNCIL: "Tổng quan",  # the dashboard: the council has one "Tổng quan"
    Role.INSPECTOR: "Bàn làm việc đoàn kiểm tra",
    Role.UNIT_OFFICER: "Việc cần làm",
}


def _make_user(role: Role, **kwargs):
    units = [factories.make_unit("UBND đặc khu Phú Quốc")] if role == Role.UNIT_OFFICER else []
    user = factories.make_user(role, units=units, **kwargs)
    db.session.commit()
    return user



@pytest.mark.parametrize("role", list(Role), ids=[role.value for role in Role])
def test_each_role_lands_on_its_home_page(page: Page, role: Role):
    user = _make_user(role)
    submit_login(page, user.username)
    expect(page).to_have_url(re.compile(r"/dashboard/$" if role == Role.COUNCIL else r"/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(HOME_HEADINGS[role])
    nav = page.get_by_role("navigation", name="Điều hướng chính")
    nav.get_by_role("button", name="Danh mục").click()
    expect(nav.get_by_role("link", name="Đơn vị", exact=True)).to_be_visible()
    nav.get_by_role("button", name="Danh mục").click()
    admin_menu = page.get_by_role("button", name="Quản trị")
    expect(admin_menu).to_have_count(1 if role in (Role.ADMIN, Role.COUNCIL) else 0)
    if role in (Role.ADMIN, Role.COUNCIL):
        admin_menu.click()
        accounts = page.get_by_role("link", name="Tài khoản", exact=True)
        expect(accounts).to_have_count(1 if role == Role.ADMIN else 0)
        expect(page.get_by_role("link", name="Nhật ký thay đổi")).to_be_visible()


def test_wrong_password_shows_the_vietnamese_message(page: Page):
    user = _make_user(Role.INSPECTOR)
    submit_login(page, user.username, "sai-mat-khau")
    expect(page.get_by_role("alert")).to_contain_text("Tên đăng nhập hoặc mật khẩu không đúng.")
    expect(page).to_have_url(re.compile(r"/login"))


def test_language_switch_is_remembered_for_the_user(page: Page, browser, base_url):
    user = _make_user(Role.COUNCIL)
    submit_login(page, user.username)
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Overview")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    # A new browser session: the choice was saved on the account, not only in the cookie.
    other = browser.new_context(base_url=base_url).new_page()
    other.goto("/login")
    expect(other.get_by_role("heading", level=1)).to_have_text("Đăng nhập")
    other.get_by_label("Tên đăng nhập").fill(user.username)
    other.get_by_label("Mật khẩu").fill(factories.PASSWORD)
    other.get_by_role("button", name="Đăng nhập").click()
    expect(other.get_by_role("heading", level=1)).to_have_text("Overview")
    other.get_by_role("button", name="Tiếng Việt").click()
    expect(other.get_by_role("heading", level=1)).to_have_text("Tổng quan")


@pytest.mark.parametrize("language", ["Tiếng Việt", "English"])
def test_the_longest_menu_stays_on_one_line_on_a_1366_screen(page: Page, language: str):
    """The council's menu (every item but the to-do) on a common office screen: the brand, the items, the search
    box, the account and the language buttons side by side in one row, in either language (the menu's labels
    are short forms of the pages' names, context "menu")."""
    user = _make_user(Role.COUNCIL, full_name="Nguyễn Thị Thu Hương")
    page.set_viewport_size({"width": 1366, "height": 768})
    submit_login(page, user.username)
    if language == "English":
        page.get_by_role("button", name="English").click()
        expect(page.locator("html")).to_have_attribute("lang", "en")
    bar = page.locator("nav.navbar > .container-fluid")
    parts = bar.locator(".navbar-brand, .nav-link, [role=search], form.language-switch")
    tops = parts.evaluate_all("nodes => nodes.map(node => Math.round(node.getBoundingClientRect().top))")
    assert len(tops) >= 9 and max(tops) - min(tops) < 20, tops
