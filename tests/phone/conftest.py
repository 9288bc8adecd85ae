"""Phone-sized browser tests: the live server and Chromium of tests/browser, every page opened at 390×844."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import (  # noqa: F401  (fixtures reused as they are)
    _database,
    base_url,
    browser_type_launch_args,
    live_server,
    live_server_config,
)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": PHONE}


@pytest.fixture
def shots(request, tmp_path):
    """shots(page, name): a full-page screenshot in the test's tmp folder (or $PHONE_SCREENSHOTS_DIR, to look
    at them), numbered in the order taken."""
    folder = Path(os.environ.get("PHONE_SCREENSHOTS_DIR") or tmp_path / "screenshots") / request.node.originalname
    folder.mkdir(parents=True, exist_ok=True)
    taken = []

    def shoot(page: Page, name: str) -> Path:
        path = folder / f"{len(taken) + 1:02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        taken.append(path)
        return path

    return shoot


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/phone/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
