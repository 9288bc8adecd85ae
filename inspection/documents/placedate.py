"""The place–date line of a document (DOMAIN.md 4.2, Decree 30/2020/NĐ-CP).

Generated strictly ("Kiên Giang, ngày 05 tháng 01 năm 2024"), parsed leniently,
because real documents vary ("tháng 09", extra spaces, "Ngày").
"""

from __future__ import annotations

import datetime
import re
import unicodedata

BLANK_PLACE_DATE = "…, ngày … tháng … năm …"

_PLACE_DATE = re.compile(
    r"^(?P<place>[^,]*),\s*ngày\s+(?P<d>[0-9]{1,2})\s+tháng\s+(?P<m>[0-9]{1,2})"
    r"\s+năm\s+(?P<y>[0-9]{4})$",
    re.IGNORECASE,
)
_SHAPE = "“<Địa danh>, ngày DD tháng MM năm YYYY”"


class PlaceDateError(ValueError):
    """A place–date line that cannot be read or written; the message is for the user."""


def format_place_date(place: str, day: datetime.date) -> str:
    """Decree 30 form: day < 10 and months 1–2 take a leading zero, other months not."""
    place = _clean_place(place)
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year:04d}"


def parse_place_date(text: str) -> tuple[str, datetime.date]:
    """Read "Hà Nội, ngày 3 tháng 09 năm 2018." into ("Hà Nội", date(2018, 9, 3))."""
    cleaned = _normalise(text)
    if cleaned == BLANK_PLACE_DATE:
        raise PlaceDateError("Dòng địa danh, ngày tháng năm chưa được điền.")
    match = _PLACE_DATE.match(cleaned)
    if match is None:
        raise PlaceDateError(f"Dòng “{cleaned}” không đúng mẫu {_SHAPE}.")
    place = _clean_place(match["place"])
    return place, _make_date(int(match["y"]), int(match["m"]), int(match["d"]))


def _normalise(text: str) -> str:
    # NFD input (copied from PDFs, macOS) would not match the NFC pattern.
    text = unicodedata.normalize("NFC", text)
    return " ".join(text.split()).rstrip(".").rstrip()


def _clean_place(place: str) -> str:
    place = " ".join(unicodedata.normalize("NFC", place).split())
    if not place:
        raise PlaceDateError(f"Thiếu địa danh trước “, ngày”: phải theo mẫu {_SHAPE}.")
    if "," in place:
        raise PlaceDateError(f"Địa danh “{place}” không được chứa dấu phẩy.")
    return place


def _make_date(year: int, month: int, day: int) -> datetime.date:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise PlaceDateError(
            f"Ngày {day:02d}/{month:02d}/{year} không tồn tại trong lịch."
        ) from None
