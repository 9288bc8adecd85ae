"""What every builder shares: reading its arguments (a bad or missing one is a ValueError whose Vietnamese message
names it, never a 500) and writing figures, dates and labels as an official document prints them: in Vietnamese
whatever the reader's language (5.549; 57,89%; 30/11/2017)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal

from babel.numbers import format_decimal, format_percent
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from inspection.formatting import in_vietnamese, vn_date
from inspection.params import MAX_ID, YEAR_MAX, YEAR_MIN, whole_number

#: a blank left to be written in by hand on the printed copy
BLANK = "……"
#: what each argument names, for the messages
ARGUMENT_WORDS = {
    "mission": _l("mã số đoàn kiểm tra"),
    "unit": _l("mã số đơn vị"),
    "session": _l("mã số phiên họp"),
    "year": _l("năm"),
    "from": _l("từ ngày"),
    "to": _l("đến ngày"),
    "issued_from": _l("ban hành từ ngày"),
    "issued_to": _l("ban hành đến ngày"),
}


# --- arguments ------------------------------------------------------------------------------------------------

def _words(name: str) -> str:
    return str(ARGUMENT_WORDS.get(name, name))


def raw_arg(args: Mapping[str, str], name: str) -> str:
    value = args.get(name)
    return value.strip() if isinstance(value, str) else ""


def id_arg(args: Mapping[str, str], name: str) -> int:
    """A record's id: required, a whole number from 1."""
    text = raw_arg(args, name)
    if not text:
        raise ValueError(_("Thiếu tham số “%(name)s” (%(what)s).", name=name, what=_words(name)))
    number = whole_number(text, 1, MAX_ID)
    if number is None:
        raise ValueError(_("Tham số “%(name)s” (%(what)s) phải là một số nguyên dương, không phải “%(value)s”.",
                           name=name, what=_words(name), value=text[:40]))
    return number


def year_arg(args: Mapping[str, str], name: str = "year") -> int | None:
    text = raw_arg(args, name)
    if not text:
        return None
    year = whole_number(text, YEAR_MIN, YEAR_MAX)
    if year is None:
        raise ValueError(_("Tham số “%(name)s” (%(what)s) phải là một năm từ %(low)s đến %(high)s, không phải "
                           "“%(value)s”.", name=name, what=_words(name), low=YEAR_MIN, high=YEAR_MAX,
                           value=text[:40]))
    return year


def date_arg(args: Mapping[str, str], name: str) -> datetime.date | None:
    text = raw_arg(args, name)
    if not text:
        return None
    try:
        day = datetime.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        day = None
    if day is None or not YEAR_MIN <= day.year <= YEAR_MAX:
        raise ValueError(_("Tham số “%(name)s” (%(what)s) phải là một ngày dạng dd/mm/yyyy, không phải “%(value)s”.",
                           name=name, what=_words(name), value=text[:40]))
    return day


# --- printing -------------------------------------------------------------------------------------------------

def vi(text) -> str:
    """A label (lazy text) in Vietnamese: official documents are not translated."""
    return in_vietnamese(text)


def count(value) -> str:
    """5549 → "5.549"."""
    return format_decimal(value or 0, locale="vi")


def percent(points: Decimal | None) -> str:
    """57.8931… (percent points) → "57,89%"; "—" for a share of nothing."""
    if points is None:
        return "—"
    return format_percent(Decimal(points) / 100, format="#,##0.00%", locale="vi")


def day(value: datetime.date | None) -> str:
    return vn_date(value) if value else BLANK


def period(start: datetime.date | None, end: datetime.date | None) -> str:
    """"từ 06/11/2016 đến 05/11/2017"."""
    if start and end:
        return f"từ {vn_date(start)} đến {vn_date(end)}"
    if start:
        return f"từ {vn_date(start)}"
    if end:
        return f"đến {vn_date(end)}"
    return BLANK


def lower_first(text: str) -> str:
    """"Kiểm tra, giám sát …" → "kiểm tra, giám sát …" (to follow "Kết luận"); an acronym stays as it is."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def joined(names: Iterable[str]) -> str:
    return "; ".join(name for name in names if name)
