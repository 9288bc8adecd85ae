"""What the portal puts on a new session's agenda, chosen in one SQL query: open recommendations with an
extension request waiting, those already reported to the supervising body, and those overdue by more
than the session's threshold on the session date. One item per recommendation, with the first reason
in ItemReason order."""

from datetime import date, timedelta

from sqlalchemy import case, exists, or_, select

from inspection.council.models import ItemReason
from inspection.findings.models import Recommendation, VerifiedStatus
from inspection.responses.models import DueDateChange, ExtensionStatus


def extension_pending():
    return exists(select(DueDateChange.id).where(DueDateChange.recommendation_id == Recommendation.id,
                                                 DueDateChange.status == ExtensionStatus.PENDING))


def proposal_query(held_on: date, overdue_days: int):
    """Rows (recommendation, reason value), in agenda order."""
    pending, escalated = extension_pending(), Recommendation.escalated_at.is_not(None)
    # "overdue by more than N days" on the session date: held_on - current_due > N
    overdue = Recommendation.current_due < held_on - timedelta(days=overdue_days)
    reason = case((pending, ItemReason.EXTENSION_PENDING.value), (escalated, ItemReason.ESCALATED.value),
                  else_=ItemReason.OVERDUE.value)
    rank = case((pending, 0), (escalated, 1), else_=2)  # the ItemReason order
    return (select(Recommendation, reason.label("reason"))
            .where(Recommendation.verified_status == VerifiedStatus.OPEN, or_(pending, escalated, overdue))
            .order_by(rank, Recommendation.current_due, Recommendation.id))


def days_overdue(current_due: date | None, on: date) -> int | None:
    """How many days past its due date an item is on `on`; None when it is not overdue."""
    if current_due is None or current_due >= on:
        return None
    return (on - current_due).days
