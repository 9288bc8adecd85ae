"""What waits on the inspectors of a mission: units' reports of "done" to verify, extension requests to
decide, and unit messages nobody from the team has answered since. Fixed number of queries."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import aliased, contains_eager, joinedload

from inspection.auth.models import Role
from inspection.extensions import db
from inspection.findings.models import Finding, Recommendation, Responsibility, UnitStatus, VerifiedStatus
from inspection.findings.register_filters import waiting_clause
from inspection.missions.access import can_edit_mission
from inspection.missions.models import Mission
from inspection.responses.models import DueDateChange, ExtensionStatus, Message
from inspection.units import preload


@dataclass
class UnansweredThread:
    recommendation: Recommendation
    count: int
    last_at: datetime


@dataclass
class Waiting:
    mission: Mission
    to_verify: list[Responsibility]
    pending: list[DueDateChange]
    unanswered: list[UnansweredThread]

    @property
    def total(self) -> int:
        return len(self.to_verify) + len(self.pending) + len(self.unanswered)


def waiting_on_inspector(mission: Mission, user) -> dict:
    """Variables for templates/responses/_waiting_on_inspector.html (one key, `waiting_on_inspector`;
    None for users who neither verify nor decide for this mission)."""
    if not (user.role == Role.COUNCIL or can_edit_mission(user, mission)):
        return {"waiting_on_inspector": None}
    return {"waiting_on_inspector": Waiting(mission, _reported_done(mission), _pending_extensions(mission),
                                            _unanswered(mission))}


def _of_mission(query, mission: Mission):
    return query.join(Recommendation.finding).where(Finding.mission_id == mission.id)


def _reported_done(mission: Mission) -> list[Responsibility]:
    query = (select(Responsibility).join(Responsibility.recommendation)
             .where(Responsibility.status == UnitStatus.REPORTED_DONE,
                    Recommendation.verified_status == VerifiedStatus.OPEN)
             .order_by(Responsibility.reported_done_at, Responsibility.id)
             .options(contains_eager(Responsibility.recommendation)))
    shares = list(db.session.scalars(_of_mission(query, mission)))
    preload.attach(shares, "unit", "unit_id")  # the mission's units, already on the page: usually no query
    return shares


def _pending_extensions(mission: Mission) -> list[DueDateChange]:
    query = (select(DueDateChange).join(DueDateChange.recommendation)
             .where(DueDateChange.status == ExtensionStatus.PENDING)
             .order_by(DueDateChange.requested_at, DueDateChange.id)
             .options(contains_eager(DueDateChange.recommendation), joinedload(DueDateChange.requested_by)))
    changes = list(db.session.scalars(_of_mission(query, mission)))
    preload.attach(changes, "unit", "unit_id")
    return changes


def _unanswered(mission: Mission) -> list[UnansweredThread]:
    """Per recommendation, the unit messages posted after the team's last message (or with none yet)."""
    reply = aliased(Message)
    last_reply = (select(func.max(reply.created_at))
                  .where(reply.recommendation_id == Message.recommendation_id, reply.unit_id.is_(None))
                  .scalar_subquery())
    query = (select(Message.recommendation_id, func.count(Message.id), func.max(Message.created_at))
             .join(Recommendation, Recommendation.id == Message.recommendation_id)
             .where(Message.unit_id.is_not(None), or_(last_reply.is_(None), Message.created_at > last_reply))
             .group_by(Message.recommendation_id))
    counts = {rec_id: (count, last_at) for rec_id, count, last_at in db.session.execute(_of_mission(query, mission))}
    if not counts:
        return []
    recommendations = db.session.scalars(select(Recommendation).where(Recommendation.id.in_(counts)))
    threads = [UnansweredThread(rec, *counts[rec.id]) for rec in recommendations]
    return sorted(threads, key=lambda thread: thread.last_at)


@waiting_clause("extension")
def pending_extension(_user):
    """The register's `waiting=extension`: a unit's extension request waits for a decision."""
    pending = select(DueDateChange.id).where(DueDateChange.recommendation_id == Recommendation.id,
                                             DueDateChange.status == ExtensionStatus.PENDING)
    return exists(pending.correlate_except(DueDateChange))
