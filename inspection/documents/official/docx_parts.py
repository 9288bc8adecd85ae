"""The small pieces of WordprocessingML the layout is made of (python-docx has no API for most of them).

Word checks the order of the children of w:pPr, w:tblPr and w:tcPr (LibreOffice does not); every element is
therefore put before its successors in the schema's sequence, so the file opens in Word without a repair.
All lengths here are twentieths of a point (twips, "dxa"): Word's own unit, so column widths add up exactly.
"""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, Twips

FONT = "Times New Roman"

# successors in the schema's sequences (ECMA-376 part 1, CT_PPr, CT_TblPr, CT_TcPr)
_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
               "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
               "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
               "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
               "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
_AFTER_TBLIND = ("w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
                 "w:tblDescription", "w:tblPrChange")
_AFTER_TBLBORDERS = _AFTER_TBLIND[1:]
_AFTER_TBLCELLMAR = _AFTER_TBLIND[4:]
_AFTER_VALIGN = ("w:hideMark", "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange")

ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}


def add_run(paragraph, text: str, *, size: float, bold: bool = False, italic: bool = False):
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    return run


def line(container, text: str = "", *, size: float, align: str = "center", bold: bool = False,
         italic: bool = False, before: float = 0, after: float = 0):
    """One paragraph of one run, single spaced; `container` is the document, a cell or a header."""
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = ALIGN[align]
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(before), Pt(after), 1.0
    if text:
        add_run(paragraph, text, size=size, bold=bold, italic=italic)
    else:
        # an empty paragraph's height comes from its mark's size
        paragraph.paragraph_format.line_spacing = Pt(size * 1.15)
    return paragraph


def set_fonts(rpr, name: str = FONT) -> None:
    """Name the font for every script (Latin, complex, East Asian): Vietnamese letters fall outside none."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), name)


def rule(paragraph, width: int, container_width: int) -> None:
    """A horizontal line of `width` twips centred under the paragraph's text (its bottom border between
    indents), as Decree 30 draws under the issuing body, the national motto and the subject."""
    indent = max(0, (container_width - width) // 2)
    paragraph.paragraph_format.left_indent = Twips(indent)
    paragraph.paragraph_format.right_indent = Twips(indent)
    border = _border_set("w:pBdr", ("bottom",), sz=6, space=1)
    paragraph._p.get_or_add_pPr().insert_element_before(border, *_AFTER_PBDR)


def box(paragraph) -> None:
    """A frame around the paragraph (between its indents)."""
    border = _border_set("w:pBdr", ("top", "left", "bottom", "right"), sz=8, space=2)
    paragraph._p.get_or_add_pPr().insert_element_before(border, *_AFTER_PBDR)


def page_field(paragraph, *, size: float) -> None:
    """The current page number (a PAGE field, updated by Word and LibreOffice when laid out)."""
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        run = add_run(paragraph, "", size=size)
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text.strip() == "PAGE":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
        else:
            run.text = text


def fixed_table(table, widths: list[int], *, borders: bool, cell_margin: int) -> None:
    """Fixed layout with exact column widths: Word and LibreOffice wrap text inside a cell instead of
    widening the column (autofit would let a long word push the table past the margin). The file is in Word
    2010's compatibility mode (python-docx's template), where, as in LibreOffice, the indent is measured to
    the cell's text: indenting by the cell margin puts the borders exactly on the page margins."""
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    width = tbl_pr.find(qn("w:tblW"))
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(sum(widths)))
    indent = _element("w:tblInd", w=str(cell_margin), type="dxa")
    tbl_pr.insert_element_before(indent, *_AFTER_TBLIND)
    edges = ("top", "left", "bottom", "right", "insideH", "insideV")
    tbl_pr.insert_element_before(_border_set("w:tblBorders", edges, sz=4 if borders else 0, space=0,
                                             value="single" if borders else "nil"), *_AFTER_TBLBORDERS)
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(_element(f"w:{side}", w=str(cell_margin), type="dxa"))
    tbl_pr.insert_element_before(margins, *_AFTER_TBLCELLMAR)
    for column, twips in zip(table.columns, widths, strict=True):
        column.width = Twips(twips)
    for row in table.rows:
        for cell, twips in zip(row.cells, widths, strict=True):
            cell.width = Twips(twips)


def repeat_as_header(row) -> None:
    """The row is printed again at the top of each page the table runs onto."""
    row._tr.get_or_add_trPr().append(_element("w:tblHeader"))


def keep_row_whole(row) -> None:
    row._tr.get_or_add_trPr().append(_element("w:cantSplit"))


def cell_middle(cell) -> None:
    cell._tc.get_or_add_tcPr().insert_element_before(_element("w:vAlign", val="center"), *_AFTER_VALIGN)


def _border_set(tag: str, edges: tuple[str, ...], *, sz: int, space: int, value: str = "single"):
    borders = OxmlElement(tag)
    for edge in edges:
        borders.append(_element(f"w:{edge}", val=value, sz=str(sz), space=str(space), color="000000"))
    return borders


def _element(tag: str, **attributes: str):
    element = OxmlElement(tag)
    for key, value in attributes.items():
        element.set(qn(f"w:{key}"), value)
    return element
