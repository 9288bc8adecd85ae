"""Loading response records for a view: 404 when missing, 403 when the user may not act on the
recommendation they belong to (the rules are findings/access.py's: these records follow their recommendation)."""

from flask import abort

from inspection.access import Need, load, may, register
from inspection.findings.access import answerable_responsibilities  # also registers Recommendation's rules
from inspection.findings.models import FollowUpAction
from inspection.responses.models import DueDateChange, Evidence

FOLLOWED = (Need.VIEW, Need.ANSWER, Need.MANAGE, Need.DECIDE)


def _as_its_recommendation(need: Need):
    return lambda user, record: may(user, record.recommendation, need)


register(DueDateChange, {need: _as_its_recommendation(need) for need in FOLLOWED})
register(Evidence, {need: _as_its_recommendation(need) for need in FOLLOWED})


def answers_for_the_share(user, action) -> bool:
    """A follow-up action belongs to one unit's share: only that unit's officers act on it."""
    return action.responsibility in answerable_responsibilities(user, action.responsibility.recommendation)


register(FollowUpAction, {Need.ANSWER: answers_for_the_share})


def get_follow_up_action(recommendation, action_id: int) -> FollowUpAction:
    """An action of this recommendation that the current user answers for: 404 when it is another
    recommendation's, 403 when it is another unit's share."""
    action = load(FollowUpAction, action_id, Need.ANSWER)
    if action.responsibility.recommendation_id != recommendation.id:
        abort(404)
    return action


def get_due_date_change(change_id: int, need: Need) -> DueDateChange:
    return load(DueDateChange, change_id, need)


def get_evidence(evidence_id: int, need: Need = Need.VIEW) -> Evidence:
    return load(Evidence, evidence_id, need)
