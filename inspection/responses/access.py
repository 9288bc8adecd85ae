"""Loading response records for a view: 404 when missing, 403 when the user may not act on the
recommendation they belong to (the rules are findings/access.py's)."""

from flask import abort

from inspection.extensions import db
from inspection.findings.access import get_recommendation
from inspection.responses.models import DueDateChange, Evidence


def get_due_date_change(change_id: int, need: str) -> DueDateChange:
    change = db.session.get(DueDateChange, change_id)
    if change is None:
        abort(404)
    get_recommendation(change.recommendation_id, need=need)
    return change


def get_evidence(evidence_id: int, need: str = "view") -> Evidence:
    evidence = db.session.get(Evidence, evidence_id)
    if evidence is None:
        abort(404)
    get_recommendation(evidence.recommendation_id, need=need)
    return evidence
