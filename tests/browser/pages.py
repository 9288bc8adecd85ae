"""What the browser tests do on every page: log in as a user (every browser test logs in through here)."""

import re

from playwright.sync_api import Page, expect

from tests import factories


def submit_login(page: Page, username: str, password: str = factories.PASSWORD) -> None:
    """Fill in and send the login form, whatever comes of it (tests of refused logins read the page after)."""
    page.goto("/login")
    form = page.locator("main form")
    form.get_by_label("Tên đăng nhập").fill(username)
    form.get_by_label("Mật khẩu").fill(password)
    form.get_by_role("button", name="Đăng nhập", exact=True).click()
    page.wait_for_load_state("load")


def log_in(page: Page, user) -> None:
    """Log in as `user` (a User or a user name) and wait until the portal has let them in and the page's scripts
    have run (the menus open by Bootstrap's script at the end of the page: before it runs, a click follows "#")."""
    submit_login(page, getattr(user, "username", user))
    expect(page).not_to_have_url(re.compile(r"/login(\?|$)"))
    page.wait_for_load_state("load")
