"""The search box of the navigation: /search?q=… finds every kind of record the user may see, a few of each
with their count; ?kind=… lists one kind, page by page.

Bounded at national scale: the words are looked up in a trigram index (inspection/textsearch.py), so they
need three characters (a shorter query gets a message, not a scan of a million dossiers); a count stops at
count_cap() ("more than 200"), so no query reads every match only to count it; one kind's pages go no further
than the capped count."""

from dataclasses import dataclass

from flask import Blueprint, current_app, render_template, request
from flask_login import current_user
from sqlalchemy import select

from inspection import access, counting
from inspection.extensions import db
from inspection.findings.numbering import canonical
from inspection.params import page_number
from inspection.permissions import login_required
from inspection.search.kinds import KINDS, KINDS_BY_KEY, Kind
from inspection.textsearch import (
    MAX_TERMS_LENGTH,
    highlight,
    indexed,
    matches,
    more_than,
    newest_matching,
    normalise,
    scanned,
)

bp = Blueprint("search", __name__)

#: results of each kind on the overview; the rest behind "xem thêm"
PREVIEW = 5
#: counts stop here (setting SEARCH_COUNT_CAP): the page says "more than" instead of reading every match
COUNT_CAP = 200


def count_cap() -> int:
    return counting.count_cap("SEARCH_COUNT_CAP", COUNT_CAP)


@dataclass
class Group:
    kind: Kind
    total: int
    items: list
    page: int = 1
    pages: int = 1

    @property
    def capped(self) -> bool:
        """The count stopped at COUNT_CAP: there are more."""
        return self.total > count_cap()


@bp.route("/search")
@login_required
def index():
    query = request.args.get("q", "")[:MAX_TERMS_LENGTH].strip()
    kind = KINDS_BY_KEY.get(request.args.get("kind", ""))
    # a recommendation's number typed another way ("kn 3 / d12-2017") is looked for as it is written
    looked_for = canonical(query) or query
    terms, groups = normalise(looked_for), []
    if indexed(terms):
        groups = [_one_kind(kind, looked_for)] if kind else [_preview(each, looked_for) for each in KINDS]
    return render_template("search/index.html", query=query, looked_for=looked_for, kind=kind, groups=groups,
                           kinds=KINDS, highlight=highlight, searched=indexed(terms),
                           too_short=bool(terms) and not indexed(terms), cap=count_cap())


def _matching(kind: Kind, query: str, *columns):
    """SELECT columns of the kind's matching rows that the user may see, in the kind's order. Who sees
    everything: the trigram index drives, newest first, and stops at the page. Who sees some units: their
    records (found through the scope's indexes) are checked against the words, however common the words are
    in the rest of the country."""
    statement = select(*(columns or (kind.model,)))
    scope = kind.scope(current_user)
    if scope is not None:
        # id + 0, not id: with the primary key's order a database may walk the table from the newest row until
        # it meets a few of the user's (PostgreSQL did: 1.7 s for a province whose records are the oldest)
        newest = (kind.model.id + 0).desc()
        return statement.where(scope, _scoped_words(kind, query)).order_by(*kind.order or (newest,))
    if kind.order:
        return statement.where(matches(kind.model, query)).order_by(*kind.order)
    return newest_matching(statement, kind.model, query, db.engine.dialect.name)


#: on SQLite, words in at most this many rows of a kind are looked up in its FTS5 index before the scope is
#: checked (a province officer's 29.000 dossiers read one by one for a word in none of them: 25 ms)
FEW = 2000


def _scoped_words(kind: Kind, query: str):
    """The words' condition beside a scope. PostgreSQL weighs the scope against the words' estimated frequency
    itself, so it is given the form its trigram index answers (for words in no dossier of the province, the
    index says so at once: 7,6 → 0,9 ms). SQLite takes the index whenever it is offered: it is offered the
    index only for words in few rows, otherwise the scope's rows are checked one by one. A kind whose scoped
    rows are few anyway has them checked one by one on both."""
    if kind.few_in_scope or (db.engine.dialect.name == "sqlite" and not _few_in_index(kind, query)):
        return scanned(kind.model, query)
    return matches(kind.model, query)


def _few_in_index(kind: Kind, query: str) -> bool:
    """Whether the FTS5 index holds the words in at most FEW rows of the kind (it stops counting there).
    SQLite only (`_scoped_words`)."""
    return not more_than(db.session, kind.model, query, FEW)


def _found_ids(kind: Kind, query: str) -> list[int]:
    """The ids of the matching rows, in the kind's order, up to the cap + 1: one query gives both the count
    (beyond the cap, the exact number is not worth reading every match) and the rows of any page shown, since
    no page goes past the cap. Collecting 201 ids costs what collecting 5 does: the scoped rows are sorted
    whole, the trigram bitmap is built whole, and SQLite's FTS5 index yields its matches in order."""
    return list(db.session.scalars(_matching(kind, query, kind.model.id).limit(count_cap() + 1)))


def _load(kind: Kind, ids: list[int]) -> list:
    """The records of these ids, in their order, with what the result shows of them."""
    if not ids:
        return []
    rows = db.session.scalars(select(kind.model).where(kind.model.id.in_(ids)).options(*kind.options)).unique()
    by_id = {row.id: row for row in rows}
    return [by_id[record_id] for record_id in ids if record_id in by_id]


def _visible(rows: list) -> list:
    """The SQL scope mirrors each record's rule; the rule itself has the last word."""
    return access.visible(current_user, rows)


def _preview(kind: Kind, query: str) -> Group:
    ids = _found_ids(kind, query)
    return Group(kind, len(ids), _visible(_load(kind, ids[:PREVIEW])))


def _one_kind(kind: Kind, query: str) -> Group:
    per_page, ids = current_app.config["PAGE_SIZE"], _found_ids(kind, query)
    pages = max(1, -(-min(len(ids), count_cap()) // per_page))
    page = min(page_number(), pages)
    shown = ids[(page - 1) * per_page:page * per_page]
    return Group(kind, len(ids), _visible(_load(kind, shown)), page, pages)
