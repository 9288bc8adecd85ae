"""A body table: fixed column widths sharing the text width by `Column.width`, borders, the header row in bold
and repeated on each page, figures aligned as their column says, total rows in bold.

Fixed layout (no autofit) and a width on every cell: Word and LibreOffice then wrap a long value inside its cell
("Đến 30/06/2027" stays within its border) and the table never runs past the right margin.
"""

from __future__ import annotations

from docx.shared import Pt

from inspection.documents.official import layout
from inspection.documents.official.docx_parts import (
    ALIGN,
    add_run,
    cell_middle,
    fixed_table,
    keep_row_whole,
    repeat_as_header,
)
from inspection.documents.official.model import Table

CELL_MARGIN = layout.mm(1.2)
LONG_WORD = 16


def column_widths(block: Table, total: int = layout.TEXT_WIDTH) -> list[int]:
    """Twips per column in the columns' proportions, adding up to `total` exactly. A column too narrow for its
    longest short word ("30/06/2027", "1.250.000", the header's "Đơn vị") is widened to it at the others'
    expense, so dates and figures do not break inside; if the table cannot hold them all, the proportions hold."""
    weights = [max(column.width, 0.01) for column in block.columns]
    fixed = _floored(weights, [_longest_word(block, index) for index in range(len(weights))], total)
    shares = _shares(weights, fixed, total)
    widths = [fixed[i] if i in fixed else int(shares[i]) for i in range(len(weights))]
    rest = [i for i in range(len(weights)) if i not in fixed] or list(range(len(weights)))
    widths[max(rest, key=lambda i: weights[i])] += total - sum(widths)
    return widths


def _floored(weights: list[float], floors: list[int], total: int) -> dict[int, int]:
    """The columns set to their floor: those whose share is below it, again after each widening."""
    fixed: dict[int, int] = {}
    while sum(fixed.values()) <= total:
        narrow = {i: floors[i] for i, share in _shares(weights, fixed, total).items() if share < floors[i]}
        if not narrow:
            return fixed
        fixed.update(narrow)
    return {}


def _shares(weights: list[float], fixed: dict[int, int], total: int) -> dict[int, float]:
    free = [i for i in range(len(weights)) if i not in fixed]
    room = total - sum(fixed.values())
    return {i: room * weights[i] / sum(weights[j] for j in free) for i in free}


def _longest_word(block: Table, index: int) -> int:
    """Words longer than LONG_WORD letters are left to break: no column could hold them all."""
    words = [(word, True) for word in block.columns[index].title.split()]
    words += [(word, number in block.bold_rows) for number, row in enumerate(block.rows)
              if index < len(row) for word in row[index].split()]
    widths = [_word_twips(word, bold) for word, bold in words if len(word) <= LONG_WORD]
    return max(widths, default=0) + 2 * CELL_MARGIN + layout.mm(1)


def _word_twips(word: str, bold: bool) -> int:
    """An estimate of a word's printed width at the table's size in Times New Roman: capitals about 0,72 em,
    other letters and digits about 0,5 em."""
    ems = sum(0.72 if char.isupper() else 0.5 for char in word) * (1.06 if bold else 1.0)
    return int(ems * layout.TABLE_PT * 20)


def add_table(document, block: Table):
    table = document.add_table(rows=1 + len(block.rows), cols=len(block.columns))
    fixed_table(table, column_widths(block), borders=True, cell_margin=CELL_MARGIN)
    header = table.rows[0]
    repeat_as_header(header)
    for cell, column in zip(header.cells, block.columns, strict=True):
        _fill(cell, column.title, align="center", bold=True)
        cell_middle(cell)
    for index, values in enumerate(block.rows):
        row = table.rows[index + 1]
        keep_row_whole(row)
        for cell, column, value in zip(row.cells, block.columns, values, strict=False):
            _fill(cell, value, align=column.align, bold=index in block.bold_rows)
    keep_row_whole(header)
    return table


def _fill(cell, text: str, *, align: str, bold: bool) -> None:
    paragraph = cell.paragraphs[0]
    fmt = paragraph.paragraph_format
    fmt.alignment = ALIGN.get(align, ALIGN["left"])
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(2), Pt(2), 1.0
    add_run(paragraph, text, size=layout.TABLE_PT, bold=bold)
