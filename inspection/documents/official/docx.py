"""An `OfficialDoc` as a Word file (python-docx).

FIRST CUT: the elements in order, without the Decree 30 layout (two-column heading, margins, page numbers);
the layout is being written (issue #13, slice docengine). The function's signature stays.
"""

from __future__ import annotations

import io

from docx import Document

from inspection.documents.official.model import Bullets, OfficialDoc, Paragraph, Subheading, Table

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def number_line(doc: OfficialDoc) -> str:
    number = str(doc.number) if not doc.draft else "      "
    code = f"{doc.type_code}-" if doc.type_code else ""
    return f"Số: {number}/{code}{doc.issuer.symbol}"


def to_docx(doc: OfficialDoc) -> bytes:
    document = Document()
    for line in (doc.issuer.parent_body, doc.issuer.body, number_line(doc)):
        document.add_paragraph(line)
    if doc.type_name:
        document.add_paragraph(doc.type_name)
    document.add_paragraph(doc.subject)
    for index, section in enumerate(doc.sections):
        document.add_paragraph(f"{ROMAN[index]}. {section.title}")
        for block in section.blocks:
            _block(document, block)
    for signer in doc.signers:
        for line in (*signer.lines, signer.name):
            document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _block(document, block) -> None:
    if isinstance(block, (Paragraph, Subheading)):
        document.add_paragraph(block.text)
    elif isinstance(block, Bullets):
        for item in block.items:
            document.add_paragraph(f"- {item}")
    elif isinstance(block, Table):
        table = document.add_table(rows=1 + len(block.rows), cols=len(block.columns))
        for col, column in enumerate(block.columns):
            table.cell(0, col).text = column.title
        for row_index, row in enumerate(block.rows, start=1):
            for col, value in enumerate(row):
                table.cell(row_index, col).text = value
