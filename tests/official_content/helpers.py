"""Reading a built Content the way its reader would: its sections, tables and the text of its .docx."""

import io

from docx import Document
from sqlalchemy import select

from inspection.auth.models import User
from inspection.documents.official.docx import to_docx
from inspection.documents.official.model import Bullets, Content, Issuer, Paragraph, Signer, Subheading, Table, compose
from inspection.extensions import db

ISSUER = Issuer(parent_body="UBND TỈNH AN GIANG", body="HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG", symbol="HĐTĐKT",
                place="An Giang")
SIGNERS = (Signer(("TM. HỘI ĐỒNG", "CHỦ TỊCH"), "Nguyễn Văn A"),)


def user(username: str) -> User:
    return db.session.scalar(select(User).where(User.username == username))


def titles(content: Content) -> list[str]:
    return [section.title for section in content.sections]


def section(content: Content, title: str):
    return next(section for section in content.sections if section.title == title)


def tables(content: Content, title: str | None = None) -> list[Table]:
    sections = [section(content, title)] if title else content.sections
    return [block for part in sections for block in part.blocks if isinstance(block, Table)]


def lines(content: Content, title: str) -> list[str]:
    """Every paragraph, subheading and bullet of a section, in order."""
    found = []
    for block in section(content, title).blocks:
        if isinstance(block, (Paragraph, Subheading)):
            found.append(block.text)
        elif isinstance(block, Bullets):
            found += list(block.items)
    return found


def column(table: Table, title: str) -> list[str]:
    index = [column.title for column in table.columns].index(title)
    return [row[index] for row in table.rows]


def docx_text(content: Content) -> str:
    """The text of the Word file rendered from the content (paragraphs, then every table cell)."""
    document = Document(io.BytesIO(to_docx(compose(content, issuer=ISSUER, signers=SIGNERS, archive="VT",
                                                   year=2026))))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


def all_text(content: Content) -> list[str]:
    """Every string a content carries, for checking that each is in the .docx."""
    found = [content.subject, *content.preamble, *content.recipients, *content.addressees]
    for part in content.sections:
        found.append(part.title)
        for block in part.blocks:
            if isinstance(block, Table):
                found += [cell for row in block.rows for cell in row] + [c.title for c in block.columns]
            elif isinstance(block, Bullets):
                found += list(block.items)
            else:
                found.append(block.text)
    return [text for text in found if text]
