"""The search box of the navigation: /search?q=… finds every kind of record the user may see, a few of each
with their count; ?kind=… lists one kind, page by page."""

from dataclasses import dataclass

from flask import Blueprint, current_app, render_template, request
from flask_login import current_user
from sqlalchemy import func, select

from inspection import access
from inspection.extensions import db
from inspection.params import page_number
from inspection.permissions import login_required
from inspection.search.kinds import KINDS, KINDS_BY_KEY, Kind
from inspection.textsearch import MAX_TERMS_LENGTH, highlight, normalise

bp = Blueprint("search", __name__)

#: results of each kind on the overview; the rest behind "xem thêm"
PREVIEW = 5


@dataclass
class Group:
    kind: Kind
    total: int
    items: list
    page: int = 1
    pages: int = 1


@bp.route("/search")
@login_required
def index():
    query = request.args.get("q", "")[:MAX_TERMS_LENGTH].strip()
    kind = KINDS_BY_KEY.get(request.args.get("kind", ""))
    groups = []
    if normalise(query):
        groups = [_one_kind(kind, query)] if kind else [_preview(each, query) for each in KINDS]
    return render_template("search/index.html", query=query, kind=kind, groups=groups, kinds=KINDS,
                           highlight=highlight, searched=bool(normalise(query)))


def _conditions(kind: Kind, query: str) -> list:
    scope = kind.scope(current_user)
    return [kind.condition(query)] + ([] if scope is None else [scope])


def _count(kind: Kind, query: str) -> int:
    return db.session.scalar(select(func.count()).select_from(kind.model).where(*_conditions(kind, query)))


def _rows(kind: Kind, query: str, limit: int, offset: int = 0) -> list:
    statement = (select(kind.model).where(*_conditions(kind, query)).options(*kind.options)
                 .order_by(*kind.ordering()).limit(limit).offset(offset))
    return list(db.session.scalars(statement).unique())


def _visible(rows: list) -> list:
    """The SQL scope mirrors each record's rule; the rule itself has the last word."""
    return access.visible(current_user, rows)


def _preview(kind: Kind, query: str) -> Group:
    rows = _rows(kind, query, PREVIEW)
    # fewer rows than asked for: that is all of them, and the count (a second scan) is not needed
    total = len(rows) if len(rows) < PREVIEW else _count(kind, query)
    return Group(kind, total, _visible(rows))


def _one_kind(kind: Kind, query: str) -> Group:
    per_page = current_app.config["PAGE_SIZE"]
    page, total = page_number(), _count(kind, query)
    pages = max(1, -(-total // per_page))
    rows = _rows(kind, query, per_page, (min(page, pages) - 1) * per_page)
    return Group(kind, total, _visible(rows), min(page, pages), pages)

