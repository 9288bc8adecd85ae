"""The text a reader sees in a Word file: the page headers (a draft's DỰ THẢO mark), body paragraphs, then every
table cell (the Decree 30 heading and the signing block are tables)."""

import io

from docx import Document


def text_of(docx: bytes) -> str:
    document = Document(io.BytesIO(docx))
    lines = [paragraph.text for section in document.sections
             for header in (section.first_page_header, section.header) for paragraph in header.paragraphs]
    lines += [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        lines += _table_lines(table)
    return "\n".join(lines)


def _table_lines(table) -> list[str]:
    lines = []
    for row in table.rows:
        for cell in row.cells:
            lines += [paragraph.text for paragraph in cell.paragraphs]
            for inner in cell.tables:
                lines += _table_lines(inner)
    return lines
