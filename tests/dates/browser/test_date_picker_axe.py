"""axe-core on the recommendation form with the due date shown and the calendar open: no serious or critical
violation in the form (the navigation is tests/a11y's). Runs once axe-core is vendored (the a11y slice)."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.pages import log_in
from tests.findings.builders import make_world

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[3] / "static" / "vendor" / "axe-core" / "axe.min.js"
RUN = ("axe.run(document.querySelector('main form'), {resultTypes: ['violations']}).then(result => "
       "result.violations.filter(v => ['serious', 'critical'].includes(v.impact))"
       ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))")


@pytest.mark.skipif(not AXE.is_file(), reason="axe-core is not vendored yet (static/vendor/axe-core)")
def test_the_open_picker_and_the_due_date_pass_axe(page: Page):
    world = make_world()
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, world.member)
    page.goto(f"/findings/{world.finding.id}/recommendations/new")
    page.get_by_label("Ngày ban hành").fill("04/11/2017")
    page.get_by_label("Thời hạn thực hiện").press_sequentially("15 ngày làm việc", delay=10)
    expect(page.get_by_role("status").filter(has_text="Hạn:")).to_contain_text("24/11/2017")
    page.locator("#issued_on + button").click()
    expect(page.get_by_role("dialog", name="Chọn ngày")).to_be_visible()
    page.evaluate(AXE.read_text(encoding="utf-8"))  # evaluated by the browser's debugger: the page's CSP allows it
    assert page.evaluate(RUN) == []
    page.get_by_label("Thời hạn thực hiện").fill("abc")  # the refusal, in red under the field
    expect(page.get_by_role("status").filter(has_text="Thời hạn:")).to_be_visible()
    assert page.evaluate(RUN) == []
