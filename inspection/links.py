"""Links from a figure to the list that shows what it counts, written without url_for: a dashboard has ~600 of
them and the award report ~400, and url_for for each cost more than the figures themselves (issue #14). The
address of the list is looked up once per page; each query-string name and value is quoted once per process.
The links are those url_for gives (tests/dash14/test_links.py)."""

from collections.abc import Callable, Mapping
from functools import lru_cache
from urllib.parse import quote_plus

from flask import url_for

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
