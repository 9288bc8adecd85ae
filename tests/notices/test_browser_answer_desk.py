"""In a real browser: a unit officer answers on the recommendation's page; the inspector of the mission sees
the bell's count, the notice naming the recommendation, and "1" under "Trao đổi chưa đọc" on the desk; the
number leads to the register filtered to that recommendation, and once the inspector has opened it the desk
counts nothing more."""

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from inspection.auth.models import Role
from inspection.extensions import db
from inspection.findings import services as findings
from inspection.findings.models import UnitStatus
from inspection.responses import services as responses
from tests import factories
from tests.a11y.test_axe_pages import axe_violations, report
from tests.browser.conftest import (  # noqa: F401  (the live server and Chromium, as the browser tests have them)
    _database,
    base_url,
    browser_type_launch_args,
    live_server,
    live_server_config,
    shots,
)
from tests.browser.pages import log_in
from tests.findings.builders import make_finding, make_mission

pytestmark = pytest.mark.browser

ANSWER = "Đơn vị đã rà soát 12 hồ sơ khen thưởng tồn đọng; gửi kèm danh sách."


@pytest.fixture
def cast(app):
    unit = factories.make_unit("Sở Tư pháp tỉnh An Giang", code="AG-STP")
    inspector = factories.make_user(Role.INSPECTOR, full_name="Nguyễn Văn Trưởng Đoàn")
    officer = factories.make_user(Role.UNIT_OFFICER, units=[unit], full_name="Trần Văn Đầu Mối")
    mission = make_mission([unit], [inspector], title="Đoàn kiểm tra công tác TĐKT năm 2026")
    recommendation = findings.create_recommendation(
        inspector, make_finding(mission, unit), text="Rà soát hồ sơ khen thưởng còn tồn đọng",
        issued_on=date(2026, 3, 2), due=date(2026, 9, 30), responsible_units=[unit])
    db.session.commit()
    return inspector, officer, recommendation


def test_an_answer_reaches_the_inspectors_desk_and_bell(page: Page, browser, base_url, cast, shots):  # noqa: F811
    inspector, officer, recommendation = cast
    log_in(page, officer)
    page.goto(f"/recommendations/{recommendation.id}")
    conversation = page.get_by_role("region", name="Trao đổi giữa đơn vị và đoàn kiểm tra")
    conversation.get_by_label("Nội dung trao đổi").fill(ANSWER)
    conversation.get_by_role("button", name="Gửi", exact=True).click()
    expect(page.locator("main > .alert")).to_contain_text("Đã gửi trao đổi.")

    desk_page = browser.new_context(base_url=base_url).new_page()
    log_in(desk_page, inspector)
    desk = desk_page.locator("#desk")
    row = desk.locator("tbody tr").filter(has_text="Đoàn kiểm tra công tác TĐKT năm 2026")
    expect(row.locator('[data-kind="unread"]')).to_have_text("1")
    expect(desk.locator('tfoot [data-kind="unread"]')).to_have_text("1")
    expect(desk_page.locator(".notification-count")).to_contain_text("1")
    shots(desk_page, "inspector-desk")

    desk_page.locator(".notification-count").click()
    notice = desk_page.locator(".notification-list li").first
    expect(notice).to_contain_text(f"Sở Tư pháp tỉnh An Giang trao đổi về Kiến nghị {recommendation.number}")
    expect(notice).to_contain_text(ANSWER)

    desk_page.goto("/")
    row.locator('[data-kind="unread"] a').click()
    expect(desk_page.locator("main")).to_contain_text("Đang chờ đoàn kiểm tra: Trao đổi của đơn vị tôi chưa đọc")
    desk_page.get_by_role("link", name="Rà soát hồ sơ khen thưởng còn tồn đọng").click()
    expect(desk_page.locator("main")).to_contain_text(ANSWER)

    desk_page.goto("/")
    expect(desk_page.locator("#desk-empty")).to_be_visible()
    expect(desk_page.locator(".notification-count")).to_have_count(0)


def test_the_desk_the_return_form_and_the_mail_choice_pass_axe(page: Page, cast):
    """No serious or critical axe violation on the new parts: the desk with its numbers, the team's form to
    send a report of done back, the mail choice page."""
    inspector, officer, recommendation = cast
    responses.report_progress(officer, recommendation.responsibilities[0], UnitStatus.REPORTED_DONE, "Đã xong")
    db.session.commit()
    log_in(page, inspector)
    expect(page.locator('#desk tfoot [data-kind="verify"]')).to_have_text("1")
    page.goto(f"/recommendations/{recommendation.id}")
    expect(page.get_by_role("button", name="Trả lại báo cáo của Sở Tư pháp tỉnh An Giang")).to_be_visible()
    for path in ("/", f"/recommendations/{recommendation.id}", "/account/notices"):
        page.goto(path)
        assert axe_violations(page) == [], (path, report(axe_violations(page)))
