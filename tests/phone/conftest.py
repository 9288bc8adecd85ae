"""Phone-sized browser tests: the live server and Chromium of tests/browser, every page opened at 390×844."""

import os

import pytest

from tests.browser.conftest import (  # noqa: F401  (fixtures reused as they are)
    _database,
    base_url,
    browser_type_launch_args,
    live_server,
    live_server_config,
    shots,
)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": PHONE}



def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/phone/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
