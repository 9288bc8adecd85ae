"""Column widths of a body table and the issuing body's lines in the heading."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inspection.documents.official import layout
from inspection.documents.official.docx_heading import body_lines
from inspection.documents.official.docx_table import column_widths
from inspection.documents.official.model import Column, Table

pytestmark = pytest.mark.no_database  # files and certificates only: the same on every database

weights = st.lists(st.floats(min_value=0.1, max_value=20), min_size=1, max_size=14)
cells = st.text(alphabet="ab0/ ĐƯ", max_size=30)


@given(weights, st.data())
def test_widths_always_add_up_to_the_text_width(column_weights, data):
    columns = tuple(Column(f"Cột {i}", weight) for i, weight in enumerate(column_weights))
    rows = tuple(tuple(data.draw(cells) for _ in columns) for _ in range(data.draw(st.integers(0, 4))))
    widths = column_widths(Table(columns=columns, rows=rows))
    assert sum(widths) == layout.TEXT_WIDTH and all(width > 0 for width in widths)


def test_a_narrow_date_column_is_widened_to_hold_a_date_the_others_keep_their_proportions():
    table = Table(columns=(Column("Nội dung", 6), Column("Hạn", 0.6), Column("Ghi chú", 3)),
                  rows=(("Chấn chỉnh", "30/06/2027", "Không"),))
    content, due, note = column_widths(table)
    assert due >= layout.mm(21)
    assert abs(content / note - 2) < 0.01


def test_a_very_long_token_does_not_take_the_table():
    table = Table(columns=(Column("Nội dung", 6), Column("Ghi chú", 1)), rows=(("Chấn chỉnh", "x" * 80),))
    content, note = column_widths(table)
    assert abs(content / note - 6) < 0.01


def test_issuing_body_on_one_line_when_it_fits_else_two_balanced_lines_never_starting_with_a_dash():
    assert body_lines("SỞ NỘI VỤ") == ["SỞ NỘI VỤ"]
    assert body_lines("HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG") == ["HỘI ĐỒNG THI ĐUA –", "KHEN THƯỞNG"]
    assert body_lines("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI") == ["SỞ LAO ĐỘNG -", "THƯƠNG BINH VÀ XÃ HỘI"]
    assert body_lines("ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG") == ["ỦY BAN NHÂN DÂN", "TỈNH KIÊN GIANG"]
