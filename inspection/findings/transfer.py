"""Moving a dissolved or merged unit's open recommendations to its successor, in one audited action."""

from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import flag_modified

from inspection import access, audit
from inspection.documents.refs import DocRef, format_ref
from inspection.extensions import db
from inspection.findings import notices
from inspection.findings.access import can_transfer
from inspection.findings.models import Finding, Recommendation, Responsibility, VerifiedStatus
from inspection.rules import RuleViolation
from inspection.timeutil import today_vn, utcnow
from inspection.units import validity
from inspection.units.models import Unit


@dataclass
class TransferResult:
    moved: list[Recommendation] = field(default_factory=list)
    #: recommendations the successor already shared: one responsibility kept, the predecessor's merged into it
    merged: list[Recommendation] = field(default_factory=list)


def open_shares(unit: Unit) -> list[Responsibility]:
    """The unit's responsibilities on recommendations nobody has verified yet."""
    query = (select(Responsibility).join(Responsibility.recommendation)
             .where(Responsibility.unit_id == unit.id, Recommendation.verified_status == VerifiedStatus.OPEN)
             .options(selectinload(Responsibility.actions),
                      selectinload(Responsibility.recommendation).selectinload(Recommendation.responsibilities)
                      .selectinload(Responsibility.unit),
                      selectinload(Responsibility.recommendation).joinedload(Recommendation.finding)
                      .joinedload(Finding.mission))
             .order_by(Responsibility.recommendation_id))
    return list(db.session.scalars(query))


def transfer_open_recommendations(actor, from_unit: Unit, to_unit: Unit, legal_basis: DocRef | None,
                                  note: str | None = None) -> TransferResult:
    """Every open responsibility of `from_unit` goes to `to_unit`, recorded with the legal basis.
    Verified (closed) items stay with the unit that carried them: they are its record."""
    access.require(actor, can_transfer)
    _require_transferable(from_unit, to_unit, legal_basis)
    shares = open_shares(from_unit)
    if not shares:
        raise RuleViolation(_("%(unit)s không còn kiến nghị nào chưa kết luận để chuyển.", unit=from_unit.name))
    result = TransferResult()
    for share in shares:
        recommendation = share.recommendation
        result.moved.append(recommendation)
        if _move(actor, share, to_unit, legal_basis, note):
            result.merged.append(recommendation)
    db.session.flush()
    notices.notify_transferred(actor, from_unit, to_unit, result.moved)
    return result


def _require_transferable(from_unit: Unit, to_unit: Unit | None, legal_basis: DocRef | None) -> None:
    today = today_vn()
    if from_unit.exists_on(today):
        raise RuleViolation(_("%(unit)s vẫn đang hoạt động: chỉ chuyển kiến nghị của đơn vị đã giải thể, "
                              "sáp nhập hoặc chia, tách.", unit=from_unit.name))
    if to_unit is None or to_unit.id == from_unit.id:
        raise RuleViolation(_("Chọn một đơn vị tiếp nhận khác đơn vị đã chấm dứt hoạt động."), field="to_unit")
    validity.require_existed(to_unit, today, field="to_unit", when=validity.when_day(today))
    if legal_basis is None:
        raise RuleViolation(_("Nhập căn cứ pháp lý của việc chuyển giao."), field="legal_basis")


def _move(actor, share: Responsibility, to_unit: Unit, legal_basis: DocRef, note: str | None) -> bool:
    """Move one share; True when the successor already held one and the two were merged."""
    recommendation, from_unit = share.recommendation, share.unit
    before = [other.unit.code for other in recommendation.responsibilities]
    kept = next((other for other in recommendation.responsibilities if other.unit_id == to_unit.id), None)
    if kept is None:
        kept = share
        share.unit = to_unit
    else:
        for action in list(share.actions):  # the predecessor's planned actions stay on the record
            action.responsibility = kept
        recommendation.responsibilities.remove(share)
    kept.transferred_from, kept.transfer_basis, kept.transferred_at = from_unit, legal_basis, utcnow()
    flag_modified(recommendation, "text")  # who is responsible changed: open edit forms are now stale
    db.session.flush()
    audit.record(actor, "recommendation.transfer", recommendation, _summary(from_unit, to_unit, legal_basis,
                                                                            merged=kept is not share),
                 before={"responsible_units": before},
                 after={"responsible_units": [other.unit.code for other in recommendation.responsibilities],
                        "transfer_basis": format_ref(legal_basis), "note": note or None})
    return kept is not share


def _summary(from_unit: Unit, to_unit: Unit, legal_basis: DocRef, merged: bool) -> str:
    summary = audit.text("Chuyển trách nhiệm thực hiện từ %(old)s sang %(new)s theo %(basis)s",
                         old=from_unit.name, new=to_unit.name, basis=format_ref(legal_basis))
    if merged:
        summary += audit.text("; %(new)s đã cùng chịu trách nhiệm nên chỉ giữ một phần trách nhiệm",
                              new=to_unit.name)
    return summary
