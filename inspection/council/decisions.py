"""A council decision on one agenda item. Each is applied through the service that owns the change
(verification, due dates, missions), so the recommendation moves through its normal transitions; the
decision itself is audited on the recommendation (its history) and on the session (the minutes), and
the responsible units are notified. The caller commits once."""

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from inspection import audit
from inspection.council.models import DECISION_TRANSITIONS, Decision, ReviewItem
from inspection.council.notices import notify_decision, notify_escalation
from inspection.council.services import require_decider, require_open, vn_day
from inspection.extensions import db
from inspection.findings.models import Recommendation, VerificationMethod, VerifiedStatus
from inspection.findings.services import verify
from inspection.missions.models import MissionKind
from inspection.missions.services import MissionDetails, create_mission
from inspection.responses.checks import require_after_current_due
from inspection.responses.checks import require_open as require_open_recommendation
from inspection.responses.deadlines import change_due_date
from inspection.responses.models import DueDateChange, ExtensionStatus
from inspection.rules import EditConflict, RuleViolation, require_version
from inspection.timeutil import utcnow

#: the decision form's fields, for refusals raised by the services a decision goes through
FORM_FIELD = {"new_due": "new_due", "granted_due": "new_due", "reason": "note", "note": "note"}


def decide(actor, item: ReviewItem, decision: Decision, note: str | None, new_due: date | None = None, *,
           version: int | None) -> ReviewItem:
    """Record and apply `decision`; a decided item is final (a later session may take it up again)."""
    require_decider(actor)
    require_open(item.session)
    _require_undecided(item)
    note = (note or "").strip() or None
    require_version(item, version, {"decision": decision, "decision_note": note},
                    labels={"decision": _("Quyết định"), "decision_note": _("Ý kiến của Hội đồng")})
    DECISION_TRANSITIONS.check(item.decision, decision, field="decision")
    _require_note(decision, note)
    if decision != Decision.DEFER:  # a deferral is still possible when the team closed the item meanwhile
        require_open_recommendation(item.recommendation)
    extra = _apply(actor, item, decision, note, new_due)
    item.decision, item.decision_note = decision, note
    item.decided_by_id, item.decided_at = getattr(actor, "id", None), utcnow()
    db.session.flush()
    _record(actor, item, extra)
    notify_decision(item, decision_text(item))
    if decision == Decision.ESCALATE:
        notify_escalation(item)
    return item


def _require_undecided(item: ReviewItem) -> None:
    if item.decision != Decision.PENDING:
        raise RuleViolation(_("Kiến nghị số %(number)s đã có quyết định “%(decision)s”; mỗi kiến nghị chỉ được quyết "
                              "định một lần trong một phiên họp. Nếu cần xem xét lại, hãy đưa kiến nghị ra phiên "
                              "họp sau.", number=item.recommendation.number, decision=item.decision.label))


def _require_note(decision: Decision, note: str | None) -> None:
    if decision != Decision.ACCEPT and not note:
        raise RuleViolation(_("hãy ghi ý kiến, lý do của Hội đồng (bắt buộc với mọi quyết định trừ chấp nhận kết "
                              "quả khắc phục)."), field="note")


def _apply(actor, item: ReviewItem, decision: Decision, note: str | None, new_due: date | None) -> dict:
    """Run the change; a refusal from the service it goes through names the decision form's field."""
    try:
        return APPLY[decision](actor, item, note, new_due)
    except EditConflict:
        raise
    except RuleViolation as violation:
        raise RuleViolation(violation.message, FORM_FIELD.get(violation.field)) from violation


# --- the decisions ------------------------------------------------------------------------------------------


def _verdict(status: VerifiedStatus):
    def apply(actor, item: ReviewItem, note: str | None, _new_due) -> dict:
        session = item.session
        said = audit.text("Theo quyết định của %(title)s ngày %(day)s", title=session.title,
                          day=vn_day(session.held_on))
        verify(actor, item.recommendation, status, VerificationMethod.DESK_REVIEW,
               f"{said}: {note}" if note else said, version=item.recommendation.version, by_council=True)
        return {}

    return apply


def _extend(actor, item: ReviewItem, note: str | None, new_due: date | None) -> dict:
    """Through change_due_date, the one writer of due dates; a waiting request of a unit is approved
    with the council's date (its other units' requests, if any, stay for the team to answer)."""
    recommendation = item.recommendation
    require_after_current_due(new_due, recommendation, "new_due")
    if new_due <= item.session.held_on:
        raise RuleViolation(_("hạn mới phải sau ngày họp %(day)s.", day=vn_day(item.session.held_on)),
                            field="new_due")
    request = oldest_pending_request(recommendation)
    change_due_date(actor, recommendation, new_due, note, unit=request.unit if request else None, request=request)
    item.new_due = new_due
    return {"current_due": new_due}


def oldest_pending_request(recommendation: Recommendation) -> DueDateChange | None:
    query = (select(DueDateChange).where(DueDateChange.recommendation_id == recommendation.id,
                                         DueDateChange.status == ExtensionStatus.PENDING)
             .order_by(DueDateChange.requested_at, DueDateChange.id))
    return db.session.scalars(query).first()


def _escalate(actor, item: ReviewItem, note: str | None, _new_due) -> dict:
    recommendation = item.recommendation
    recommendation.escalated_at, recommendation.escalation_note = utcnow(), note
    return {}


def _reinspect(actor, item: ReviewItem, note: str | None, _new_due) -> dict:
    """A draft inspection mission of the responsible units, for the team to plan like any other."""
    recommendation = item.recommendation
    details = MissionDetails(kind=MissionKind.INSPECTION, title=reinspection_title(recommendation),
                             units=[share.unit for share in recommendation.responsibilities])
    item.reinspection_mission = create_mission(actor, details)
    return {"mission": item.reinspection_mission.title}


def reinspection_title(recommendation: Recommendation) -> str:
    text = recommendation.text if len(recommendation.text) <= 150 else recommendation.text[:149].rstrip() + "…"
    return audit.text("Kiểm tra lại việc thực hiện kiến nghị số %(number)s: “%(text)s”",
                      number=recommendation.number, text=text)


def _defer(actor, item: ReviewItem, note: str | None, _new_due) -> dict:
    return {}


APPLY = {Decision.ACCEPT: _verdict(VerifiedStatus.IMPLEMENTED), Decision.EXTEND: _extend,
         Decision.ESCALATE: _escalate, Decision.OVERTAKEN: _verdict(VerifiedStatus.OVERTAKEN),
         Decision.REINSPECT: _reinspect, Decision.DEFER: _defer}


# --- the record ---------------------------------------------------------------------------------------------


def decision_text(item: ReviewItem) -> str:
    """The decision as the minutes and the history say it, in Vietnamese."""
    if item.decision == Decision.EXTEND:
        return audit.text("%(label)s đến %(day)s", label=item.decision.lazy_label, day=vn_day(item.new_due))
    if item.decision == Decision.REINSPECT:
        return audit.text("%(label)s (đã lập dự thảo đoàn kiểm tra)", label=item.decision.lazy_label)
    return audit.text("%(label)s", label=item.decision.lazy_label)


def _record(actor, item: ReviewItem, extra: dict) -> None:
    session, recommendation = item.session, item.recommendation
    note = item.decision_note or "—"
    after = {"decision_note": item.decision_note} | extra
    audit.record(actor, "council.decide", recommendation,
                 audit.text("%(title)s ngày %(day)s quyết định: %(decision)s. Ý kiến: %(note)s", title=session.title,
                            day=vn_day(session.held_on), decision=decision_text(item), note=note),
                 after=after)
    audit.record(actor, "council.decide", session,
                 audit.text("Kiến nghị số %(number)s: %(decision)s. Ý kiến: %(note)s", number=recommendation.number,
                            decision=decision_text(item), note=note),
                 after=after)
