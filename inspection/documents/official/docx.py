"""An `OfficialDoc` as a Word file (python-docx) in the layout of Decree 30/2020/NĐ-CP, Phụ lục I.

The page (A4, the decree's margins, Times New Roman 14 pt, page numbers centred in the header from page 2 on,
none on page 1) is set here; the heading (docx_heading), the body (docx_body, docx_table) and the signing block
(docx_signing) each have their module. The font is named "Times New Roman" in the file: Word uses it,
LibreOffice substitutes the metric-compatible Liberation Serif, so lines break at the same places.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, Twips

from inspection.documents.official import layout
from inspection.documents.official.docx_body import ROMAN, add_body
from inspection.documents.official.docx_heading import add_draft_mark, add_heading, number_line
from inspection.documents.official.docx_parts import ALIGN, page_field, set_fonts
from inspection.documents.official.docx_signing import add_signing
from inspection.documents.official.model import OfficialDoc

__all__ = ["ROMAN", "number_line", "to_docx"]  # the first cut exported ROMAN and number_line


def to_docx(doc: OfficialDoc) -> bytes:
    document = Document()
    _page(document.sections[0])
    _default_font(document)
    _properties(document, doc)
    _page_numbers(document.sections[0])
    if doc.draft:
        add_draft_mark(document.sections[0])
    _remove_leading_paragraph(document)
    add_heading(document, doc)
    add_body(document, doc)
    add_signing(document, doc)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _page(section) -> None:
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Twips(layout.PAGE_WIDTH), Twips(layout.PAGE_HEIGHT)
    section.top_margin, section.bottom_margin = Twips(layout.TOP), Twips(layout.BOTTOM)
    section.left_margin, section.right_margin = Twips(layout.LEFT), Twips(layout.RIGHT)
    section.header_distance = section.footer_distance = Twips(layout.HEADER_DISTANCE)
    section.gutter = 0


def _default_font(document) -> None:
    """Times New Roman 14 pt in Vietnamese for the whole document (the styles inherit it)."""
    for name in ("Normal", "Header"):
        style = document.styles[name]
        style.font.name = "Times New Roman"
        style.font.size = Pt(layout.BODY_PT)
        rpr = style.element.get_or_add_rPr()
        set_fonts(rpr)
        language = OxmlElement("w:lang")
        language.set(qn("w:val"), "vi-VN")
        rpr.append(language)
    normal = document.styles["Normal"].paragraph_format
    normal.space_after, normal.line_spacing = Pt(0), 1.0


def _properties(document, doc: OfficialDoc) -> None:
    properties = document.core_properties
    properties.title = f"{doc.type_name} {doc.subject}".strip()
    properties.author = properties.last_modified_by = doc.issuer.body
    properties.language = "vi-VN"


def _page_numbers(section) -> None:
    """The page number centred in the top margin from page 2 on; page 1 has its own (empty) header."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.paragraph_format.alignment = ALIGN["center"]
    page_field(paragraph, size=layout.PAGE_NUMBER_PT)


def _remove_leading_paragraph(document) -> None:
    """python-docx's empty template body starts with no paragraph; make sure the heading table is first."""
    body = document.element.body
    for paragraph in body.findall(qn("w:p")):
        if not paragraph.xpath("string(.)"):
            body.remove(paragraph)
