"""The page and type sizes of Decree 30/2020/NĐ-CP, Phụ lục I (DOMAIN.md 4.1), in twips and points.

A4 portrait; margins top and bottom 20 mm (20–25), left 30 mm (30–35), right 15 mm (15–20): the narrowest
allowed right margin leaves the most room for the tables of a report. Times New Roman 14 pt for the body.
"""

from __future__ import annotations

TWIPS_PER_MM = 1440 / 25.4


def mm(value: float) -> int:
    return round(value * TWIPS_PER_MM)


PAGE_WIDTH, PAGE_HEIGHT = 11906, 16838  # A4, as Word writes it
TOP, BOTTOM, LEFT, RIGHT = mm(20), mm(20), mm(30), mm(15)
HEADER_DISTANCE = mm(10)
TEXT_WIDTH = PAGE_WIDTH - LEFT - RIGHT

# the heading's two columns: the issuing body (left) and the national name and motto (right)
HEADING_LEFT = mm(72)  # the right column keeps the 88 mm of the national name at 12 pt bold
HEADING_RIGHT = TEXT_WIDTH - HEADING_LEFT
# the signing block: recipients (left) and the signer (right); two signers share the width equally
SIGNING_LEFT = mm(80)
SIGNING_RIGHT = TEXT_WIDTH - SIGNING_LEFT

BODY_PT = 14
TABLE_PT = 12
HEADING_PT = 13  # parent and issuing body, number, "V/v"
NATION_PT = 12  # "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_PT = 13  # "Độc lập - Tự do - Hạnh phúc"
RECIPIENTS_TITLE_PT = 12
RECIPIENTS_PT = 11
PAGE_NUMBER_PT = 13

FIRST_LINE_INDENT = mm(12.7)
PARAGRAPH_AFTER_PT = 6
LINE_SPACING = 1.15
