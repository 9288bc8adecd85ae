"""Links inside notification bodies. Bodies are stored with portal paths ("/recommendations/12") so they
stay right when PUBLIC_URL changes; the page turns the paths into links, the e-mail into full addresses.

A body quotes what people typed (a recommendation's text, a council's note), so only a path that
`internal_path` accepts ever becomes a link: "//evil.example/x", "/\\evil", "https://…" or "javascript:…"
stay plain text. A notification's own `link` is checked when it is written and again when it is opened."""

import re
from urllib.parse import urlsplit

from flask import current_app
from markupsafe import Markup, escape

#: a path standing on its own (line start or after a space), so "280/BC-UBND" or "1/5" never match; a
#: second slash or a backslash after the first would make it an address on another host
PORTAL_PATH = re.compile(r"(?<!\S)(/(?![/\\])[\w\-./?=&%]*)")


def path_for(endpoint: str, **values) -> str:
    """url_for without a request (the command line has none): the path only."""
    return current_app.url_map.bind("localhost").build(endpoint, values)


def absolute(path: str) -> str:
    return current_app.config["PUBLIC_URL"].rstrip("/") + path


def absolute_links(text: str) -> str:
    """The body as the e-mail says it: every portal path made a full address on PUBLIC_URL."""
    return PORTAL_PATH.sub(lambda match: _internal_or_text(match.group(1), absolute), text)


def linkify_paths(text: str) -> Markup:
    """The body as the page shows it: escaped text, portal paths as links."""
    parts = PORTAL_PATH.split(text or "")
    return Markup("").join(_internal_or_text(part, Markup('<a href="{0}">{0}</a>').format, escape)
                           if index % 2 else escape(part) for index, part in enumerate(parts))


def _internal_or_text(path: str, as_link, as_text=str):
    return as_link(path) if internal_path(path) else as_text(path)


def internal_path(target: str | None) -> str | None:
    """`target` when it is a path on this site, else None: a stored link never leads outside."""
    if not target:
        return None
    # browsers drop tabs and line breaks inside an address ("/\t/evil" is "//evil"): no space or control at all
    if not target.startswith("/") or target.startswith("//") or "\\" in target or not target.isprintable() \
            or any(char.isspace() for char in target):
        return None
    parts = urlsplit(target)
    return None if parts.scheme or parts.netloc else target


def checked_link(link: str | None) -> str | None:
    """A notification's link as it is written: a path on this site or nothing (a bug in the caller)."""
    if link is not None and internal_path(link) is None:
        raise ValueError(f"a notification links only to a path on this site, not {link!r}")
    return link
