"""The recommendation register: every recommendation the user may see, filtered and sorted in SQL."""

from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import contains_eager

from inspection.counting import CappedPagination, capped_count, count_cap
from inspection.extensions import db
from inspection.findings.models import Finding, Recommendation, Severity
from inspection.findings.queries import shares_loaded
from inspection.findings.register_filters import from_recommendations, register_conditions
from inspection.missions.access import visible_missions_clause
from inspection.missions.models import Mission
from inspection.params import whole_number
from inspection.units.models import Unit

#: see text_count_cap
TEXT_COUNT_CAP = 200
#: severity ranks in SQL (stored as text, whose alphabetical order means nothing)
SEVERITY_RANK = case({severity.value: severity.rank for severity in Severity}, value=Finding.severity)
SORT_COLUMNS = {"due": (Recommendation.current_due,), "unit": (Unit.code,),
                "mission": (Mission.planned_start, Mission.title), "issued": (Recommendation.issued_on,),
                "severity": (SEVERITY_RANK,)}


def register_query(user, filters: dict, today: date):
    """One SELECT of every row (the export); the finding, its mission and unit come with it."""
    return _display_query().where(*register_conditions(user, filters, today)).order_by(*_ordering(filters))


def _display_query():
    """The recommendation with its finding, mission and unit joined, shares by selectinload."""
    return (select(Recommendation).join(Recommendation.finding).join(Finding.mission).join(Finding.unit)
            .options(contains_eager(Recommendation.finding).contains_eager(Finding.mission)
                     # what the list shows of the mission: its document numbers are not parsed for nothing
                     .load_only(Mission.id, Mission.title, Mission.planned_start),
                     contains_eager(Recommendation.finding).contains_eager(Finding.unit).selectinload(Unit.names),
                     shares_loaded()))


class RegisterPagination(CappedPagination):
    """One page of the register in two steps: the page's ids from the recommendation table alone (joined only
    as far as the sort needs), then those rows with everything the page shows. A deep page then skips index
    entries instead of thousands of joined rows. Arguments: user, filters, today."""

    def _conditions(self) -> list:
        """The WHERE clauses, built once for the page and its count (a subtree filter walks the unit tree)."""
        if "_built" not in self.__dict__:
            self._built = register_conditions(*(self._query_args[name] for name in ("user", "filters", "today")))
        return self._built

    def _query_items(self) -> list[Recommendation]:
        filters = self._query_args["filters"]
        ids_query = _page_ids_query(filters, self._conditions())
        ids = list(db.session.scalars(ids_query.limit(self.per_page).offset(self._query_offset)))
        if not ids:
            return []
        query = _display_query().where(Recommendation.id.in_(ids)).order_by(*_ordering(filters))
        return list(db.session.scalars(query).unique())

    def _query_count(self) -> int:
        self.cap = text_count_cap() if self._query_args["filters"].get("q") else None
        return count_where(self._conditions(), self.cap)


def _page_ids_query(filters: dict, conditions: list):
    sort = filters.get("sort", "due")
    query = from_recommendations(Recommendation.id, where=conditions, finding=sort in ("unit", "mission", "severity"))
    if sort == "unit":
        query = query.join(Unit, Unit.id == Finding.unit_id)
    elif sort == "mission":
        query = query.join(Mission, Mission.id == Finding.mission_id)
    return query.order_by(*_ordering(filters))


def count_where(conditions: list, cap: int | None = None) -> int:
    """How many recommendations the register lists under these conditions, counted without the joins that only
    serve the display; with a cap, up to cap + 1 (the rest is not read)."""
    if cap is None:
        return db.session.scalar(from_recommendations(func.count(), where=conditions))
    return capped_count(from_recommendations(Recommendation.id, where=conditions), cap)


def text_count_cap() -> int:
    """With the text filter the count stops here (setting REGISTER_TEXT_COUNT_CAP): a common word is in most
    of the country's recommendations, and counting them exactly meant reading them all (400 ms)."""
    return count_cap("REGISTER_TEXT_COUNT_CAP", TEXT_COUNT_CAP)


def _ordering(filters: dict) -> list:
    columns = SORT_COLUMNS[filters.get("sort", "due")]
    descending = filters.get("order") == "desc"
    ordered = [column.desc().nulls_last() if descending else column.asc().nulls_last() for column in columns]
    return ordered + [Recommendation.id.desc() if descending else Recommendation.id]


#: the mission filter offers the most recent missions (a national data set has thousands: a select of all of
#: them is unusable and slow to render); an older one is filtered from its own page, or stays selected
RECENT_MISSIONS = 200


def mission_choices(user, selected: str | None = None) -> list[tuple[str, str]]:
    """The newest missions the user may see, newest first, and the selected one wherever it is."""
    # newest by id (the primary key's order, no sort): ids follow creation
    query = select(Mission.id, Mission.title).order_by(Mission.id.desc())
    clause = visible_missions_clause(user)
    if clause is not None:
        query = query.where(clause)
    rows = list(db.session.execute(query.limit(RECENT_MISSIONS)))
    wanted = whole_number(selected)
    if wanted and wanted not in {mission_id for mission_id, _title in rows}:
        rows += db.session.execute(query.where(Mission.id == wanted))
    return [(str(mission_id), title) for mission_id, title in rows]
