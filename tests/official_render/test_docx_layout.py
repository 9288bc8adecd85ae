"""The Word file of an official document in the Decree 30/2020 layout (DOMAIN.md part 4), read back with
python-docx: page, font, heading, number and place–date line, draft mark, sections, tables, signing block,
page numbers. No LibreOffice here (test_pdf_render converts once)."""

from __future__ import annotations

import datetime
import io

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from inspection.documents.official import layout
from inspection.documents.official.docx import to_docx
from inspection.documents.placedate import format_place_date
from tests.official_render import samples

pytestmark = pytest.mark.no_database  # files and certificates only: the same on every database


def read(doc) -> docx.document.Document:
    return docx.Document(io.BytesIO(to_docx(doc)))


@pytest.fixture(scope="module")
def issued():
    return read(samples.notice())


@pytest.fixture(scope="module")
def draft():
    return read(samples.notice(draft=True, recommendations=3))


def cell_lines(cell) -> list[tuple[str, object]]:
    return [(p.text, p) for p in cell.paragraphs if p.text]


def runs_are(paragraph, **expected) -> bool:
    return all(all(getattr(run, name) == value for name, value in expected.items()) for run in paragraph.runs)


def size_of(paragraph) -> float:
    return paragraph.runs[0].font.size.pt


def has_bottom_rule(paragraph) -> bool:
    return paragraph._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}") is not None


def test_page_is_a4_portrait_with_the_decrees_margins(issued):
    section = issued.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 20 <= round(section.top_margin.mm) <= 25 and 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35 and 15 <= round(section.right_margin.mm) <= 20


def test_the_font_is_times_new_roman_14_for_every_script(issued):
    normal = issued.styles["Normal"]
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert {fonts.get(qn(f"w:{script}")) for script in ("ascii", "hAnsi", "cs", "eastAsia")} == {"Times New Roman"}
    assert normal.font.size.pt == 14
    body = [p for p in issued.paragraphs if p.text.startswith("Căn cứ")][0]
    assert size_of(body) in (13, 14) and body.runs[0].font.name in (None, "Times New Roman")


def test_heading_issuing_body_beside_the_national_name_and_motto(issued):
    heading = issued.tables[0]
    assert issued.element.body[0].tag == qn("w:tbl"), "the heading opens page 1"
    (parent, parent_p), (body, body_p), *_ = cell_lines(heading.cell(0, 0))
    assert parent == "UBND TỈNH AN GIANG" and runs_are(parent_p, bold=False)
    assert body == "HỘI ĐỒNG THI ĐUA –\nKHEN THƯỞNG" and runs_are(body_p, bold=True)
    assert has_bottom_rule(heading.cell(0, 0).paragraphs[-1])
    (nation, nation_p), (motto, motto_p) = cell_lines(heading.cell(0, 1))
    assert nation == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and runs_are(nation_p, bold=True)
    assert 12 <= size_of(nation_p) <= 13
    assert motto == "Độc lập - Tự do - Hạnh phúc" and runs_are(motto_p, bold=True) and 13 <= size_of(motto_p) <= 14
    assert has_bottom_rule(heading.cell(0, 1).paragraphs[-1])
    assert not any(edge.get(qn("w:val")) == "single" for edge in heading._tbl.tblPr.iter(qn("w:top")))


def test_issued_number_and_place_date_line(issued):
    heading = issued.tables[0]
    assert heading.cell(1, 0).text == "Số: 07/TB-HĐTĐKT"
    (place_date, paragraph), = cell_lines(heading.cell(1, 1))
    assert place_date == format_place_date("An Giang", datetime.date(2027, 2, 5)) == \
        "An Giang, ngày 05 tháng 02 năm 2027"
    assert runs_are(paragraph, italic=True)


def test_draft_leaves_number_and_day_blank_and_is_marked(draft, issued):
    heading = draft.tables[0]
    assert heading.cell(1, 0).text == "Số:      /TB-HĐTĐKT"
    assert heading.cell(1, 1).text == "An Giang, ngày      tháng      năm 2027"
    mark = draft.sections[0].first_page_header.paragraphs[0]
    assert mark.text == "DỰ THẢO" and runs_are(mark, bold=True)
    assert mark._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:left')}") is not None, "framed"
    everything = [p.text for s in issued.sections for h in (s.header, s.first_page_header) for p in h.paragraphs]
    assert "DỰ THẢO" not in " ".join(everything + [p.text for p in issued.paragraphs])


def test_type_name_and_subject_centred_in_bold(issued):
    type_name, subject = issued.paragraphs[0], issued.paragraphs[1]
    assert type_name.text == "THÔNG BÁO" and subject.text == samples.SUBJECT
    for paragraph in (type_name, subject):
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER and runs_are(paragraph, bold=True)
    assert has_bottom_rule(issued.paragraphs[2]), "the short rule under the subject"


def test_sections_are_roman_numbered_bold_and_the_text_justified_and_indented(issued):
    titles = [p for p in issued.paragraphs if p.text[:3] in ("I. ", "II.", "III")]
    assert [p.text for p in titles] == ["I. ƯU ĐIỂM", "II. TỒN TẠI, HẠN CHẾ", "III. KIẾN NGHỊ"]
    assert all(runs_are(p, bold=True) for p in titles)
    body = [p for p in issued.paragraphs if p.text.startswith("Hạn chế thứ")]
    assert len(body) == 6 and all(p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY for p in body)
    assert all(round(p.paragraph_format.first_line_indent.mm, 1) == 12.7 for p in body)
    assert "- Phát động 04 đợt thi đua theo chuyên đề;" in [p.text for p in issued.paragraphs]
    subheading = [p for p in issued.paragraphs if p.text.startswith("1. ")][0]
    assert runs_are(subheading, bold=True)


def grid(table) -> list[int]:
    return [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.iter(qn("w:gridCol"))]


def test_tables_fill_the_text_width_exactly_with_fixed_layout(issued):
    section = issued.sections[0]
    text_width = section.page_width.twips - section.left_margin.twips - section.right_margin.twips
    for table in issued.tables:
        assert sum(grid(table)) == text_width
        assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        for row in table.rows:
            assert [cell.width.twips for cell in row.cells] == grid(table)


def test_body_table_header_repeats_and_is_bold_figures_right_totals_bold(issued):
    table = issued.tables[1]
    header = table.rows[0]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert [c.text for c in header.cells] == [c.title for c in samples.WIDE_COLUMNS]
    assert all(runs_are(c.paragraphs[0], bold=True) for c in header.cells)
    first, total = table.rows[1], table.rows[-1]
    assert first.cells[5].text == "1.250.000" and first.cells[5].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert runs_are(total.cells[1].paragraphs[0], bold=True) and not runs_are(first.cells[1].paragraphs[0], bold=True)
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {edge.get(qn("w:val")) for edge in borders} == {"single"}
    date_column = grid(table)[3]
    assert date_column >= layout.mm(22), "“30/06/2027” fits its cell on one line"


def test_one_signer_recipients_left_signer_right(issued):
    signing = issued.tables[-1]
    (title, title_p), *lines = cell_lines(signing.cell(0, 0))
    assert title == "Nơi nhận:" and runs_are(title_p, bold=True, italic=True) and size_of(title_p) == 12
    assert [text for text, _ in lines] == ["- Sở Nội vụ tỉnh Kiên Giang;", "- Thường trực Hội đồng;",
                                            "- Lưu: VT, HĐTĐKT."]
    assert all(size_of(p) == 11 for _, p in lines)
    signer = cell_lines(signing.cell(0, 1))
    assert [text for text, _ in signer] == ["TM. HỘI ĐỒNG", "CHỦ TỊCH", "Nguyễn Thanh Bình"]
    assert all(runs_are(p, bold=True) for _, p in signer)
    blank = [p for p in signing.cell(0, 1).paragraphs if not p.text]
    assert len(blank) >= 3, "room for the signature and the seal"
    assert signing.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None


def test_page_numbers_from_page_two_centred_in_the_header(issued):
    section = issued.sections[0]
    assert section.different_first_page_header_footer
    number = section.header.paragraphs[0]
    assert "PAGE" in "".join(t.text for t in number._p.iter(qn("w:instrText")))
    assert number.alignment == WD_ALIGN_PARAGRAPH.CENTER
    first = section.first_page_header._element
    assert not list(first.iter(qn("w:instrText"))) and not list(first.iter(qn("w:fldSimple")))


def test_letter_has_vv_under_the_number_and_kinh_gui_and_no_type_name():
    letter = read(samples.letter())
    number_cell = [text for text, _ in cell_lines(letter.tables[0].cell(1, 0))]
    assert number_cell == ["Số: 12/HĐTĐKT", "V/v đôn đốc thực hiện kiến nghị sau kiểm tra năm 2017"]
    assert letter.tables[0].cell(1, 1).text == "An Giang, ngày 03 tháng 12 năm 2027"
    texts = [p.text for p in letter.paragraphs if p.text]
    assert texts[:2] == ["Kính gửi:\t- Sở Nội vụ tỉnh Kiên Giang;", "- Sở Tài chính tỉnh Kiên Giang."]
    assert "THÔNG BÁO" not in texts and texts[2] == "I. CÁC KIẾN NGHỊ QUÁ HẠN"
    signer = [text for text, _ in cell_lines(letter.tables[-1].cell(0, 1))]
    assert signer == ["TM. HỘI ĐỒNG", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Hòa"]


def test_minutes_put_the_secretary_left_and_the_chair_right():
    minutes = read(samples.minutes())
    signers = minutes.tables[-1]
    assert [text for text, _ in cell_lines(signers.cell(0, 0))] == ["THƯ KÝ", "Lê Thị Mai"]
    assert [text for text, _ in cell_lines(signers.cell(0, 1))] == ["CHỦ TỌA", "Nguyễn Thanh Bình"]
    assert grid(signers)[0] == grid(signers)[1] or abs(grid(signers)[0] - grid(signers)[1]) == 1
    assert minutes.tables[0].cell(1, 0).text == "Số: 03/BB-HĐTĐKT"
    assert "BIÊN BẢN" in [p.text for p in minutes.paragraphs]


def test_a_correction_says_which_document_it_replaces():
    correction = read(samples.notice(recommendations=2, replaces="Thông báo số 07/TB-HĐTĐKT ngày 05/02/2027"))
    line = [p for p in correction.paragraphs if p.text.startswith("Văn bản này thay thế")]
    assert [p.text for p in line] == ["Văn bản này thay thế Thông báo số 07/TB-HĐTĐKT ngày 05/02/2027."]
    assert runs_are(line[0], italic=True)
