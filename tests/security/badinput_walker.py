"""The pieces of the hostile-input walker: the hostile values, the URLs of the URL map, and the forms a page
shows (read from its HTML, so a form's prefix, hidden fields and choices are the ones a browser would send)."""

import logging
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

from werkzeug.routing import IntegerConverter

#: integers a URL or a number field may carry: zero, negative, past 2^63 (PostgreSQL bigint, SQLite int)
HOSTILE_INTS = [0, -1, 2**63 - 1, 2**63, 2**64, 10**20]
HOSTILE_NUMBERS = [str(number) for number in HOSTILE_INTS] + [
    "99999999999999999999", "-9223372036854775809", "1e309", "²", "١٢", "0x10", " 7 ", "3.5"]
HOSTILE_DATES = ["31/02/2017", "00/00/0000", "1/1/99999", "01/01/0001", "31/12/9999", "29/02/2100", "2017-02-31"]
HOSTILE_TEXTS = [
    "", " ", "\x00", "a\x00b", "\x0b", "dòng\x0cmới\x1f", "x" * 10_000, unicodedata.normalize("NFD", "Nguyễn Thị Ánh"),
    "28O/BC-UBND", "=HYPERLINK(\"//evil.example\")", "'; DROP TABLE unit; --", "%", "\\", "\u202e",
]
HOSTILE_VALUES = HOSTILE_NUMBERS + HOSTILE_DATES + HOSTILE_TEXTS

#: query-string parameters the views read besides their filter forms' fields (grep request.args)
QUERY_NAMES = ["page", "per_page", "year", "mission", "group", "unit", "plan_id", "q", "kind", "status", "type",
               "scope", "mine", "unread", "refresh", "n", "start", "due", "next", "year_from", "year_to", "rank",
               "sort"]

#: endpoints the walker does not post to: they end the walker's own session
SKIPPED_POSTS = {"auth.logout", "auth.login", "admin.deactivate_user", "auth.change_password"}


def concrete_paths(rule, hostile: bool):
    """URLs matching the rule: every id 1 (each table's first record); with `hostile`, one URL per id argument
    and hostile integer, the other ids 1."""
    def path(values):
        text = re.sub(r"<any\(([^,)]+)[^>]*>", lambda match: match.group(1).strip(), rule.rule)
        return re.sub(r"<(?:([^:>]+):)?([^>]+)>", lambda match: values.get(match.group(2), _plain(match)), text)

    int_args = [name for name, converter in rule._converters.items() if isinstance(converter, IntegerConverter)]
    if not hostile:
        return [path({})]
    return [path({name: str(number)}) for name in int_args for number in HOSTILE_INTS]


def _plain(match) -> str:
    kind, name = match.group(1), match.group(2)
    if kind == "int":
        return "1"
    return {"evidence_key": "1", "list_name": "register", "filename": "app.css"}.get(name, "1")


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, list[str]] = field(default_factory=dict)  # name → the values the page offers (first: its own)
    files: list[str] = field(default_factory=list)

    def key(self) -> tuple:
        return self.method, re.sub(r"\d+", "N", self.action), tuple(sorted(self.fields))


class FormReader(HTMLParser):
    """Every <form> of a page: its action, method and fields, with the values offered (options, radio values)."""

    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[Form] = []
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            action = attrs.get("action") or self.page_url
            self.forms.append(Form(urlsplit(action).path or urlsplit(self.page_url).path,
                                   (attrs.get("method") or "get").lower()))
        elif not self.forms or not attrs.get("name") and tag != "option":
            return
        elif tag == "input":
            self._input(attrs)
        elif tag in ("select", "textarea"):
            self._select = attrs["name"] if tag == "select" else None
            self.forms[-1].fields.setdefault(attrs["name"], [])
        elif tag == "option" and self._select:
            self.forms[-1].fields[self._select].append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None

    def _input(self, attrs):
        kind, name = attrs.get("type", "text"), attrs["name"]
        if kind == "file":
            self.forms[-1].files.append(name)
        elif kind not in ("submit", "button", "reset", "image") or "value" in attrs:
            self.forms[-1].fields.setdefault(name, []).append(attrs.get("value", "y" if kind == "checkbox" else ""))


def forms_of(html: str, page_url: str) -> list[Form]:
    reader = FormReader(page_url)
    reader.feed(html)
    return [form for form in reader.forms if form.action.startswith("/")]


class ErrorLog(logging.Handler):
    """The last lines of the tracebacks the app logged (its 500 handler logs every crash)."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record):
        if record.exc_info:
            self.lines.append(f"{record.exc_info[0].__name__}: {str(record.exc_info[1])[:300]}")
