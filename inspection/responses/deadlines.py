"""Due dates: a unit asks for an extension, an inspector of the mission or the council decides, and
`change_due_date` is the ONLY code that writes Recommendation.current_due. Every revision leaves a
DueDateChange row (previous date, date asked, date granted, who asked, who decided, when, why) and an
audit entry on the recommendation; the original due date is never touched."""

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from inspection import audit
from inspection.extensions import db
from inspection.findings.access import answerable_responsibilities, can_decide_extension
from inspection.findings.models import Recommendation
from inspection.responses import notices
from inspection.responses.checks import (
    require_after_current_due,
    require_not_before_issue,
    require_open,
    required_text,
    speaking_unit,
    vn_day,
)
from inspection.responses.models import EXTENSION_TRANSITIONS, DueDateChange, ExtensionStatus
from inspection.rules import RuleViolation
from inspection.timeutil import utcnow
from inspection.units.models import Unit


def request_extension(actor, recommendation: Recommendation, unit: Unit | None, requested_due: date | None,
                      reason: str) -> DueDateChange:
    """A unit asks for a later due date, with a reason; one pending request per recommendation and unit."""
    require_open(recommendation)
    unit = speaking_unit(actor, recommendation, unit)
    if unit is None:
        raise RuleViolation(_("Chỉ đơn vị được giao thực hiện kiến nghị mới đề nghị gia hạn."))
    require_after_current_due(requested_due, recommendation, "requested_due")
    reason = required_text(reason, "reason", _("hãy nêu lý do đề nghị gia hạn."))
    _require_no_pending(recommendation, unit)
    change = DueDateChange(recommendation_id=recommendation.id, unit_id=unit.id,
                           previous_due=recommendation.current_due, requested_due=requested_due, reason=reason,
                           requested_by_id=actor.id, status=ExtensionStatus.PENDING)
    db.session.add(change)
    db.session.flush()
    audit.record(actor, "extension.request", recommendation,
                 audit.text("%(unit)s đề nghị gia hạn từ %(old)s đến %(new)s: %(reason)s", unit=unit.name,
                            old=vn_day(recommendation.current_due), new=vn_day(requested_due), reason=reason),
                 after={"unit": unit.name, "current_due": recommendation.current_due,
                        "requested_due": requested_due, "reason": reason})
    notices.notify_extension_request(actor, change)
    return change


def pending_request(recommendation: Recommendation, unit: Unit) -> DueDateChange | None:
    query = select(DueDateChange).where(DueDateChange.recommendation_id == recommendation.id,
                                        DueDateChange.unit_id == unit.id,
                                        DueDateChange.status == ExtensionStatus.PENDING)
    return db.session.scalars(query).first()


def _require_no_pending(recommendation: Recommendation, unit: Unit) -> None:
    pending = pending_request(recommendation, unit)
    if pending is not None:
        raise RuleViolation(_("%(unit)s đã có một đề nghị gia hạn đến %(day)s đang chờ quyết định. Hãy chờ quyết "
                              "định hoặc rút đề nghị đó trước khi gửi đề nghị mới.",
                              unit=unit.name, day=vn_day(pending.requested_due)))


def decide_extension(actor, change: DueDateChange, approve: bool, note: str | None = None,
                     granted_due: date | None = None) -> DueDateChange:
    """Approve (the due date changes, through change_due_date, to `granted_due` or the date asked) or
    refuse (a reason is required; the due date stays)."""
    recommendation = change.recommendation
    if not can_decide_extension(actor, recommendation):
        raise RuleViolation(_("Chỉ thành viên đoàn kiểm tra hoặc Hội đồng mới được quyết định gia hạn."))
    target = ExtensionStatus.APPROVED if approve else ExtensionStatus.REFUSED
    EXTENSION_TRANSITIONS.check(change.status, target, field=None)
    note = (note or "").strip()
    if approve:
        granted = require_after_current_due(granted_due or change.requested_due, recommendation, "granted_due")
        change_due_date(actor, recommendation, granted, note, unit=change.unit, request=change)
        notices.notify_extension_decision(actor, change)
        return change
    required_text(note, "note", _("hãy nêu lý do không chấp thuận."))
    _close(change, ExtensionStatus.REFUSED, actor, note)
    audit.record(actor, "extension.refuse", recommendation,
                 audit.text("Không chấp thuận đề nghị gia hạn của %(unit)s đến %(day)s: %(note)s",
                            unit=_unit_name(change), day=vn_day(change.requested_due), note=note),
                 before={"status": ExtensionStatus.PENDING},
                 after={"status": change.status, "decision_note": note, "current_due": recommendation.current_due})
    notices.notify_extension_decision(actor, change)
    return change


def withdraw_extension(actor, change: DueDateChange) -> DueDateChange:
    """The requesting unit takes back its pending request."""
    own_units = {share.unit_id for share in answerable_responsibilities(actor, change.recommendation)}
    if change.unit_id is None or change.unit_id not in own_units:
        raise RuleViolation(_("Chỉ đơn vị đã đề nghị mới được rút đề nghị gia hạn."))
    EXTENSION_TRANSITIONS.check(change.status, ExtensionStatus.WITHDRAWN, field=None)
    _close(change, ExtensionStatus.WITHDRAWN, actor, None)
    audit.record(actor, "extension.withdraw", change.recommendation,
                 audit.text("%(unit)s rút đề nghị gia hạn đến %(day)s", unit=_unit_name(change),
                            day=vn_day(change.requested_due)),
                 before={"status": ExtensionStatus.PENDING},
                 after={"status": change.status})
    return change


def change_due_date(actor, recommendation: Recommendation, new_due: date | None, reason: str | None,
                    unit: Unit | None = None, request: DueDateChange | None = None) -> DueDateChange:
    """The one writer of Recommendation.current_due. With `request`, completes that pending extension
    request (approved; `reason` is the decision note and may be empty); without it, records a direct
    decision (e.g. by the council in a review session; `reason` required) as a new DueDateChange."""
    if new_due is None:
        raise RuleViolation(_("hãy nhập hạn mới theo dạng dd/mm/yyyy."), field="new_due")
    reason = (reason or "").strip()
    if request is None:
        reason = required_text(reason, "reason", _("hãy nêu lý do thay đổi hạn."))
    if new_due == recommendation.current_due:
        raise RuleViolation(_("trùng hạn hiện tại %(day)s.", day=vn_day(new_due)), field="new_due")
    require_not_before_issue(new_due, recommendation, "new_due")
    change = request or _direct_change(actor, recommendation, new_due, reason, unit)
    EXTENSION_TRANSITIONS.check(change.status, ExtensionStatus.APPROVED, field=None)
    previous = recommendation.current_due
    change.previous_due, change.granted_due = previous, new_due
    _close(change, ExtensionStatus.APPROVED, actor, reason or None)
    recommendation.current_due = new_due
    db.session.flush()
    audit.record(actor, "recommendation.due_change", recommendation,
                 audit.text("Đổi hạn thực hiện từ %(old)s thành %(new)s%(who)s. Lý do: %(why)s", old=vn_day(previous),
                            new=vn_day(new_due), who=_asked_by(change, request), why=reason or change.reason),
                 before={"current_due": previous},
                 after={"current_due": new_due, "reason": change.reason,
                        "decision_note": change.decision_note, "unit": _unit_name(change) or None})
    return change


def _direct_change(actor, recommendation: Recommendation, new_due: date, reason: str,
                   unit: Unit | None) -> DueDateChange:
    change = DueDateChange(recommendation_id=recommendation.id, unit=unit, previous_due=recommendation.current_due,
                           requested_due=new_due, reason=reason, requested_by_id=actor.id,
                           status=ExtensionStatus.PENDING)
    db.session.add(change)
    return change


def _close(change: DueDateChange, status: ExtensionStatus, actor, note: str | None) -> None:
    """Record the decision on a request whose move to `status` was checked by the caller."""
    change.status = status
    change.decided_by_id, change.decided_at, change.decision_note = actor.id, utcnow(), note
    db.session.flush()


def _unit_name(change: DueDateChange) -> str:
    return change.unit.name if change.unit is not None else ""


def _asked_by(change: DueDateChange, request: DueDateChange | None) -> str:
    if request is None:
        return ""
    return audit.text(" theo đề nghị của %(unit)s", unit=_unit_name(change))
