"""The end of an official document: "Nơi nhận:" and the signing block (Decree 30/2020, Phụ lục I).

One signer: a borderless table, the recipients on the left ("Nơi nhận:" bold italic 12 pt, the lines 11 pt,
ending "- Lưu: VT, <archive>."), the signer on the right (authority lines in bold capitals, room for the
signature and seal, the name in bold). Two signers (minutes: the secretary left, the chair right) stand side
by side and the recipients, if any, follow under them. The rows never split across pages.
"""

from __future__ import annotations

from inspection.documents.official import layout
from inspection.documents.official.docx_parts import fixed_table, keep_row_whole, line
from inspection.documents.official.model import OfficialDoc, Signer

RECIPIENTS_TITLE = "Nơi nhận:"
#: empty lines left for the handwritten signature and the seal
SIGNATURE_LINES = 4


def recipient_lines(doc: OfficialDoc) -> list[str]:
    """"- Đoàn kiểm tra;" … "- Lưu: VT, HĐTĐKT." (the archive line always last, the clerical office (VT) first:
    the archive may be given with or without it, as the settings page shows the whole line)."""
    return [f"- {name.strip().rstrip(';.')};" for name in doc.recipients] + [f"- Lưu: {archive_list(doc.archive)}."]


def archive_list(archive: str) -> str:
    places = [place.strip() for place in archive.strip().rstrip(".").split(",") if place.strip()]
    return ", ".join(["VT"] + [place for place in places if place.upper() != "VT"])


def add_signing(document, doc: OfficialDoc) -> None:
    if len(doc.signers) >= 2:
        _side_by_side(document, doc)
        return
    table = _borderless(document, [layout.SIGNING_LEFT, layout.SIGNING_RIGHT])
    _recipients(table.cell(0, 0), doc)
    if doc.signers:
        _signer(table.cell(0, 1), doc.signers[0])


def _side_by_side(document, doc: OfficialDoc) -> None:
    half = layout.TEXT_WIDTH // 2
    table = _borderless(document, [half, layout.TEXT_WIDTH - half])
    _signer(table.cell(0, 0), doc.signers[0])
    _signer(table.cell(0, 1), doc.signers[1])
    if doc.recipients or doc.archive:
        table = _borderless(document, [layout.SIGNING_LEFT, layout.SIGNING_RIGHT])
        _recipients(table.cell(0, 0), doc)


def _borderless(document, widths: list[int]):
    table = document.add_table(rows=1, cols=len(widths))
    fixed_table(table, widths, borders=False, cell_margin=layout.mm(1))
    keep_row_whole(table.rows[0])
    for cell in table.rows[0].cells:
        cell.paragraphs[0].paragraph_format.space_after = 0
    return table


def _recipients(cell, doc: OfficialDoc) -> None:
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    line(cell, RECIPIENTS_TITLE, size=layout.RECIPIENTS_TITLE_PT, bold=True, italic=True, align="left",
         before=12)
    for text in recipient_lines(doc):
        line(cell, text, size=layout.RECIPIENTS_PT, align="left")


def _signer(cell, signer: Signer) -> None:
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    for index, text in enumerate(signer.lines):
        line(cell, text.upper(), size=layout.BODY_PT, bold=True, before=12 if index == 0 else 0)
    for _ in range(SIGNATURE_LINES):
        line(cell, "", size=layout.BODY_PT)
    if signer.name:
        line(cell, signer.name, size=layout.BODY_PT, bold=True)
