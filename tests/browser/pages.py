"""What the browser tests do on every page: log in as a user."""

from playwright.sync_api import Page, expect

from tests import factories


def log_in(page: Page, user) -> None:
    page.goto("/login")
    form = page.locator("main form")
    form.get_by_label("Tên đăng nhập").fill(user.username)
    form.get_by_label("Mật khẩu").fill(factories.PASSWORD)
    form.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("button", name=user.full_name)).to_be_visible()
    page.wait_for_load_state("load")  # the menus work once Bootstrap's script at the end of the page has run
