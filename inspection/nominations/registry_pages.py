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
says "hơn 10.000" and offers page links up to there and "Sau" beyond.

A registry of some units (an officer's, a province's subtree) on PostgreSQL is read year by year (`_by_year`):
PostgreSQL 15 cannot skip from unit to unit inside the index as SQLite does, and read backwards the index passes
the newest year's entries of every other unit first (194.118 of them, 14 ms, for the first province of the
national data set; 0,5 ms year by year)."""

from sqlalchemy import func, select, true, tuple_

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
            found = self._read(ids, oldest_first=True, offset=0)
            self.more_before, page_ids = len(found) > self.per_page, found[:self.per_page][::-1]
            self.more_after = bool(before)
        else:
            if after:
                ids = ids.where(tuple_(*ORDER) < tuple_(*after))
            found = self._read(ids, oldest_first=False, offset=0 if after else self._query_offset)
            self.more_after, page_ids = len(found) > self.per_page, found[:self.per_page]
            self.more_before = bool(after) or self.page > 1
        if not page_ids:
            return []
        return list(db.session.scalars(_in_order(rows.where(Dossier.id.in_(page_ids)), oldest_first=False)).unique())

    def _read(self, ids, oldest_first: bool, offset: int) -> list[int]:
        """The ids of one page and the next row's (per_page + 1), in the order asked for."""
        limit = self.per_page + 1
        if self._query_args.get("by_units") and not offset and db.session.get_bind().dialect.name == "postgresql":
            return list(db.session.scalars(_by_year(ids, oldest_first, limit)))
        return list(db.session.scalars(_in_order(ids, oldest_first).offset(offset).limit(limit)))

    def _query_count(self) -> int:
        self.cap = count_cap("REGISTRY_COUNT_CAP", REGISTRY_COUNT_CAP)
        return capped_count(self._query_args["ids"], self.cap)

    @property
    def first_id(self) -> int | None:
        return self.items[0].id if self.items else None

    @property
    def last_id(self) -> int | None:
        return self.items[-1].id if self.items else None


def _in_order(query, oldest_first: bool, columns=(*ORDER, Dossier.id)):
    return query.order_by(None).order_by(*_directed(columns, oldest_first))


def _directed(columns, oldest_first: bool) -> list:
    return [column.asc() if oldest_first else column.desc() for column in columns]


def _by_year(ids, oldest_first: bool, limit: int):
    """The first `limit` ids in the order asked for, read one year at a time (PostgreSQL): for each year from the
    newest (the oldest), at most `limit` of the year's rows, sorted; the years are taken in their order and stop
    as soon as enough rows are found (an incremental sort on the years' place)."""
    first, end = (func.min, func.max) if oldest_first else (func.max, func.min)
    years = func.generate_series(select(first(Dossier.year)).scalar_subquery(),
                                 select(end(Dossier.year)).scalar_subquery(), 1 if oldest_first else -1)
    years = years.table_valued("year", with_ordinality="place").render_derived()
    within = ids.add_columns(Dossier.unit_id, Dossier.code).where(Dossier.year == years.c.year)
    page = _in_order(within, oldest_first, (*ORDER[1:], Dossier.id)).limit(limit).lateral("page")
    return (select(page.c.id).select_from(years).join(page, true())
            .order_by(years.c.place, *_directed((page.c.unit_id, page.c.code, page.c.id), oldest_first)).limit(limit))


def _key(dossier_id: int | None) -> tuple | None:
    """The place of the dossier in the order (None: no such dossier, the list starts at its beginning)."""
    if not dossier_id:
        return None
    row = db.session.execute(select(*ORDER).where(Dossier.id == dossier_id)).first()
    return tuple(row) if row else None
