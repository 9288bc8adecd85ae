"""A live server on a free port in a thread, pytest-playwright pointed at Debian's Chromium, and screenshots."""

import os
from pathlib import Path

import pytest

from inspection import create_app
from tests.conftest import CHROMIUM, make_config
from tests.live import LiveServer

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Never `playwright install`: the closed network has only Debian's Chromium.
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def live_server_config(migrated, tmp_path_factory) -> dict:
    """The server's settings: a worker for its jobs (tests/browser/test_jobs_*) uses the same queue and files; no
    request lines (a failure's output would be hundreds of them)."""
    return make_config(migrated, None, FILES_FOLDER=str(tmp_path_factory.mktemp("server-files")),
                       JOBS_SQLITE_PATH=str(tmp_path_factory.mktemp("server-jobs") / "jobs.sqlite3"),
                       REQUEST_LOG=False)


@pytest.fixture(scope="session")
def live_server(live_server_config):
    """One server for the run; each test's `app` fixture empties the same database after it."""
    server_app = create_app(live_server_config)
    with LiveServer(server_app) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def base_url(live_server):
    return live_server


@pytest.fixture(autouse=True)
def _database(app):
    """Browser tests write their data through the `app` fixture's session."""
    return app


@pytest.fixture
def shots(request, tmp_path):
    """shots(page, name): a full-page screenshot, numbered in the order taken, in a folder named after the test,
    under the test's tmp folder, or under $SCREENSHOTS_DIR to look at them after the run."""
    folder = Path(os.environ.get("SCREENSHOTS_DIR") or tmp_path / "screenshots") / request.node.originalname
    folder.mkdir(parents=True, exist_ok=True)
    taken = []

    def shoot(page, name: str) -> Path:
        path = folder / f"{len(taken) + 1:02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        taken.append(path)
        return path

    return shoot


def pytest_collection_modifyitems(items):
    for item in items:
        item.add_marker(pytest.mark.browser)
