"""Page 1 of an official document above the body (Decree 30/2020, Phụ lục I; DOMAIN.md 4.1–4.3).

A borderless table of two columns and two rows: the issuing body beside the national name and motto, then the
number ("Số: …", and a công văn's "V/v …") beside the place–date line, so the number and the date share a line
as the decree places them. Under it the type and subject (or a công văn's "Kính gửi:"), and a draft's mark.
"""

from __future__ import annotations

from docx.shared import Pt, Twips

from inspection.documents.official import layout
from inspection.documents.official.docx_parts import ALIGN, box, fixed_table, line, rule
from inspection.documents.official.model import OfficialDoc
from inspection.documents.placedate import format_place_date

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DRAFT_MARK = "DỰ THẢO"
#: "Số:" and the blank left for the number in a draft (the number is written by hand or at issuing)
BLANK_NUMBER = " " * 5  # "Số:" then six spaces before the slash
BLANK_DAY = " " * 6
#: where a công văn's addressees start (after "Kính gửi:")
ADDRESSEES_AT = layout.mm(55)
#: the motto's printed width at 13 pt bold (measured on the PDF): the decree's rule is as long as the line
MOTTO_TWIPS = layout.mm(56)
#: about the width of a capital at 13 pt bold (the issuing body's name is measured in these)
CAPITAL_TWIPS = layout.mm(2.9)


def number_line(doc: OfficialDoc) -> str:
    """"Số: 07/TB-HĐTĐKT"; a draft leaves the number blank ("Số:      /TB-HĐTĐKT"). Numbers below 10 take
    a leading zero (DOMAIN.md 4.3)."""
    number = BLANK_NUMBER if doc.draft else f"{doc.number:02d}"
    code = f"{doc.type_code}-" if doc.type_code else ""
    return f"Số: {number}/{code}{doc.issuer.symbol}"


def place_date_line(doc: OfficialDoc) -> str:
    """The issued day in the decree's form; a draft leaves day and month blank for the day it is signed."""
    if doc.draft:
        return f"{doc.issuer.place}, ngày{BLANK_DAY}tháng{BLANK_DAY}năm {doc.year}"
    return format_place_date(doc.issuer.place, doc.issued_on)


def add_heading(document, doc: OfficialDoc) -> None:
    table = document.add_table(rows=2, cols=2)
    fixed_table(table, [layout.HEADING_LEFT, layout.HEADING_RIGHT], borders=False, cell_margin=layout.mm(1))
    _issuing_body(table.cell(0, 0), doc)
    _nation(table.cell(0, 1))
    _number(table.cell(1, 0), doc)
    line(table.cell(1, 1), place_date_line(doc), size=layout.BODY_PT, italic=True, before=6)
    for cell in table._cells:  # a new cell holds one empty paragraph before ours: drop it
        _drop_first_empty(cell)
    if doc.letter:
        _addressees(document, doc)
    else:
        _type_and_subject(document, doc)


def add_draft_mark(section) -> None:
    """DỰ THẢO in a frame at the top right of page 1, in the first page's header: it moves nothing on the
    page, so the draft is laid out exactly as the issued document will be, and it is gone when issued."""
    header = section.first_page_header
    paragraph = header.paragraphs[0]
    paragraph.paragraph_format.left_indent = Twips(layout.TEXT_WIDTH - layout.mm(32))
    paragraph.paragraph_format.alignment = ALIGN["center"]  # in its frame
    paragraph.add_run(DRAFT_MARK).bold = True
    paragraph.runs[0].font.size = Pt(layout.BODY_PT)
    box(paragraph)


def _issuing_body(cell, doc: OfficialDoc) -> None:
    if doc.issuer.parent_body:
        line(cell, doc.issuer.parent_body.upper(), size=layout.HEADING_PT)
    lines = body_lines(doc.issuer.body.upper())
    paragraph = line(cell, lines[0], size=layout.HEADING_PT, bold=True)
    for more in lines[1:]:
        paragraph.runs[0].add_break()
        paragraph.runs[0].add_text(more)
    longest = max(len(text) for text in lines) * CAPITAL_TWIPS
    # the decree: a third to a half of the line above it
    _rule(cell, max(layout.mm(15), longest * 2 // 5), layout.HEADING_LEFT)


def body_lines(body: str) -> list[str]:
    """The issuing body's name on one line if it fits the column, else on two of about equal length, as
    offices set it ("HỘI ĐỒNG THI ĐUA –" / "KHEN THƯỞNG" rather than a word left alone on the second line).
    A line never starts with a dash; a break just after one is preferred when about as balanced."""
    words = body.split()
    if len(body) * CAPITAL_TWIPS <= layout.HEADING_LEFT - layout.mm(3) or len(words) < 2:
        return [body]
    candidates = [(max(len(" ".join(words[:cut])), len(" ".join(words[cut:]))) - (3 if words[cut - 1] in "–-" else 0),
                   cut) for cut in range(1, len(words)) if words[cut] not in ("–", "-")]
    _, cut = min(candidates)
    return [" ".join(words[:cut]), " ".join(words[cut:])]


def _nation(cell) -> None:
    line(cell, NATION, size=layout.NATION_PT, bold=True)
    line(cell, MOTTO, size=layout.MOTTO_PT, bold=True)
    _rule(cell, MOTTO_TWIPS, layout.HEADING_RIGHT)


def _number(cell, doc: OfficialDoc) -> None:
    line(cell, number_line(doc), size=layout.HEADING_PT, before=6)
    if doc.letter:
        line(cell, f"V/v {doc.subject}", size=layout.HEADING_PT - 1, before=3)


def _type_and_subject(document, doc: OfficialDoc) -> None:
    line(document, doc.type_name.upper(), size=layout.BODY_PT, bold=True, before=18)
    line(document, doc.subject, size=layout.BODY_PT, bold=True)
    _rule(document, layout.mm(45), layout.TEXT_WIDTH)


def _addressees(document, doc: OfficialDoc) -> None:
    """"Kính gửi: X." for one addressee; for several, "Kính gửi:" then "- X;" lines aligned under the first."""
    names = doc.addressees or ("…",)
    if len(names) == 1:
        line(document, f"Kính gửi: {names[0]}.", size=layout.BODY_PT, before=18, after=6)
        return
    for index, name in enumerate(names):
        end = "." if index == len(names) - 1 else ";"
        text = f"Kính gửi:\t- {name}{end}" if index == 0 else f"- {name}{end}"
        item = line(document, text, size=layout.BODY_PT, align="left", before=18 if index == 0 else 0)
        fmt = item.paragraph_format
        fmt.left_indent = Twips(ADDRESSEES_AT)
        fmt.first_line_indent = Twips(-layout.mm(25)) if index == 0 else None
        fmt.tab_stops.add_tab_stop(Twips(ADDRESSEES_AT))
    document.paragraphs[-1].paragraph_format.space_after = Pt(6)


def _rule(container, width: int, container_width: int) -> None:
    paragraph = line(container, "", size=2, before=3)  # clear of the descenders above
    paragraph.paragraph_format.line_spacing = Pt(2)
    rule(paragraph, width, container_width)


def _drop_first_empty(cell) -> None:
    first = cell.paragraphs[0]
    if not first.text and len(cell.paragraphs) > 1:
        first._p.getparent().remove(first._p)
