"""Keeping the dashboard's counts (counting.py) in the transaction of every change: after each flush, the
recommendations it touched are counted again, whatever service, import or command wrote them.

What touches a recommendation's keys: the recommendation itself (issue date, due date, verified status and
day, its finding), its responsible units (added, removed, transferred), its finding's category, severity or
mission, the clusters and blocks its units belong to, and the province its units stand under (a unit moved
to another parent, or of another kind: every recommendation of its subtree). Bulk writes that bypass the ORM (the demo's
generator) are followed by `counting.rebuild`."""

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from inspection.dashboard.counting import recount, subtree_recommendations
from inspection.findings.models import Finding, Recommendation, Responsibility
from inspection.groups.models import GroupMember
from inspection.units.models import Unit

PENDING = "dashboard_touched"
RECOMMENDATION_FIELDS = ("issued_on", "current_due", "verified_status", "verified_at", "finding_id")
FINDING_FIELDS = ("category", "severity", "mission_id")
UNIT_FIELDS = ("parent_id", "parent", "kind")  # the parent set as an object has its id only after the flush


def _changed(record, fields) -> bool:
    state = inspect(record)
    return any(state.attrs[name].history.has_changes() for name in fields)


@event.listens_for(Session, "before_flush")
def _note(session, _context, _instances) -> None:
    """Remember what this flush writes: objects (new rows get their ids during the flush) and the values
    they had before (a responsibility moved to another unit, a member to another group)."""
    touched = session.info.setdefault(PENDING, [])
    for record in session.new | session.deleted:
        if isinstance(record, Recommendation | Responsibility | GroupMember):
            touched.append((record, _old(record)))
    for record in session.dirty:
        if ((isinstance(record, Recommendation) and _changed(record, RECOMMENDATION_FIELDS))
                or (isinstance(record, Finding) and _changed(record, FINDING_FIELDS))
                or (isinstance(record, Unit) and _changed(record, UNIT_FIELDS))
                # any change: a share or a member removed from its list is only dirty here (the flush deletes it)
                or isinstance(record, Responsibility | GroupMember)):
            touched.append((record, _old(record)))


def _old(record) -> set:
    """The recommendation (of a responsibility) or the unit (of a member) the record had before this flush."""
    name = {Responsibility: "recommendation_id", GroupMember: "unit_id"}.get(type(record))
    if name is None:
        return set()
    history = inspect(record).attrs[name].history
    return {*history.deleted, *history.unchanged}


@event.listens_for(Session, "after_flush_postexec")
def _recount(session, _context) -> None:
    touched = session.info.pop(PENDING, [])
    if touched:
        connection = session.connection()
        recount(connection, _recommendation_ids(connection, touched))


def _recommendation_ids(connection, touched) -> set[int]:
    ids, findings, units, moved = set(), set(), set(), set()
    for record, old in touched:
        if isinstance(record, Recommendation):
            ids.add(record.id)
        elif isinstance(record, Responsibility):
            ids.update({record.recommendation_id, *old})
        elif isinstance(record, Finding):
            findings.add(record.id)
        elif isinstance(record, Unit):
            moved.add(record.id)
        else:
            units.update({record.unit_id, *old})
    if findings:
        ids.update(connection.scalars(select(Recommendation.id).where(Recommendation.finding_id.in_(findings))))
    if moved:
        ids.update(subtree_recommendations(connection, moved))
    units.discard(None)
    if units:
        ids.update(connection.scalars(select(Responsibility.recommendation_id)
                                      .where(Responsibility.unit_id.in_(units))))
    return {found for found in ids if found is not None}
