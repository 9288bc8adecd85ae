"""Links from a figure to the list that shows what it counts, written without url_for: a dashboard has ~600 of
them and the award report ~400, and url_for for each cost more than the figures themselves (issue #14). The
address of the list is looked up once per page; each query-string name and value is quoted once per process.
The links are those url_for gives (tests/dash14/test_links.py); `linked_figure` writes a figure with its link."""

from collections.abc import Callable, Mapping
from functools import lru_cache
from urllib.parse import quote_plus

from flask import url_for
from markupsafe import Markup, escape

#: the characters url_for leaves as they are in a query string (werkzeug.urls._urlencode)
QUERY_SAFE = "!$'()*,/:;?@"


def href_maker(endpoint: str) -> Callable[[Mapping], str]:
    """A function from query arguments (a list value repeats its name) to the endpoint's link with them."""
    base = url_for(endpoint)

    def href(args: Mapping) -> str:
        pairs = [f"{_quoted(name)}={_quoted(str(item))}" for name, value in args.items()
                 for item in (value if isinstance(value, list | tuple) else (value,))]
        return f"{base}?{'&'.join(pairs)}" if pairs else base
    return href


@lru_cache(maxsize=8192)
def _quoted(text: str) -> str:
    return quote_plus(text, safe=QUERY_SAFE)


def linked_figure(href: str, text: str, **attributes: str) -> Markup:
    """<a href="…" attributes…>text</a>, escaped here: a page writes hundreds, and a template macro or
    Markup.format for each cost more than the figures (data_count= writes data-count=)."""
    extra = "".join(f' {name.replace("_", "-")}="{escape(value)}"' for name, value in attributes.items())
    return Markup(f'<a href="{escape(href)}"{extra}>{escape(text)}</a>')
