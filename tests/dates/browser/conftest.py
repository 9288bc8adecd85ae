"""The browser tests' live server and Chromium, shared with tests/browser."""

from tests.browser.conftest import (  # noqa: F401 (fixtures)
    _database,
    base_url,
    browser_type_launch_args,
    live_server,
    live_server_config,
)
