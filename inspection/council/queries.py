"""Read queries for the session list, the session page and the minutes; each runs a fixed number of
SQL statements whatever the number of sessions or items."""

from collections import defaultdict

from sqlalchemy import case, func, select
from sqlalchemy.orm import joinedload, selectinload

from inspection.council.models import Decision, ReviewItem, ReviewSession, SessionStatus
from inspection.extensions import db
from inspection.findings.models import Finding, Recommendation
from inspection.findings.queries import shares_loaded
from inspection.responses.models import DueDateChange, ExtensionStatus
from inspection.units.models import Unit


def open_sessions_held_on(day) -> list[ReviewSession]:
    """The sessions meeting that day and not yet closed: the dashboard's way into today's meeting."""
    return list(db.session.scalars(select(ReviewSession).where(
        ReviewSession.held_on == day, ReviewSession.status == SessionStatus.OPEN).order_by(ReviewSession.id)))


def session_list_query():
    """Newest first; the same day's sessions by the order they were opened, latest first."""
    return select(ReviewSession).order_by(ReviewSession.held_on.desc(), ReviewSession.id.desc())


def item_counts(session_ids: list[int]) -> dict[int, tuple[int, int]]:
    """session id → (items, items still pending), in one GROUP BY."""
    if not session_ids:
        return {}
    pending = func.sum(case((ReviewItem.decision == Decision.PENDING, 1), else_=0))
    query = (select(ReviewItem.session_id, func.count(ReviewItem.id), pending)
             .where(ReviewItem.session_id.in_(session_ids)).group_by(ReviewItem.session_id))
    return {session_id: (total, pending or 0) for session_id, total, pending in db.session.execute(query)}


def session_page_options():
    """Everything the session page and the minutes show about each item, in a fixed number of queries."""
    recommendation = joinedload(ReviewItem.recommendation)
    finding = recommendation.joinedload(Recommendation.finding)
    return [selectinload(ReviewSession.items).options(
        finding.joinedload(Finding.mission),
        finding.selectinload(Finding.unit).selectinload(Unit.names),
        recommendation.options(shares_loaded()),
        selectinload(ReviewItem.decided_by),
        selectinload(ReviewItem.reinspection_mission)),
        selectinload(ReviewSession.created_by)]


def pending_requests(session: ReviewSession) -> dict[int, list[DueDateChange]]:
    """recommendation id → its extension requests still waiting (the council may grant one)."""
    ids = [item.recommendation_id for item in session.items]
    if not ids:
        return {}
    query = (select(DueDateChange).where(DueDateChange.recommendation_id.in_(ids),
                                         DueDateChange.status == ExtensionStatus.PENDING)
             .options(selectinload(DueDateChange.unit).selectinload(Unit.names))
             .order_by(DueDateChange.requested_at, DueDateChange.id))
    requests = defaultdict(list)
    for change in db.session.scalars(query):
        requests[change.recommendation_id].append(change)
    return dict(requests)
