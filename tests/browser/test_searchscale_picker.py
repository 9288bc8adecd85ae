"""In a real browser: the unit picker's tree (opened by its button, browsed and picked with the keyboard,
children loaded on demand, former units marked, only the units the user may pick), and the dossier search of
the finding page, which shares the picker's combobox (static/js/combobox.js)."""

import re
from datetime import date

from playwright.sync_api import Page, expect

from inspection.access import SYSTEM
from inspection.auth.models import Role
from inspection.extensions import db
from inspection.findings import services as findings
from inspection.findings.models import FindingCategory, Severity
from inspection.nominations import services as nominations
from inspection.nominations.models import DossierStatus, RecipientKind
from inspection.units.models import UnitKind
from tests import factories
from tests.browser.pages import log_in
from tests.missions.builders import make_mission
from tests.nominations.builders import award_form


def _units():
    kg = factories.make_unit("UBND tỉnh Kiên Giang", code="KG", kind=UnitKind.PROVINCE)
    pq = factories.make_unit("Đặc khu Phú Quốc", code="KG-PQ", kind=UnitKind.COMMUNE, parent=kg)
    old = factories.make_unit("UBND huyện Kiên Hải", code="KG-KH", kind=UnitKind.DISTRICT, parent=kg)
    old.valid_to = date(2025, 6, 30)
    factories.make_unit("UBND tỉnh An Giang", code="AG", kind=UnitKind.PROVINCE)
    return kg, pq


def test_browsing_the_tree_and_picking_with_the_keyboard(page: Page):
    page.set_viewport_size({"width": 1366, "height": 768})
    _units()
    user = factories.make_user(Role.COUNCIL)
    db.session.commit()
    log_in(page, user.username)
    page.goto("/recommendations/")
    field = page.get_by_role("combobox", name="Mã đơn vị")
    button = page.get_by_role("button", name="Chọn từ cây đơn vị").first
    expect(button).to_have_attribute("aria-expanded", "false")
    button.click()
    tree = page.get_by_role("tree", name="Cây đơn vị")
    expect(tree.get_by_role("treeitem")).to_have_count(2)  # the provinces; nothing under them asked yet
    first = tree.get_by_role("treeitem", name=re.compile("UBND tỉnh An Giang"))
    expect(first).to_be_focused()
    page.keyboard.press("ArrowDown")
    kg = tree.get_by_role("treeitem", name=re.compile("UBND tỉnh Kiên Giang"))
    expect(kg).to_be_focused()
    expect(kg).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("ArrowRight")  # open: its units are fetched now
    expect(kg).to_have_attribute("aria-expanded", "true")
    former = tree.get_by_role("treeitem", name=re.compile("UBND huyện Kiên Hải"))
    expect(former).to_contain_text("Đã chấm dứt (hoạt động đến 30/06/2025)")
    expect(former).to_have_attribute("aria-level", "2")
    page.keyboard.press("ArrowRight")  # into the first unit under it
    expect(former).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(tree.get_by_role("treeitem", name=re.compile("Đặc khu Phú Quốc"))).to_be_focused()
    page.keyboard.press("Enter")
    expect(field).to_have_value("KG-PQ")
    expect(field).to_be_focused()
    expect(tree).to_be_hidden()
    button.click()  # open again, then close with Escape, going up with Left on the way
    expect(tree.get_by_role("treeitem", name=re.compile("Đặc khu Phú Quốc"))).to_be_visible()
    page.keyboard.press("Home")
    page.keyboard.press("End")
    page.keyboard.press("ArrowLeft")
    expect(kg).to_be_focused()
    page.keyboard.press("ArrowLeft")
    expect(kg).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Escape")
    expect(tree).to_be_hidden()
    expect(field).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"unit=KG-PQ"))


def test_a_unit_officer_browses_only_their_units(page: Page):
    page.set_viewport_size({"width": 390, "height": 844})
    kg, _pq = _units()
    officer = factories.make_user(Role.UNIT_OFFICER, units=[kg])
    db.session.commit()
    log_in(page, officer.username)
    page.goto("/recommendations/")
    page.get_by_role("button", name="Chọn từ cây đơn vị").first.click()
    tree = page.get_by_role("tree", name="Cây đơn vị")
    expect(tree.get_by_role("treeitem")).to_have_count(1)
    expect(tree.get_by_role("treeitem").first).to_contain_text("UBND tỉnh Kiên Giang · KG")
    tree.get_by_role("treeitem").first.locator(".unit-tree-sign").click()  # the ▸ opens, the name picks
    expect(tree.get_by_role("treeitem")).to_have_count(3)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    tree.get_by_role("treeitem", name=re.compile("Đặc khu Phú Quốc")).locator(".unit-tree-label").click(
        position={"x": 60, "y": 8})
    expect(page.get_by_role("combobox", name="Mã đơn vị")).to_have_value("KG-PQ")


def test_the_dossier_search_uses_the_same_combobox(page: Page):
    page.set_viewport_size({"width": 1366, "height": 768})
    kg, pq = _units()
    inspector = factories.make_user(Role.INSPECTOR)
    mission = make_mission([pq], inspector, title="Kiểm tra công tác khen thưởng")
    finding = findings.create_finding(SYSTEM, mission, unit=pq, category=FindingCategory.COMMUNICATION,
                                      severity=Severity.MODERATE, title="Hồ sơ khen thưởng thiếu")
    nominations.create_dossier(SYSTEM, status=DossierStatus.DRAFT, unit=pq, code="HS-PQ-01", year=2024,
                               award_form=award_form("BKUBT"), recipient_kind=RecipientKind.INDIVIDUAL,
                               recipient_name="Nguyễn Văn Kiên")
    db.session.commit()
    log_in(page, inspector.username)
    page.goto(f"/findings/{finding.id}")
    form = page.locator("form[data-dossier-search]")
    form.get_by_role("combobox").first.fill("KG-PQ")
    code = form.locator(f"#{form.get_attribute('data-code-input')}")
    expect(code).to_have_attribute("role", "combobox")
    code.press_sequentially("Kiên", delay=20)
    listbox = page.locator(f"#{code.get_attribute('aria-controls')}")
    expect(listbox.get_by_role("option")).to_have_count(1)
    expect(listbox.get_by_role("option").first).to_contain_text("HS-PQ-01 — Nguyễn Văn Kiên")
    code.press("ArrowDown")
    code.press("Enter")
    expect(code).to_have_value("HS-PQ-01")
    expect(code).to_have_attribute("aria-expanded", "false")
