"""Read queries for findings and recommendations; each runs a fixed number of SQL statements."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from inspection.audit import AuditEntry
from inspection.extensions import db
from inspection.findings.access import can_transfer
from inspection.findings.forms import TransferForm
from inspection.findings.models import (
    RECOMMENDATION_PARTS,
    Finding,
    FollowUpAction,
    Recommendation,
    Responsibility,
    VerifiedStatus,
)
from inspection.missions.models import Mission
from inspection.timeutil import today_vn
from inspection.units.models import Unit
from inspection.units.queries import current_successors


def is_overdue(recommendation: Recommendation, today: date) -> bool:
    """Past its current due date and not yet verified."""
    return bool(recommendation.is_open and recommendation.current_due and recommendation.current_due < today)


def shares_loaded():
    """Loader options for a recommendation's responsible units, their names and transfer origins."""
    return selectinload(Recommendation.responsibilities).options(
        selectinload(Responsibility.unit).selectinload(Unit.names),
        selectinload(Responsibility.transferred_from).selectinload(Unit.names))


def recommendation_page_options():
    """Everything the recommendation page shows, in a fixed number of queries."""
    finding = joinedload(Recommendation.finding)
    return [finding.joinedload(Finding.mission).selectinload(Mission.members),
            finding.selectinload(Finding.unit).selectinload(Unit.names),
            finding.selectinload(Finding.session),
            shares_loaded(),
            selectinload(Recommendation.responsibilities).selectinload(Responsibility.actions),
            selectinload(Recommendation.verified_by)]


def finding_page_options():
    return [joinedload(Finding.mission).selectinload(Mission.members),
            selectinload(Finding.unit).selectinload(Unit.names), selectinload(Finding.session),
            selectinload(Finding.recommendations).options(shares_loaded())]


def recommendation_history(recommendation: Recommendation) -> list[AuditEntry]:
    """The recommendation's own entries and those of its parts (shares, follow-up actions, messages,
    evidence, due-date changes), newest first, in one query."""
    rec_id = recommendation.id
    parts = {
        "responsibility": select(Responsibility.id).where(Responsibility.recommendation_id == rec_id),
        "follow_up_action": select(FollowUpAction.id).join(Responsibility)
        .where(Responsibility.recommendation_id == rec_id),
    } | {part.__tablename__: select(part.id).where(part.recommendation_id == rec_id)
         for part in RECOMMENDATION_PARTS}
    about = [and_(AuditEntry.target_type == "recommendation", AuditEntry.target_id == rec_id)]
    about += [and_(AuditEntry.target_type == kind, AuditEntry.target_id.in_(ids)) for kind, ids in parts.items()]
    query = select(AuditEntry).where(or_(*about)).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    return list(db.session.scalars(query))


# --- the unit page slot --------------------------------------------------------------------------------------


@dataclass
class UnitTransfer:
    unit: Unit
    open_count: int
    successors: list[Unit] = field(default_factory=list)
    form: TransferForm | None = None


def open_share_count(unit: Unit) -> int:
    query = (select(func.count(Responsibility.id)).join(Responsibility.recommendation)
             .where(Responsibility.unit_id == unit.id, Recommendation.verified_status == VerifiedStatus.OPEN))
    return db.session.scalar(query) or 0


def unit_transfer_context(unit, user) -> dict:
    """Variables for templates/findings/_unit_transfer.html on the unit page: the transfer form, for the
    council and admins, when the unit has ended and still has open recommendations."""
    today = today_vn()
    if not can_transfer(user) or unit.valid_to is None or unit.valid_to >= today:
        return {"unit_transfer": None}
    count = open_share_count(unit)
    if not count:
        return {"unit_transfer": None}
    return {"unit_transfer": transfer_offer(unit, count, today)}


def transfer_offer(unit: Unit, count: int, today: date, form: TransferForm | None = None) -> UnitTransfer:
    successors = current_successors(unit, today)
    form = form or TransferForm(to_unit=successors[0] if successors else None)
    return UnitTransfer(unit, count, successors, form)


def recommendations_named(references: list[int | str]) -> dict[int | str, Recommendation]:
    """Recommendations named by number (the stored form, numbering.canonical) or by id, keyed as named;
    references that name nothing are missing from the result. One statement."""
    ids = [ref for ref in references if isinstance(ref, int)]
    numbers = [ref for ref in references if isinstance(ref, str)]
    found: dict[int | str, Recommendation] = {}
    for rec in db.session.scalars(select(Recommendation).where(
            or_(Recommendation.id.in_(ids), Recommendation.number.in_(numbers)))):
        found.update({key: rec for key in (rec.id, rec.number) if key in ids or key in numbers})
    return found
