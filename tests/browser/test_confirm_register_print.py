"""In a real browser, the recommendation register prints as a landscape table headed by its filters in words,
and no column is so narrow that its text runs one syllable a line."""

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from inspection.access import SYSTEM
from inspection.auth.models import Role
from inspection.extensions import db
from inspection.findings import services as findings
from tests import factories
from tests.browser.pages import log_in
from tests.findings.builders import make_finding, make_mission

TEXT = ("Kiện toàn Hội đồng Thi đua – Khen thưởng cấp huyện, bồi dưỡng nghiệp vụ cho cán bộ làm công tác thi đua, "
        "khen thưởng và rà soát hồ sơ đề nghị khen thưởng năm 2017")


@pytest.fixture
def council(app):
    unit = factories.make_unit("Ủy ban nhân dân huyện Phú Quốc, tỉnh Kiên Giang", code="KG-PQ")
    mission = make_mission([unit], [factories.make_user(Role.INSPECTOR)],
                           title="Đoàn kiểm tra công tác thi đua, khen thưởng năm 2017 tại huyện Phú Quốc")
    for number in range(12):
        findings.create_recommendation(SYSTEM, make_finding(mission, unit), text=f"{TEXT} ({number + 1})",
                                       issued_on=date(2017, 12, 1), due=date(2018, 6, 30), responsible_units=[unit])
    user = factories.make_user(Role.COUNCIL)
    db.session.commit()
    return user


def _lines_and_words(page: Page) -> list[tuple[int, int]]:
    """(rendered lines, words) of each table cell's text, as laid out for print."""
    return page.evaluate("""() => [...document.querySelectorAll('.register-table td, .register-table th')]
      .filter(cell => cell.offsetParent !== null && cell.innerText.trim().split(/\\s+/).length >= 3)
      .map(cell => {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        const tops = [];
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const range = document.createRange(); range.selectNodeContents(node);
          for (const rect of range.getClientRects()) { if (rect.width > 0) tops.push(rect.top); }
        }
        tops.sort((a, b) => a - b);
        const lines = tops.filter((top, i) => i === 0 || top - tops[i - 1] > 4).length;
        return [lines, cell.innerText.trim().split(/\\s+/).length, cell.innerText.trim()];
      })""")



def test_the_register_prints_landscape_with_its_filters(page: Page, council, tmp_path):
    log_in(page, council)
    page.goto("/recommendations/?overdue=y&unit=KG-PQ")
    expect(page.get_by_role("button", name="In sổ")).to_be_visible()

    page.emulate_media(media="print")
    heading = page.locator("[data-print-heading]")
    expect(heading).to_be_visible()
    expect(heading).to_contain_text("Bộ lọc:")
    expect(heading).to_contain_text("Chỉ kiến nghị quá hạn")
    expect(heading).to_contain_text("KG-PQ")
    expect(heading).to_contain_text("12 kiến nghị")
    expect(page.locator("nav.navbar")).to_be_hidden()
    expect(page.get_by_role("button", name="In sổ")).to_be_hidden()
    expect(page.get_by_role("search")).to_be_hidden()

    # the printable width of A4 landscape with 10 mm margins: 277 mm ≈ 1047 CSS px
    page.set_viewport_size({"width": 1047, "height": 740})
    cells = _lines_and_words(page)
    assert cells, "no table text measured"
    one_word_a_line = [cell for cell in cells if cell[0] >= cell[1]]
    assert not one_word_a_line, one_word_a_line
    widths = page.evaluate("() => [...document.querySelectorAll('.register-table thead th')]"
                           ".map(th => th.getBoundingClientRect().width)")
    assert min(widths) >= 70, widths

    pdf = page.pdf(prefer_css_page_size=True, print_background=False)
    (tmp_path / "register.pdf").write_bytes(pdf)
    boxes = {tuple(float(v) for v in box.split()) for box in
             re.findall(rb"/MediaBox\s*\[([\d.\s]+)\]", pdf) for box in [box.decode()]}
    assert boxes and all(box[2] > box[3] for box in boxes), boxes  # wider than tall: landscape
    assert any(abs(box[2] - 841.9) < 2 and abs(box[3] - 595.3) < 2 for box in boxes), boxes  # A4
