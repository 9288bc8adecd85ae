"""In a real browser under the portal's Content-Security-Policy: the pages with scripts (the dashboard's
Chart.js charts, the finding page's dossier search, a council session's decision form, the year picker,
the report's print button, the notification list) load without a single policy violation, and their
scripts still work. A violation is caught both ways Chromium reports it: the page's
`securitypolicyviolation` event and the console."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from inspection.extensions import db
from inspection.notifications.models import NotificationKind
from inspection.notifications.services import notify
from tests import factories
from tests.browser.pages import log_in
from tests.council.builders import make_scene
from tests.nominations.builders import make_dossier

CATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + (event.blockedURI || "inline") + " "
                           + (event.sourceFile || "") + ":" + event.lineNumber);
});
window.print = () => { window.__printed = (window.__printed || 0) + 1; };
"""


@pytest.fixture
def world(app):
    scene = make_scene()
    for days in (400, 120, 45):
        scene.overdue(days)
    make_dossier(scene.unit, code="HS-2017-001", recipient_name="Nguyễn Văn Tiêu Biểu")
    factories.make_group(year=2017, members=[(scene.unit, "leader")])
    factories.make_group(year=2018, members=[(scene.unit, "leader")])
    notify([scene.officer], NotificationKind.DECISION, "Quyết định của Hội đồng",
           "Xem //evil.example/x hoặc /recommendations/1", "/recommendations/1")
    db.session.commit()
    scene.open_session(held_on=scene.mission.planned_start + timedelta(days=600))
    return scene


@pytest.fixture
def watched(page: Page):
    """The page, with every CSP report of every page it loads collected."""
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text)
            if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text else None)
    page.add_init_script(CATCH_VIOLATIONS)
    page.console_reports = console
    return page



def violations(page: Page) -> list[str]:
    return page.evaluate("window.__violations") + page.console_reports


def test_the_council_pages_run_their_scripts_without_a_policy_violation(watched: Page, world):
    page = watched
    log_in(page, world.council)

    policy = page.goto("/dashboard/").headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy  # the policy is in force
    page.wait_for_function("document.querySelectorAll('canvas[data-chart]').length > 0 && "
                           "[...document.querySelectorAll('canvas[data-chart]')].some(c => Chart.getChart(c))")
    heights = page.evaluate("[...document.querySelectorAll('[data-chart-height]')].map(b => b.style.height)")
    assert heights and all(height.endswith("px") for height in heights)
    assert violations(page) == []

    page.goto("/council/sessions/1")
    form = page.locator("form.council-decision").first
    due = form.locator(".council-new-due")
    expect(due).to_be_hidden()
    form.get_by_label("Quyết định").select_option("extend")
    expect(due).to_be_visible()
    assert violations(page) == []

    page.goto("/groups/?year=2018")
    page.get_by_label("Năm thi đua").select_option("2017")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cụm, khối thi đua năm 2017")
    assert violations(page) == []

    page.goto("/nominations/report?year_from=2017&year_to=2017")
    page.get_by_role("button", name="In báo cáo").click()
    assert violations(page) == []
    assert page.evaluate("window.__printed") == 1


def test_the_dossier_search_works_under_the_policy(watched: Page, world):
    page = watched
    log_in(page, world.member)
    page.goto("/findings/1")
    code = page.get_by_role("combobox", name="Mã hồ sơ")
    code.fill("HS-2017")
    option = page.get_by_role("option").filter(has_text="HS-2017-001")
    expect(option).to_be_visible()
    option.click()
    expect(code).to_have_value("HS-2017-001")
    assert violations(page) == []


def test_the_notification_list_opens_by_its_button_without_a_violation(watched: Page, world):
    page = watched
    log_in(page, world.officer)
    page.goto("/notifications/")
    expect(page.get_by_role("link", name="/recommendations/1")).to_be_visible()
    expect(page.get_by_role("link", name="//evil.example/x")).to_have_count(0)
    page.get_by_role("button", name="Quyết định của Hội đồng", exact=True).click()
    expect(page).to_have_url(re.compile(r"/recommendations/1$"))
    expect(page.locator(".notification-count")).to_have_count(0)  # opened by the POST: read
    assert violations(page) == []
