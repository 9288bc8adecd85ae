"""Counts that stop at a cap, for every list that says how many it holds: the search box, the register's text
filter and the dossier registry. Counting a million rows exactly means reading them all; a list page says
"hơn 10.000" instead, and its page links stop there (deeper pages are reached by "Sau" links, see
nominations/registry_pages.py)."""

from flask import current_app
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select, func, select

from inspection.extensions import db


def count_cap(setting: str, default: int) -> int:
    """The cap of one list, from its setting (tests lower it)."""
    return current_app.config.get(setting, default)


def capped_count(ids: Select, cap: int | None) -> int:
    """How many rows the one-column SELECT yields; with a cap, at most cap + 1 (the rest is not read)."""
    if cap is None:
        return db.session.scalar(select(func.count()).select_from(ids.order_by(None).subquery()))
    return db.session.scalar(select(func.count()).select_from(ids.order_by(None).limit(cap + 1).subquery()))


class CappedPagination(Pagination):
    """A flask-sqlalchemy page whose total may have stopped at `self.cap` (None: counted exactly): the page says
    "more than" the cap and offers no page link beyond it."""

    cap: int | None = None

    @property
    def capped(self) -> bool:
        return self.cap is not None and self.total > self.cap

    @property
    def pages(self) -> int:
        return max(1, -(-min(self.total, self.cap) // self.per_page)) if self.capped else super().pages
