"""One page of the dossier registry at any depth.

The registry's order (newest year, then unit and dossier code, all descending) is the index
ix_dossier_year_unit_code_id read backwards, and (unit, code) is unique, so a dossier's (year, unit_id, code) is its
place in the order. A page is reached in one of two ways:
- `?page=N` (the page links, and links people kept): the page's ids are skipped to on the dossier table alone
  (the index, without the unit join), then those rows are read with what the page shows;
- `?after=<id>` / `?before=<id>` (the "Sau" / "Trước" links): the rows just after (before) that dossier's place,
  read off the index from there whatever the depth, so going on from page 5.000 costs what page 1 costs, and
  a dossier added or removed meanwhile neither repeats nor skips a row; `?last=1` ("Trang cuối"): the oldest
  rows, the index read from its other end.
The total is counted up to REGISTRY_COUNT_CAP (counting a million dossiers read them all): beyond, the page
says "hơn 10.000" and offers page links up to there and "Sau" beyond."""

from sqlalchemy import select, tuple_

from inspection.counting import CappedPagination, capped_count, count_cap
from inspection.extensions import db
from inspection.nominations.models import Dossier

REGISTRY_COUNT_CAP = 10_000
#: the registry's order, newest first; its key (the unique place of a dossier in it) without the id
ORDER = (Dossier.year, Dossier.unit_id, Dossier.code)


class RegistryPagination(CappedPagination):
    """Arguments: rows (the filtered SELECT of Dossier with what the page shows), ids (the same filter over
    Dossier.id alone), after, before (a dossier id or None), last (the last page: the oldest dossiers)."""

    def _query_items(self) -> list[Dossier]:
        rows, ids = self._query_args["rows"], self._query_args["ids"]
        after, before = _key(self._query_args.get("after")), _key(self._query_args.get("before"))
        last = self._query_args.get("last") and not (after or before)
        self.keyset = bool(after or before or last)
        if before or last:
            if before:
                ids = ids.where(tuple_(*ORDER) > tuple_(*before))
            found = list(db.session.scalars(ids.order_by(None).order_by(
                *(column.asc() for column in ORDER), Dossier.id.asc()).limit(self.per_page + 1)))
            self.more_before, page_ids = len(found) > self.per_page, found[:self.per_page][::-1]
            self.more_after = bool(before)
        else:
            if after:
                ids = ids.where(tuple_(*ORDER) < tuple_(*after))
            else:
                ids = ids.offset(self._query_offset)
            found = list(db.session.scalars(_newest_first(ids).limit(self.per_page + 1)))
            self.more_after, page_ids = len(found) > self.per_page, found[:self.per_page]
            self.more_before = bool(after) or self.page > 1
        if not page_ids:
            return []
        return list(db.session.scalars(_newest_first(rows.where(Dossier.id.in_(page_ids)))).unique())

    def _query_count(self) -> int:
        self.cap = count_cap("REGISTRY_COUNT_CAP", REGISTRY_COUNT_CAP)
        return capped_count(self._query_args["ids"], self.cap)

    @property
    def first_id(self) -> int | None:
        return self.items[0].id if self.items else None

    @property
    def last_id(self) -> int | None:
        return self.items[-1].id if self.items else None


def _newest_first(query):
    return query.order_by(None).order_by(*(column.desc() for column in ORDER), Dossier.id.desc())


def _key(dossier_id: int | None) -> tuple | None:
    """The place of the dossier in the order (None: no such dossier, the list starts at its beginning)."""
    if not dossier_id:
        return None
    row = db.session.execute(select(*ORDER).where(Dossier.id == dossier_id)).first()
    return tuple(row) if row else None
