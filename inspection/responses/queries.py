"""Read queries of the response panel. Each loads its rows and what they show (authors, units with their
names, files) in a fixed number of statements, whatever the length of the conversation."""

from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload
from wtforms.fields.choices import SelectChoice

from inspection.extensions import db
from inspection.findings.access import answerable_responsibilities
from inspection.findings.models import UNIT_STATUS_TRANSITIONS, Recommendation, Responsibility, UnitStatus
from inspection.responses.models import DueDateChange, Evidence, Message
from inspection.units.models import Unit


def share_of(recommendation: Recommendation, responsibility_id: int | None, own_for=None) -> Responsibility | None:
    """One responsibility of the recommendation by id; with `own_for`, only among that user's shares
    (their only share when no id is given)."""
    shares = answerable_responsibilities(own_for, recommendation) if own_for else recommendation.responsibilities
    if responsibility_id is None and own_for is not None and len(shares) == 1:
        return shares[0]
    return next((share for share in shares if share.id == responsibility_id), None)


def share_unit(recommendation: Recommendation, unit_id: int | None) -> Unit | None:
    """The unit of one of the recommendation's shares; None otherwise (the service then decides)."""
    return next((share.unit for share in recommendation.responsibilities if share.unit_id == unit_id), None)


def next_status_choices(share: Responsibility) -> list[SelectChoice]:
    """The current status first ("only add a note"), so a note never moves the status by accident."""
    allowed = UNIT_STATUS_TRANSITIONS.allowed(share.status)
    keep = SelectChoice(share.status.value, _("Giữ nguyên: %(status)s (chỉ gửi ghi chú)", status=share.status.label))
    return [keep] + [SelectChoice(status.value, status.label) for status in UnitStatus if status in allowed]


def _unit_with_names(relationship):
    return selectinload(relationship).selectinload(Unit.names)


def messages_of(recommendation: Recommendation) -> list[Message]:
    """Oldest first, with author and unit; their evidence comes from evidence_of (no per-message query)."""
    query = (select(Message).where(Message.recommendation_id == recommendation.id)
             .order_by(Message.created_at, Message.id)
             .options(joinedload(Message.author), _unit_with_names(Message.unit)))
    return list(db.session.scalars(query))


def evidence_of(recommendation: Recommendation) -> list[Evidence]:
    query = (select(Evidence).where(Evidence.recommendation_id == recommendation.id)
             .order_by(Evidence.id).options(joinedload(Evidence.uploaded_by)))
    return list(db.session.scalars(query))


def changes_of(recommendation: Recommendation) -> list[DueDateChange]:
    query = (select(DueDateChange).where(DueDateChange.recommendation_id == recommendation.id)
             .order_by(DueDateChange.requested_at, DueDateChange.id)
             .options(joinedload(DueDateChange.requested_by), joinedload(DueDateChange.decided_by),
                      _unit_with_names(DueDateChange.unit)))
    return list(db.session.scalars(query))


def shares_of(recommendation: Recommendation) -> list[Responsibility]:
    query = (select(Responsibility).where(Responsibility.recommendation_id == recommendation.id)
             .order_by(Responsibility.id)
             .options(_unit_with_names(Responsibility.unit), selectinload(Responsibility.actions)))
    return list(db.session.scalars(query))


@dataclass
class EvidenceGroup:
    """One piece of evidence: its versions, newest first."""

    key: str
    versions: list[Evidence] = field(default_factory=list)

    @property
    def latest(self) -> Evidence:
        return self.versions[0]

    @property
    def title(self) -> str:
        return self.versions[-1].title


def group_evidence(evidence: list[Evidence]) -> list[EvidenceGroup]:
    """Pieces in the order they were first uploaded, each with every version, newest first."""
    groups: dict[str, EvidenceGroup] = {}
    for item in evidence:
        groups.setdefault(item.evidence_key, EvidenceGroup(item.evidence_key)).versions.append(item)
    for group in groups.values():
        group.versions.sort(key=lambda item: item.version, reverse=True)
    return list(groups.values())


def evidence_by_message(evidence: list[Evidence]) -> dict[int, list[Evidence]]:
    attached: dict[int, list[Evidence]] = {}
    for item in evidence:
        if item.message_id is not None:
            attached.setdefault(item.message_id, []).append(item)
    return attached
