"""What the portal puts on a new session's agenda, chosen in one SQL query: open recommendations with an
extension request waiting, those already reported to the supervising body, those an earlier session deferred,
and those overdue by more than the session's threshold on the session date. One item per recommendation, with
the first reason in ItemReason order. An item waiting for a decision in another open session is left to it, so
two sessions never decide the same item at once."""

from datetime import date, timedelta

from sqlalchemy import case, exists, or_, select
from sqlalchemy.orm import aliased

from inspection.council.models import Decision, ItemReason, ReviewItem, ReviewSession, SessionStatus
from inspection.findings.models import Recommendation, VerifiedStatus
from inspection.responses.models import DueDateChange, ExtensionStatus


def extension_pending():
    return exists(select(DueDateChange.id).where(DueDateChange.recommendation_id == Recommendation.id,
                                                 DueDateChange.status == ExtensionStatus.PENDING))


def deferred():
    """An earlier session deferred the item and no session has decided it otherwise since."""
    deferral, later = aliased(ReviewItem), aliased(ReviewItem)
    decided_since = exists(select(later.id).where(
        later.recommendation_id == Recommendation.id, later.decision.not_in([Decision.PENDING, Decision.DEFER]),
        later.decided_at > deferral.decided_at))
    return exists(select(deferral.id).where(deferral.recommendation_id == Recommendation.id,
                                            deferral.decision == Decision.DEFER, ~decided_since))


def waiting_in_open_session():
    """On the agenda of an open session, not decided yet."""
    return exists(select(ReviewItem.id).join(ReviewSession, ReviewSession.id == ReviewItem.session_id).where(
        ReviewItem.recommendation_id == Recommendation.id, ReviewItem.decision == Decision.PENDING,
        ReviewSession.status == SessionStatus.OPEN))


def proposal_query(held_on: date, overdue_days: int):
    """Rows (recommendation, reason value), in agenda order."""
    pending, escalated, was_deferred = extension_pending(), Recommendation.escalated_at.is_not(None), deferred()
    # "overdue by more than N days" on the session date: held_on - current_due > N
    overdue = Recommendation.current_due < held_on - timedelta(days=overdue_days)
    reason = case((pending, ItemReason.EXTENSION_PENDING.value), (escalated, ItemReason.ESCALATED.value),
                  (was_deferred, ItemReason.DEFERRED.value), else_=ItemReason.OVERDUE.value)
    rank = case((pending, 0), (escalated, 1), (was_deferred, 2), else_=3)  # the ItemReason order
    return (select(Recommendation, reason.label("reason"))
            .where(Recommendation.verified_status == VerifiedStatus.OPEN, ~waiting_in_open_session(),
                   or_(pending, escalated, was_deferred, overdue))
            .order_by(rank, Recommendation.current_due, Recommendation.id))


def days_overdue(current_due: date | None, on: date) -> int | None:
    """How many days past its due date an item is on `on`; None when it is not overdue."""
    if current_due is None or current_due >= on:
        return None
    return (on - current_due).days
