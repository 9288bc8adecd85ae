"""The body of an official document: the grounds, the Roman-numbered sections and their blocks.

Paragraphs are justified with a first-line indent and 6 pt between them (Decree 30, Phụ lục I); section titles
"I. TITLE" in bold capitals, a builder's subheadings ("1. Ưu điểm") in bold, lists as "- " lines, tables with
fixed column widths (docx_table).
"""

from __future__ import annotations

from docx.shared import Pt, Twips

from inspection.documents.official import layout
from inspection.documents.official.docx_parts import ALIGN, add_run
from inspection.documents.official.docx_table import add_table
from inspection.documents.official.model import Bullets, OfficialDoc, Paragraph, Section, Subheading, Table

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
         "XVI", "XVII", "XVIII", "XIX", "XX")
REPLACES = "Văn bản này thay thế"


def replaces_line(doc: OfficialDoc) -> str:
    """The sentence naming the document a correction replaces; `doc.replaces` is the replaced document's
    citation ("Thông báo số 15/TB-HĐTĐKT ngày 03/12/2026"), or already the whole sentence."""
    text = doc.replaces.strip().rstrip(".")
    return f"{text}." if text.startswith(REPLACES) else f"{REPLACES} {text}."


def section_title(index: int, section: Section) -> str:
    return f"{ROMAN[index]}. {section.title.upper()}"


def add_body(document, doc: OfficialDoc) -> None:
    first = True
    if doc.replaces:
        _text(document, replaces_line(doc), italic=True, before=12)
        first = False
    for text in doc.preamble:
        _text(document, text, before=12 if first else 0)
        first = False
    for index, section in enumerate(doc.sections):
        _text(document, section_title(index, section), bold=True, align="left", before=12 if first else 6,
              keep_with_next=True)
        first = False
        for block in section.blocks:
            _block(document, block)


def _block(document, block) -> None:
    if isinstance(block, Paragraph):
        _text(document, block.text, bold=block.bold, italic=block.italic)
    elif isinstance(block, Subheading):
        _text(document, block.text, bold=True, align="left", keep_with_next=True)
    elif isinstance(block, Bullets):
        for item in block.items:
            _text(document, item if item.startswith("- ") else f"- {item}")
    elif isinstance(block, Table):
        if block.caption:
            _text(document, block.caption, italic=True, align="center", keep_with_next=True, indent=False)
        add_table(document, block)
        _spacer(document)


def _text(document, text: str, *, bold: bool = False, italic: bool = False, align: str = "justify",
          before: float = 0, keep_with_next: bool = False, indent: bool = True):
    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = ALIGN[align]
    fmt.first_line_indent = Twips(layout.FIRST_LINE_INDENT) if indent else None
    fmt.space_before, fmt.space_after = Pt(before), Pt(layout.PARAGRAPH_AFTER_PT)
    fmt.line_spacing = layout.LINE_SPACING
    fmt.keep_with_next = keep_with_next
    add_run(paragraph, text, size=layout.BODY_PT, bold=bold, italic=italic)
    return paragraph


def _spacer(document) -> None:
    """Word needs a paragraph between two tables (else it merges them); it also spaces the table from the
    text after it."""
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.line_spacing = Pt(6)
