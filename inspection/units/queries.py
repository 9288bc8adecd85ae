"""Read queries over the unit tree and the lineage graph, done in SQL with recursive CTEs."""

from datetime import date, timedelta

from sqlalchemy import and_, case, exists, not_, or_, select, true, union_all
from sqlalchemy.orm import aliased, selectinload

from inspection.extensions import db
from inspection.idsets import one_of
from inspection.textsearch import matches, normalise
from inspection.timeutil import today_vn
from inspection.units.models import LinkRole, Unit, UnitEvent, UnitEventLink, UnitPlacement


def subtree_ids(root_ids: set[int], on: date | None = None) -> set[int]:
    """The given units and every unit below them in the hierarchy as it stood on `on` (default today).
    UNION, not UNION ALL, so that a cycle in bad data cannot loop forever."""
    if not root_ids:
        return set()
    day = on or today_vn()
    tree = select(Unit.id).where(Unit.id.in_(root_ids)).cte("tree", recursive=True)
    children = (select(Unit.id).where(Unit.parent_id == tree.c.id, ~_moved_on(day)),
                select(UnitPlacement.unit_id).where(UnitPlacement.parent_id == tree.c.id, placement_covers(day)))
    if db.session.get_bind().dialect.name == "sqlite":
        # SQLite takes one recursive arm per kind of edge, each walked by its parent_id index
        tree = tree.union(*children)
    else:
        # PostgreSQL allows a single reference to the walk: both kinds of edge in one LATERAL subquery, so that
        # each unit reached reads its children off the parent_id indexes (joined to parent_edges whole, every
        # step scanned all the country's units: 2–5 ms for each officer's page)
        below = union_all(*children).subquery().lateral("below")
        tree = tree.union(select(below.c.id).select_from(tree).join(below, true()))
    return set(db.session.scalars(select(tree.c.id)))


def _moved_on(day: date):
    """The unit (of the enclosing query) stood elsewhere on `day`: an earlier placement covers it."""
    return exists(select(UnitPlacement.id).where(UnitPlacement.unit_id == Unit.id, placement_covers(day)))


def units_of_kind_on(kinds, day: date):
    """SELECT of the ids of units whose kind on `day` is one of `kinds`: an earlier placement's kind where one
    covers the day, else the unit's current kind (an enterprise of 2017 later made a mass organisation still
    counts as an enterprise in 2017's Biểu 0603)."""
    earlier = select(UnitPlacement.unit_id).where(UnitPlacement.kind.in_(kinds), placement_covers(day))
    current = select(Unit.id).where(Unit.kind.in_(kinds), ~_moved_on(day))
    return union_all(current, earlier)


def placement_covers(day: date):
    return and_(or_(UnitPlacement.valid_from.is_(None), UnitPlacement.valid_from <= day), UnitPlacement.valid_to >= day)


def parent_edges(day: date):
    """(unit_id, parent_id) of every unit with a parent on `day`: its earlier placement covering the day, else its
    current parent. Two arms of a UNION ALL, each searchable by parent_id's index (the tree walk joins on it)."""
    current = select(Unit.id.label("unit_id"), Unit.parent_id.label("parent_id")).where(
        Unit.parent_id.is_not(None), ~_moved_on(day))
    earlier = select(UnitPlacement.unit_id, UnitPlacement.parent_id).where(
        UnitPlacement.parent_id.is_not(None), placement_covers(day))
    return union_all(current, earlier).subquery("edges")


def reference_day(unit: Unit | None, period_end: date | None, period_start: date | None = None) -> date:
    """The day whose hierarchy and names a record for a period uses: the period's last day (never after today),
    or the unit's last day if it ended within the period (Kiên Giang's 2025 report stands as of 30/06/2025; a
    period wholly after it ended keeps the period's end, where its former units stand under their new parents)."""
    end = min(day for day in (today_vn(), period_end) if day is not None)
    ended = unit.valid_to if unit is not None else None
    if ended is not None and ended < end and (period_start is None or period_start <= ended):
        return ended
    return end


def _lineage_edges():
    """Pairs (predecessor, successor) of the same event; a rename links a unit to itself."""
    pred, succ = aliased(UnitEventLink), aliased(UnitEventLink)
    return (select(pred.unit_id.label("source"), succ.unit_id.label("target"))
            .join(succ, and_(succ.event_id == pred.event_id, succ.role == LinkRole.SUCCESSOR))
            .where(pred.role == LinkRole.PREDECESSOR, pred.unit_id != succ.unit_id)
            .subquery())


def _reachable(unit_id: int, forward: bool) -> set[int]:
    """Units reachable along lineage edges, forward (successors) or backward (predecessors).
    UNION, not UNION ALL, so that a cycle in bad data cannot loop forever."""
    edges = _lineage_edges()
    start, step = (edges.c.source, edges.c.target) if forward else (edges.c.target, edges.c.source)
    walk = select(step.label("unit_id")).where(start == unit_id).cte("walk", recursive=True)
    walk = walk.union(select(step).where(start == walk.c.unit_id))
    return set(db.session.scalars(select(walk.c.unit_id))) - {unit_id}


def all_predecessors(unit: Unit) -> list[Unit]:
    """Every unit this one descends from, transitively, oldest first."""
    return _load_units(_reachable(unit.id, forward=False))


def all_successors(unit: Unit) -> list[Unit]:
    return _load_units(_reachable(unit.id, forward=True))


def current_successors(unit: Unit, on: date) -> list[Unit]:
    """Where the unit's responsibilities live on `on`: itself if it still exists, else the
    successors reached through merges, splits and dissolutions that exist on that day."""
    if unit.exists_on(on):
        return [unit]
    return [other for other in all_successors(unit) if other.exists_on(on)]


def _load_units(ids: set[int]) -> list[Unit]:
    if not ids:
        return []
    query = (select(Unit).where(Unit.id.in_(ids)).options(selectinload(Unit.names))
             .order_by(Unit.valid_from.nulls_first(), Unit.code))
    return list(db.session.scalars(query))


def events_of(unit: Unit) -> list[UnitEvent]:
    """The unit's timeline: every lineage event it takes part in, oldest first."""
    mine = select(UnitEventLink.event_id).where(UnitEventLink.unit_id == unit.id)
    query = (select(UnitEvent).where(UnitEvent.id.in_(mine))
             .options(selectinload(UnitEvent.links).selectinload(UnitEventLink.unit).selectinload(Unit.names))
             .order_by(UnitEvent.effective_date, UnitEvent.id))
    return list(db.session.scalars(query))


def children_of(unit: Unit) -> list[Unit]:
    query = select(Unit).where(Unit.parent_id == unit.id).options(selectinload(Unit.names)).order_by(Unit.code)
    return list(db.session.scalars(query))


def unit_list_query(search: str = "", kind: str = "", scope: str = "current",
                    visible_ids: set[int] | None = None, on: date | None = None):
    """The filtered unit list as one SELECT, names loaded with it (no N+1)."""
    query = select(Unit).options(selectinload(Unit.names), selectinload(Unit.parent).selectinload(Unit.names))
    if search.strip():
        query = query.where(matches(Unit, search))
    if kind:
        query = query.where(Unit.kind == kind)
    if scope == "current" and on is not None:
        query = query.where(or_(Unit.valid_to.is_(None), Unit.valid_to >= on),
                            or_(Unit.valid_from.is_(None), Unit.valid_from <= on))
    elif scope == "former" and on is not None:
        query = query.where(Unit.valid_to < on)
    if visible_ids is not None:
        query = query.where(one_of(Unit.id, visible_ids))
    return query.order_by(Unit.code)


def unit_by_code(code: str) -> Unit | None:
    return db.session.scalar(select(Unit).where(Unit.code == code.strip()))


#: how many units the picker offers at once
LOOKUP_LIMIT = 20


def lookup_units(text: str, visible_ids: set[int] | None, limit: int = LOOKUP_LIMIT,
                 period: tuple[date, date] | None = None) -> list[Unit]:
    """Units whose code or any dated name contains the text (case and accents ignored). Without a period: a
    code that starts with it first, then current units before former ones, then by code; with one (the picker
    of a dated record), the units that existed in it first."""
    code_first = case((Unit.code.istartswith(text.strip(), autoescape=True), 0), else_=1)
    order = (code_first, case((Unit.valid_to.is_(None), 0), else_=1)) if period is None \
        else (_absent_in(period), code_first)
    query = (select(Unit).where(matches(Unit, text)).options(*PICKER_LOADS)
             .order_by(*order, Unit.code).limit(limit))
    if visible_ids is not None:
        query = query.where(one_of(Unit.id, visible_ids))
    return list(db.session.scalars(query))


#: what the picker reads of each unit it offers: names, parent, and the parents of earlier placements (a unit
#: offered for 2017 names its parent of 2017)
PICKER_LOADS = (selectinload(Unit.names), selectinload(Unit.parent).selectinload(Unit.names),
                selectinload(Unit.placements).selectinload(UnitPlacement.parent).selectinload(Unit.names))


def _absent_in(period: tuple[date, date]):
    """0 for a unit that existed on some day of the period, 1 for the others (validity.existed_during in SQL)."""
    first, last = period
    existed = and_(or_(Unit.valid_from.is_(None), Unit.valid_from <= last),
                   or_(Unit.valid_to.is_(None), Unit.valid_to >= first))
    return case((existed, 0), else_=1)


def units_named(text: str, on: date) -> list[Unit]:
    """Units existing on `on` whose name that day is `text`, case and accents ignored (a name typed in
    place of a code): the search column narrows the candidates, the exact comparison decides."""
    wanted = normalise(text)
    if not wanted:
        return []
    query = select(Unit).where(matches(Unit, wanted)).options(selectinload(Unit.names))
    return [unit for unit in db.session.scalars(query)
            if unit.exists_on(on) and normalise(unit.name_on(on)) == wanted]


def tree_children(parent_id: int | None, visible_ids: set[int] | None,
                  period: tuple[date, date] | None = None) -> list[tuple[Unit, bool]]:
    """The picker's tree, one level at a time: the units under `parent_id` the user may pick, each with whether
    it has such units under it. Without a parent: the tops (units without a parent, or for a user who sees a few
    units, the highest of those whose parent they do not see). Ordered by code. With a period: the hierarchy of
    its last day (Kiên Giang's 2017 districts under it), the units that existed in the period first."""
    if period is not None:
        return _dated_tree_children(parent_id, visible_ids, period)
    query = select(Unit).options(*PICKER_LOADS).order_by(Unit.code)
    if parent_id is not None:
        query = query.where(Unit.parent_id == parent_id)
    elif visible_ids is None:
        query = query.where(Unit.parent_id.is_(None))
    else:
        query = query.where(or_(Unit.parent_id.is_(None), not_(one_of(Unit.parent_id, visible_ids))))
    if visible_ids is not None:
        query = query.where(one_of(Unit.id, visible_ids))
    units = list(db.session.scalars(query))
    parents = _with_children([unit.id for unit in units], visible_ids)
    return [(unit, unit.id in parents) for unit in units]


def _with_children(unit_ids: list[int], visible_ids: set[int] | None) -> set[int]:
    """Which of these units have a child the user may pick (one query for the whole level)."""
    if not unit_ids:
        return set()
    query = select(Unit.parent_id).where(Unit.parent_id.in_(unit_ids)).distinct()
    if visible_ids is not None:
        query = query.where(one_of(Unit.id, visible_ids))
    return set(db.session.scalars(query))


def _dated_tree_children(parent_id: int | None, visible_ids: set[int] | None,
                         period: tuple[date, date]) -> list[tuple[Unit, bool]]:
    """tree_children over the edges of the period's last day (parent_edges: earlier placements, else today's
    parents); who may pick what stays today's scope."""
    day = period[1]
    edges = parent_edges(day)
    under = select(edges.c.unit_id)
    query = select(Unit).options(*PICKER_LOADS).order_by(_absent_in(period), Unit.code)
    if parent_id is not None:
        query = query.where(Unit.id.in_(under.where(edges.c.parent_id == parent_id)))
    elif visible_ids is None:
        query = query.where(Unit.id.not_in(under))
    else:
        query = query.where(Unit.id.not_in(under.where(one_of(edges.c.parent_id, visible_ids))))
    if visible_ids is not None:
        query = query.where(one_of(Unit.id, visible_ids))
    units = list(db.session.scalars(query))
    if not units:
        return []
    edges = parent_edges(day)
    having = select(edges.c.parent_id).where(edges.c.parent_id.in_([unit.id for unit in units])).distinct()
    if visible_ids is not None:
        having = having.where(one_of(edges.c.unit_id, visible_ids))
    parents = set(db.session.scalars(having))
    return [(unit, unit.id in parents) for unit in units]


def creates_cycle(unit_id: int, parent_id: int | None, since: date | None) -> bool:
    """Whether giving the unit this parent from `since` on (None: on every day) would put it under itself on
    some day: checked on `since` and on every later day the hierarchy changes, the only days it can differ."""
    if parent_id is None:
        return False
    start = since or date.min
    starts = select(UnitPlacement.valid_from).where(UnitPlacement.valid_from > start)
    ends = select(UnitPlacement.valid_to).where(UnitPlacement.valid_to >= start)
    days = {start} | set(db.session.scalars(starts)) | {day + timedelta(days=1) for day in db.session.scalars(ends)
                                                        if day < date.max}
    return any(parent_id in subtree_ids({unit_id}, on=day) for day in sorted(days))


def body_today(unit: Unit, day: date, today: date) -> Unit | None:
    """Who holds a unit's responsibilities today, to issue a document about it: the unit itself if it still
    exists, else its one current successor, else the body today of the unit it stood under on `day` (a report on
    Hà Tiên 2017 printed today is issued by An Giang, not by the dissolved Kiên Giang)."""
    seen: set[int] = set()
    while unit is not None and unit.id not in seen:
        seen.add(unit.id)
        successors = current_successors(unit, today)
        if len(successors) == 1:
            return successors[0]
        unit = unit.parent_on(day)
    return None
