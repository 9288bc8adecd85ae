"""The place–date line: strict generation, lenient parsing."""

import datetime
import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inspection.documents.placedate import (
    BLANK_PLACE_DATE,
    PlaceDateError,
    format_place_date,
    parse_place_date,
)

D = datetime.date


@pytest.mark.parametrize(("place", "day", "text"), [
    ("Kiên Giang", D(2017, 11, 30), "Kiên Giang, ngày 30 tháng 11 năm 2017"),
    ("Kon Tum", D(2024, 1, 25), "Kon Tum, ngày 25 tháng 01 năm 2024"),
    ("Vĩnh Long", D(2008, 2, 4), "Vĩnh Long, ngày 04 tháng 02 năm 2008"),
    ("Ninh Bình", D(2022, 7, 13), "Ninh Bình, ngày 13 tháng 7 năm 2022"),
    ("Bắc Ninh", D(2025, 12, 3), "Bắc Ninh, ngày 03 tháng 12 năm 2025"),
    ("Yên Bái", D(2018, 9, 5), "Yên Bái, ngày 05 tháng 9 năm 2018"),
])
def test_format_and_parse_examples(place, day, text):
    assert format_place_date(place, day) == text
    assert parse_place_date(text) == (place, day)


@pytest.mark.parametrize(("text", "expected"), [
    ("Yên Bái, ngày 05 tháng 09 năm 2018", ("Yên Bái", D(2018, 9, 5))),
    ("  Hà  Nội ,   ngày 3  tháng 2 năm 2020.", ("Hà Nội", D(2020, 2, 3))),
    ("Đắk Lắk, Ngày 1 Tháng 1 Năm 2025", ("Đắk Lắk", D(2025, 1, 1))),
    ("Hà Nội,ngày 14 tháng 6 năm 2025", ("Hà Nội", D(2025, 6, 14))),
    (unicodedata.normalize("NFD", "Đắk Lắk, ngày 10 tháng 10 năm 2024"),
     ("Đắk Lắk", D(2024, 10, 10))),
])
def test_parse_is_lenient(text, expected):
    assert parse_place_date(text) == expected


@pytest.mark.parametrize(("text", "fragment"), [
    (", ngày 05 tháng 01 năm 2024", "Thiếu địa danh"),
    ("Hà Nội, ngày 31 tháng 02 năm 2024", "31/02/2024 không tồn tại"),
    ("Hà Nội, ngày 0 tháng 5 năm 2024", "không tồn tại"),
    ("Hà Nội, 05/01/2024", "không đúng mẫu"),
    ("Hà Nội, ngày 5 tháng 1 năm 24", "không đúng mẫu"),
    ("", "không đúng mẫu"),
    (BLANK_PLACE_DATE, "chưa được điền"),
])
def test_bad_lines(text, fragment):
    with pytest.raises(PlaceDateError) as info:
        parse_place_date(text)
    assert fragment in str(info.value)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize("place", ["", "  ", "Hà Nội, Việt Nam"])
def test_format_rejects_a_place_that_would_not_parse_back(place):
    with pytest.raises(PlaceDateError):
        format_place_date(place, D(2024, 1, 1))


def test_blank_template():
    assert BLANK_PLACE_DATE == "…, ngày … tháng … năm …"


PLACES = ["Kiên Giang", "Bắc Ninh", "Hà Nội", "Đắk Lắk", "Thừa Thiên Huế", "Bà Rịa - Vũng Tàu"]
days = st.dates(min_value=D(1945, 1, 1), max_value=D(2100, 12, 31))


@given(st.sampled_from(PLACES), days)
def test_round_trip(place, day):
    assert parse_place_date(format_place_date(place, day)) == (place, day)


@given(days)
def test_padding_rule(day):
    text = format_place_date("Hà Nội", day)
    match = re.fullmatch(r"Hà Nội, ngày (\d+) tháng (\d+) năm (\d{4})", text)
    assert match is not None
    assert match[1] == f"{day.day:02d}"
    assert match[2] == (f"0{day.month}" if day.month <= 2 else str(day.month))
