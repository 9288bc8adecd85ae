"""What a person does on a phone: the menu is collapsed behind its button."""

from playwright.sync_api import Page, expect

from tests.browser import pages


def log_in(page: Page, user) -> None:
    """Logged in as on a desktop, and the menu is behind its button."""
    pages.log_in(page, user)
    expect(page.get_by_role("button", name="Mở menu")).to_be_visible()
    expect(page.get_by_role("button", name=user.full_name)).to_be_hidden()  # behind the menu button


def nav_to(page: Page, link: str) -> None:
    page.get_by_role("button", name="Mở menu").click()
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name=link).click()
    page.wait_for_load_state("load")
