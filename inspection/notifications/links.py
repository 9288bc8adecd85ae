"""Links inside notification bodies. Bodies are stored with portal paths ("/recommendations/12") so they
stay right when PUBLIC_URL changes; the page turns the paths into links, the e-mail into full addresses."""

import re
from urllib.parse import urlsplit

from flask import current_app
from markupsafe import Markup, escape

#: a path standing on its own (line start or after a space), so "280/BC-UBND" or "1/5" never match
PORTAL_PATH = re.compile(r"(?<!\S)(/[\w\-./?=&%]*)")


def path_for(endpoint: str, **values) -> str:
    """url_for without a request (the command line has none): the path only."""
    return current_app.url_map.bind("localhost").build(endpoint, values)


def absolute(path: str) -> str:
    return current_app.config["PUBLIC_URL"].rstrip("/") + path


def absolute_links(text: str) -> str:
    """The body as the e-mail says it: every portal path made a full address on PUBLIC_URL."""
    return PORTAL_PATH.sub(lambda match: absolute(match.group(1)), text)


def linkify_paths(text: str) -> Markup:
    """The body as the page shows it: escaped text, portal paths as links."""
    parts = PORTAL_PATH.split(text or "")
    return Markup("").join(Markup('<a href="{0}">{0}</a>').format(part) if index % 2 else escape(part)
                           for index, part in enumerate(parts))


def internal_path(target: str | None) -> str | None:
    """`target` when it is a path on this site, else None: a stored link never leads outside."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    return target
