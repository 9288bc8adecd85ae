"""In a real browser: the unit picker of a mission inspecting 2017 offers Kiên Giang (merged into An Giang on
01/07/2025) first, by its 2017 name, and greys An Giang with its validity; moved to 2026, the other way round."""

from playwright.sync_api import Page, expect

from inspection.auth.models import Role
from inspection.extensions import db
from tests import factories
from tests.browser.pages import log_in
from tests.datedpicker.conftest import build_merger


def test_a_2017_mission_is_offered_the_units_of_2017_first(page: Page, shots):
    build_merger()
    admin = factories.make_user(Role.ADMIN)
    db.session.commit()
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, admin.username)
    page.goto("/missions/new")
    page.locator("input[name=period_from]").fill("01/01/2017")
    page.locator("input[name=period_to]").fill("31/12/2017")
    field = page.get_by_role("combobox", name="Đơn vị được kiểm tra (mã)")
    field.click()
    field.press_sequentially("giang", delay=20)
    options = page.get_by_role("listbox", name="Đơn vị gợi ý").get_by_role("option")
    expect(options).to_have_count(2)
    expect(options.first).to_contain_text("UBND tỉnh Kiên Giang")
    expect(options.first).not_to_have_class("dropdown-item text-wrap text-muted")
    expect(options.nth(1)).to_contain_text("UBND tỉnh An Giang")
    expect(options.nth(1)).to_contain_text("chỉ tồn tại từ 01/07/2025")
    expect(options.nth(1)).to_have_class("dropdown-item text-wrap text-muted")
    shots(page, "picker-2017")

    field.fill("")
    page.locator("input[name=period_from]").fill("01/01/2026")
    page.locator("input[name=period_to]").fill("31/12/2026")
    field.press_sequentially("phu quoc", delay=20)
    expect(options).to_have_count(1)
    expect(options.first).to_contain_text("UBND đặc khu Phú Quốc")
    expect(options.first).to_contain_text("UBND tỉnh An Giang (AG)")
    field.fill("")
    page.locator("input[name=period_from]").fill("01/01/2017")
    page.locator("input[name=period_to]").fill("31/12/2017")
    field.press_sequentially("phu quoc", delay=20)
    expect(options.first).to_contain_text("UBND huyện Phú Quốc")
    expect(options.first).to_contain_text("UBND tỉnh Kiên Giang (KG)")
    shots(page, "picker-2017-district")
