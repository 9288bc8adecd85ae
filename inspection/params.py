"""Numbers read from URLs and query strings, within bounds the databases can hold.

An id past 2^31 - 1 overflows PostgreSQL's integer (past 2^63 - 1, SQLite's too): a 500 before. A negative page
or year means nothing. Ids in paths go through `BoundedIntConverter` (registered as "int": every <int:…> in the
URL map); numbers in query strings and hand-read form values through `whole_number` / `arg_number`."""

import re

from flask import abort, request
from werkzeug.routing import IntegerConverter

#: the largest value of an `integer` column on PostgreSQL (every id, version, year and count; SQLite holds 2^63 - 1)
MAX_ID = 2**31 - 1
#: years the portal deals in (the council's records start after 1945; plans do not reach past 2100)
YEAR_MIN, YEAR_MAX = 1945, 2100
#: deeper than any list goes (its offset must stay far inside a bigint)
MAX_PAGE = 10**6

_DIGITS = re.compile(r"[0-9]{1,30}")  # ASCII only: str.isdigit() also takes "²", which int() refuses


class BoundedIntConverter(IntegerConverter):
    """<int:…> for ids: 1 to MAX_ID, so any other number in a path is a 404 before a view runs."""

    def __init__(self, url_map, fixed_digits=0, min=1, max=MAX_ID, signed=False):  # noqa: A002 – werkzeug's names
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def whole_number(text, low: int = 1, high: int = MAX_ID) -> int | None:
    """The whole number written in `text` (ASCII digits, surrounding spaces allowed) if low <= it <= high;
    None for anything else: blank, signed, non-numeric or out of range."""
    text = (text or "").strip() if isinstance(text, str) else ""
    if not _DIGITS.fullmatch(text):
        return None
    number = int(text)
    return number if low <= number <= high else None


def arg_number(name: str, low: int = 1, high: int = MAX_ID) -> int | None:
    """A query-string number (an id, a year…); a bad one is ignored, as if absent (a filter, never a 500)."""
    return whole_number(request.args.get(name), low, high)


def arg_year(name: str = "year") -> int | None:
    return arg_number(name, YEAR_MIN, YEAR_MAX)


def page_number() -> int:
    """The list page asked for: 1 when absent; a page that cannot exist (0, negative, not a number, past
    MAX_PAGE) is a 404, as Flask-SQLAlchemy answers for a negative one."""
    if "page" not in request.args:
        return 1
    return whole_number(request.args["page"], 1, MAX_PAGE) or abort(404)
