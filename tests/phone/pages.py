"""What a person does on a phone: the menu is collapsed behind its button."""

from playwright.sync_api import Page, expect

from tests import factories


def log_in(page: Page, user) -> None:
    page.goto("/login")
    form = page.locator("main form")
    form.get_by_label("Tên đăng nhập").fill(user.username)
    form.get_by_label("Mật khẩu").fill(factories.PASSWORD)
    form.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state("load")  # the menu opens once Bootstrap's script at the end of the page has run
    expect(page.get_by_role("button", name="Mở menu")).to_be_visible()
    expect(page.get_by_role("button", name=user.full_name)).to_be_hidden()  # behind the menu button


def nav_to(page: Page, link: str) -> None:
    page.get_by_role("button", name="Mở menu").click()
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name=link).click()
    page.wait_for_load_state("load")
