"""In a real browser: the unit picker on the register's unit field (typed without accents, chosen with the
keyboard) and the search box of the navigation."""

import re

from playwright.sync_api import Page, expect

from inspection.auth.models import Role
from inspection.extensions import db
from inspection.units.models import UnitKind
from tests import factories
from tests.browser.pages import log_in


def _council_with_units():
    kg = factories.make_unit("UBND tỉnh Kiên Giang", code="KG", kind=UnitKind.PROVINCE)
    factories.make_unit("Đặc khu Phú Quốc", code="KG-PQ", kind=UnitKind.COMMUNE, parent=kg)
    factories.make_unit("Sở Tư pháp tỉnh An Giang", code="AG-STP")
    user = factories.make_user(Role.COUNCIL)
    db.session.commit()
    return user


def test_typing_phu_quoc_and_choosing_with_the_keyboard(page: Page):
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, _council_with_units().username)
    page.goto("/recommendations/")
    field = page.get_by_role("combobox", name="Mã đơn vị")
    field.click()
    field.press_sequentially("phu quoc", delay=20)
    listbox = page.get_by_role("listbox", name="Đơn vị gợi ý")
    expect(listbox.get_by_role("option")).to_have_count(1)
    expect(listbox.get_by_role("option").first).to_contain_text("Đặc khu Phú Quốc")
    expect(listbox.get_by_role("option").first).to_contain_text("KG-PQ · UBND tỉnh Kiên Giang (KG)")
    expect(field).to_have_attribute("aria-expanded", "true")
    field.press("ArrowDown")
    expect(field).to_have_attribute("aria-activedescendant", re.compile(r"-goi-y-0$"))
    field.press("Enter")
    expect(field).to_have_value("KG-PQ")
    expect(field).to_have_attribute("aria-expanded", "false")
    field.press("Enter")  # the list is closed: Enter now submits the filters
    expect(page).to_have_url(re.compile(r"unit=KG-PQ"))
    expect(page.locator(".badge", has_text="Đặc khu Phú Quốc (KG-PQ)")).to_be_visible()  # the filter's chip


def test_the_search_box_of_the_navigation(page: Page):
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, _council_with_units().username)
    box = page.get_by_role("searchbox", name="Tìm đơn vị, đoàn, kiến nghị, hồ sơ…")
    box.fill("KIEN GIANG")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search\?q=KIEN\+GIANG"))
    results = page.locator("section[data-kind=units]")
    expect(results.locator("mark")).to_have_text("Kiên Giang")
    results.get_by_role("link", name="UBND tỉnh Kiên Giang").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("UBND tỉnh Kiên Giang")


def test_search_results_and_the_picker_fit_a_phone(page: Page, tmp_path):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, _council_with_units().username)
    page.goto("/search?q=kien giang")
    expect(page.locator("section[data-kind=units] mark")).to_have_text("Kiên Giang")
    page.screenshot(path=tmp_path / "search-390.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.goto("/recommendations/")
    field = page.get_by_role("combobox", name="Mã đơn vị")
    field.press_sequentially("KG", delay=20)
    expect(page.get_by_role("listbox", name="Đơn vị gợi ý").get_by_role("option")).to_have_count(2)
    page.screenshot(path=tmp_path / "picker-390.png")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    print(tmp_path)
