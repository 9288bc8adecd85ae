"""Loading response records for a view: 404 when missing, 403 when the user may not act on the
recommendation they belong to (the rules are findings/access.py's: these records follow their recommendation)."""

from inspection.access import Need, load, may, register
from inspection.findings import access as _recommendation_rules  # noqa: F401  (registers Recommendation's rules)
from inspection.responses.models import DueDateChange, Evidence

FOLLOWED = (Need.VIEW, Need.ANSWER, Need.MANAGE, Need.DECIDE)


def _as_its_recommendation(need: Need):
    return lambda user, record: may(user, record.recommendation, need)


register(DueDateChange, {need: _as_its_recommendation(need) for need in FOLLOWED})
register(Evidence, {need: _as_its_recommendation(need) for need in FOLLOWED})


def get_due_date_change(change_id: int, need: Need) -> DueDateChange:
    return load(DueDateChange, change_id, need)


def get_evidence(evidence_id: int, need: Need = Need.VIEW) -> Evidence:
    return load(Evidence, evidence_id, need)
