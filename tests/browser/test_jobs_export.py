"""In a real browser, with a real worker: the council member starts the register's export from the register,
the page shows the job's bar, which reaches 100% without a reload; the file downloads from the page and is
listed on "Tác vụ của tôi"."""

from unicodedata import normalize

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from inspection import create_app
from tests.browser.pages import log_in
from tests.jobs.conftest import running_consumer
from tests.security.exports_world import make_export_world


@pytest.fixture
def worker_app(live_server, live_server_config):
    """A worker on the server's database, queue and file store (another app object, as a separate process is)."""
    return create_app(dict(live_server_config, JOBS_HEARTBEAT_SECONDS=0.5))


def test_an_export_runs_as_a_job_with_its_bar_on_the_page_and_downloads(page: Page, worker_app, tmp_path):
    world = make_export_world()
    log_in(page, world.council)
    page.goto("/recommendations/?verified=open")
    page.get_by_role("button", name="Xuất Excel").click()

    expect(page.get_by_role("alert").filter(has_text="Đã bắt đầu xuất Excel")).to_be_visible()
    bar = page.get_by_role("progressbar", name="Tiến độ: Xuất sổ theo dõi kiến nghị ra Excel")
    expect(bar).to_have_attribute("aria-valuenow", "0")  # queued: no worker yet
    expect(page.locator("[data-job-field=status_label]")).to_have_text("Đang chờ")

    with running_consumer(worker_app):  # the page is not reloaded: its script follows the job
        expect(bar).to_have_attribute("aria-valuenow", "100", timeout=30_000)
        expect(page.locator("[data-job-field=status_label]")).to_have_text("Hoàn thành")
    expect(page.get_by_role("button", name="Hủy tác vụ")).to_be_hidden()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải kết quả").click()
    target = tmp_path / "export.xlsx"
    download_info.value.save_as(target)
    assert download_info.value.suggested_filename.startswith("so-theo-doi-kien-nghi-")
    cells = {normalize("NFC", str(cell)) for row in load_workbook(target).active.iter_rows(values_only=True)
             for cell in row if cell is not None}
    assert {"Sổ theo dõi kiến nghị", normalize("NFC", world.recommendation.text)} <= cells

    page.goto("/jobs/")
    expect(page.get_by_role("heading", name="Tác vụ của tôi")).to_be_visible()
    expect(page.get_by_role("link", name="Tải kết quả")).to_be_visible()
