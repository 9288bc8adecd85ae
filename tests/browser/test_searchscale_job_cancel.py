"""In a real browser, cancelling a job asks in the portal's one confirmation dialog (static/js/portal.js),
not in a window.confirm of its own: going back changes nothing, confirming cancels the job."""

from playwright.sync_api import Page, expect

from inspection import jobs
from inspection.auth.models import Role
from inspection.extensions import db
from inspection.jobs.models import JobStatus
from tests import factories
from tests.browser.pages import log_in
from tests.jobs.conftest import job_now
from tests.jobs.sample_tasks import KIND


def test_cancelling_a_job_asks_in_the_dialog(page: Page):
    user = factories.make_user(Role.INSPECTOR)
    job = jobs.start(user, KIND, rows=3)  # no worker in this test: the job waits in the queue
    db.session.commit()
    native = []
    page.on("dialog", lambda shown: (native.append(shown.message), shown.dismiss()))
    log_in(page, user)
    page.goto(f"/jobs/{job.id}")
    page.get_by_role("button", name="Hủy tác vụ").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("heading")).to_have_text("Hủy tác vụ “Ghi các dòng thử”?")
    dialog.get_by_role("button", name="Quay lại").click()
    expect(dialog).to_be_hidden()
    assert job_now(job.id).status == JobStatus.QUEUED
    page.get_by_role("button", name="Hủy tác vụ").click()
    dialog.get_by_role("button", name="Xác nhận: Hủy tác vụ").click()
    expect(page.locator("main > .alert")).to_contain_text("Đã yêu cầu hủy tác vụ “Ghi các dòng thử”")
    assert job_now(job.id).status == JobStatus.CANCELLED
    assert native == []  # no window.confirm on the way
