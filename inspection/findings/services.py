"""Changes to findings and recommendations. Every change is audited; the caller commits once.
Edits name the version their form was built from (rules.require_version): a stale form raises EditConflict."""

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import exists, or_, select
from sqlalchemy.orm.attributes import flag_modified

from inspection import access, audit
from inspection.auth.models import Role
from inspection.extensions import db
from inspection.findings import notices
from inspection.findings.access import can_manage
from inspection.findings.editing import differences, plain
from inspection.findings.models import (
    RECOMMENDATION_PARTS,
    VERIFIED_TRANSITIONS,
    Finding,
    FindingCategory,
    FindingKind,
    Recommendation,
    Responsibility,
    Severity,
    UnitStatus,
    VerificationMethod,
    VerifiedStatus,
)
from inspection.findings.transfer import TransferResult, transfer_open_recommendations  # noqa: F401  (one entry point)
from inspection.missions.access import can_edit_mission
from inspection.missions.models import Mission, MissionStatus, WorkingSession
from inspection.missions.services import inspected_span
from inspection.rules import RuleViolation, require_version, same
from inspection.timeutil import today_vn, utcnow
from inspection.units import validity
from inspection.units.models import Unit

OUTCOME_FIELDS = ("awards_to_revoke", "awards_to_reexamine", "amount_to_recover", "amount_recovered")
#: what the history says when an edit reopens a verified recommendation (the log is kept in Vietnamese)
REOPENED_BY_EDIT = "Mở lại do sửa nội dung"


# --- findings ----------------------------------------------------------------------------------------------


def finding_values(finding: Finding) -> dict:
    """The editable values of a finding, keyed as the form names them."""
    return {"unit": finding.unit, "working_session": finding.session, "kind": finding.kind,
            "category": finding.category, "severity": finding.severity, "title": finding.title,
            "description": finding.description, "figures": finding.figures}


def create_finding(actor, mission: Mission, *, unit: Unit, category: FindingCategory, title: str,
                   kind: FindingKind = FindingKind.SHORTCOMING, severity: Severity = Severity.MODERATE,
                   working_session: WorkingSession | None = None, description: str | None = None,
                   figures: str | None = None) -> Finding:
    _require_member(actor, mission)
    _require_mission_open(mission)
    _require_place(mission, unit, working_session)
    finding = Finding(mission=mission, unit=unit, session=working_session, kind=kind, category=category,
                      severity=severity, title=title.strip(), description=description or None,
                      figures=figures or None, created_by_id=getattr(actor, "id", None))
    db.session.add(finding)
    db.session.flush()
    audit.record(actor, "finding.create", finding, audit.text("Ghi nhận kết quả kiểm tra “%(title)s”",
                                                               title=finding.title),
                 after=plain(finding_values(finding)))
    return finding


def update_finding(actor, finding: Finding, *, version: int | None, **values) -> bool:
    """Save the edited values (every key of finding_values); False when nothing changed.
    EditConflict when the finding changed since `version`."""
    _require_member(actor, finding.mission)
    before = finding_values(finding)
    require_version(finding, version, values, current=before)
    _require_place(finding.mission, values["unit"], values["working_session"])
    if all(same(before[name], value) for name, value in values.items()):
        return False
    finding.unit, finding.session = values.pop("unit"), values.pop("working_session")
    finding.title = values.pop("title").strip()
    for name, value in values.items():
        setattr(finding, name, value or None)  # blank text is stored as nothing
    db.session.flush()
    audit.record(actor, "finding.update", finding, audit.text("Sửa kết quả kiểm tra “%(title)s”", title=finding.title),
                 **differences(before, finding_values(finding)))
    return True


def _require_member(actor, mission: Mission) -> None:
    """Team members only (or the system itself: demo data, command line)."""
    if not access.permits(actor, can_edit_mission, mission):
        raise RuleViolation(_("Chỉ thành viên đoàn kiểm tra mới được thay đổi kết quả kiểm tra, kiến nghị của đoàn."))


def _require_mission_open(mission: Mission) -> None:
    if mission.status == MissionStatus.CLOSED:
        raise RuleViolation(_("Đoàn kiểm tra đã kết thúc; không thể ghi nhận thêm."))


def _require_place(mission: Mission, unit: Unit | None, session: WorkingSession | None) -> None:
    if unit is None or unit not in mission.units:
        raise RuleViolation(_("Chọn một đơn vị được kiểm tra của đoàn."), field="unit")
    span = inspected_span(mission.period_from, mission.period_to, mission.decision_date)
    if span is not None:  # the finding is about the period the mission inspected
        validity.require_existed(unit, span[0], span[1], field="unit", when=span[2])
    if session is not None and session.mission_id != mission.id:
        raise RuleViolation(_("Buổi làm việc không thuộc đoàn kiểm tra này."), field="working_session")


# --- recommendations ---------------------------------------------------------------------------------------


def recommendation_values(recommendation: Recommendation) -> dict:
    """The editable values of a recommendation, keyed as the edit form names them."""
    return (audit.changes(recommendation, ("text",) + OUTCOME_FIELDS)
            | {"responsible_units": [share.unit for share in recommendation.responsibilities]})


def create_recommendation(actor, finding: Finding, *, text: str, issued_on: date | None, due: date,
                          responsible_units: list[Unit], **outcomes) -> Recommendation:
    """A recommendation with its responsible units; its due date starts as both original and current."""
    _require_member(actor, finding.mission)
    _require_mission_open(finding.mission)
    issued_on = issued_on or today_vn()
    _require_due(issued_on, due)
    units = _distinct(responsible_units)
    _require_some(units)
    _require_existing(units, on=issued_on)
    _require_outcomes(outcomes)
    recommendation = Recommendation(finding=finding, text=text.strip(), issued_on=issued_on, original_due=due,
                                    current_due=due, created_by_id=getattr(actor, "id", None), **outcomes)
    recommendation.responsibilities = [Responsibility(unit=unit) for unit in units]
    db.session.add(recommendation)
    db.session.flush()
    audit.record(actor, "recommendation.create", recommendation,
                 audit.text("Ban hành kiến nghị cho %(units)s, thời hạn %(due)s",
                            units=", ".join(unit.name for unit in units), due=due.strftime("%d/%m/%Y")),
                 after=plain(recommendation_values(recommendation)) | {"issued_on": issued_on, "due": due})
    notices.notify_issued(actor, recommendation, units)
    return recommendation


def update_recommendation(actor, recommendation: Recommendation, *, version: int | None, text: str,
                          responsible_units: list[Unit], **outcomes) -> bool:
    """Save text, outcomes and responsible units (never the due date); False when nothing changed.
    A verified recommendation whose content changes is reopened, and its history says so."""
    _require_member(actor, recommendation.finding.mission)
    before = recommendation_values(recommendation)
    submitted = {"text": text.strip(), "responsible_units": _distinct(responsible_units)} | outcomes
    require_version(recommendation, version, submitted, current=before)
    _require_outcomes(outcomes)
    if all(same(before[name], value) for name, value in submitted.items()):
        return False
    added = _set_responsible_units(recommendation, submitted.pop("responsible_units"))
    for name, value in submitted.items():
        setattr(recommendation, name, value)
    flag_modified(recommendation, "text")  # a change of units alone must still bump the version
    db.session.flush()
    audit.record(actor, "recommendation.update", recommendation, audit.text("Sửa nội dung kiến nghị"),
                 **differences(before, recommendation_values(recommendation)))
    if not recommendation.is_open:
        _reopen(actor, recommendation, None, because=REOPENED_BY_EDIT)
    notices.notify_issued(actor, recommendation, added)
    return True


def _set_responsible_units(recommendation: Recommendation, units: list[Unit]) -> list[Unit]:
    """Add and remove shares; every check runs before the first change, so nothing is half-saved. Returns the
    units added."""
    _require_some(units)
    wanted = {unit.id for unit in units}
    dropped = [share for share in recommendation.responsibilities if share.unit_id not in wanted]
    for share in dropped:
        _require_unanswered(share)
    held = {share.unit_id for share in recommendation.responsibilities}
    added = [unit for unit in units if unit.id not in held]
    _require_existing(added, on=today_vn())
    for share in dropped:
        recommendation.responsibilities.remove(share)
    recommendation.responsibilities.extend(Responsibility(unit=unit) for unit in added)
    return added


def _require_unanswered(share: Responsibility) -> None:
    """A unit that has answered keeps its share: its answers and evidence must stay attached."""
    if share.status != UnitStatus.NOT_STARTED or share.actions or _has_spoken(share):
        raise RuleViolation(_("Không thể bỏ %(unit)s khỏi danh sách đơn vị chịu trách nhiệm: đơn vị đã trả lời "
                              "kiến nghị này.", unit=share.unit.name), field="responsible_units")


def _has_spoken(share: Responsibility) -> bool:
    said = [select(model.id).where(model.recommendation_id == share.recommendation_id,
                                   model.unit_id == share.unit_id)
            for model in RECOMMENDATION_PARTS]
    return bool(db.session.scalar(select(or_(*(exists(query) for query in said)))))


def _distinct(units: list[Unit]) -> list[Unit]:
    seen: dict[int, Unit] = {}
    for unit in units or []:
        seen.setdefault(unit.id, unit)
    return list(seen.values())


def _require_due(issued_on: date, due: date | None) -> None:
    if due is None:
        raise RuleViolation(_("Nhập thời hạn thực hiện kiến nghị."), field="due")
    if due < issued_on:
        raise RuleViolation(_("Thời hạn không được trước ngày ban hành kiến nghị (%(day)s).",
                              day=issued_on.strftime("%d/%m/%Y")), field="due")


def _require_some(units: list[Unit]) -> None:
    if not units:
        raise RuleViolation(_("Cần ít nhất một đơn vị chịu trách nhiệm."), field="responsible_units")


def _require_existing(units: list[Unit], on: date) -> None:
    validity.require_existed(units, on, field="responsible_units", when=validity.when_day(on))


def _require_outcomes(outcomes: dict) -> None:
    for name in OUTCOME_FIELDS:
        if (outcomes.get(name) or 0) < 0:
            raise RuleViolation(_("Không được nhập số âm."), field=name)
    recovered, to_recover = outcomes.get("amount_recovered"), outcomes.get("amount_to_recover")
    if recovered and recovered > (to_recover or 0):
        raise RuleViolation(_("Số tiền đã thu hồi không được lớn hơn số tiền phải thu hồi."), field="amount_recovered")


# --- verification ------------------------------------------------------------------------------------------


def verify(actor, recommendation: Recommendation, status: VerifiedStatus, method: VerificationMethod | None,
           note: str | None, *, version: int | None, by_council: bool = False) -> Recommendation:
    """An inspector's verdict, through VERIFIED_TRANSITIONS; reopening is status OPEN.
    Only team members verify; a unit's "reported done" is never a verdict. With `by_council` the verdict
    is a decision of a council review session, taken by the council (or an admin) instead of the team."""
    if not access.permits(actor, _may_verify, recommendation, by_council):
        raise RuleViolation(_("Chỉ Hội đồng mới được quyết định thay đoàn kiểm tra.") if by_council
                            else _("Chỉ thành viên đoàn kiểm tra mới được xác minh kiến nghị."))
    require_version(recommendation, version, {})
    VERIFIED_TRANSITIONS.check(recommendation.verified_status, status, field="status")
    if status == VerifiedStatus.OPEN:
        return _reopen(actor, recommendation, note, tell_units=not by_council)
    if method is None:
        raise RuleViolation(_("Chọn cách xác minh."), field="method")
    before = _verification(recommendation)
    recommendation.verified_status, recommendation.verification_method = status, method
    recommendation.verified_by_id, recommendation.verified_at = getattr(actor, "id", None), utcnow()
    recommendation.verification_note = (note or "").strip() or None
    db.session.flush()
    audit.record(actor, "recommendation.verify", recommendation,
                 audit.text("Xác minh kết quả thực hiện: %(status)s (%(method)s)", status=status.lazy_label,
                            method=method.lazy_label),
                 before=before, after=_verification(recommendation))
    if not by_council:  # the council's verdict is told by its decision notice (council/notices.py)
        notices.notify_verdict(actor, recommendation)
    return recommendation


def _may_verify(actor, recommendation: Recommendation, by_council: bool) -> bool:
    if by_council:
        return actor.role in (Role.COUNCIL, Role.ADMIN)
    return can_manage(actor, recommendation)


def reopen(actor, recommendation: Recommendation, note: str | None = None, *,
           version: int | None) -> Recommendation:
    return verify(actor, recommendation, VerifiedStatus.OPEN, None, note, version=version)


def _reopen(actor, recommendation: Recommendation, note: str | None, because: str | None = None, *,
            tell_units: bool = True):
    """Back to "open"; the previous verdict stays in the history, the verification block shows who reopened."""
    VERIFIED_TRANSITIONS.check(recommendation.verified_status, VerifiedStatus.OPEN, field="status")
    before = _verification(recommendation)
    note = (note or "").strip() or because
    recommendation.verified_status, recommendation.verification_method = VerifiedStatus.OPEN, None
    recommendation.verified_by_id, recommendation.verified_at = getattr(actor, "id", None), utcnow()
    recommendation.verification_note = note
    db.session.flush()
    audit.record(actor, "recommendation.reopen", recommendation,
                 audit.text("Mở lại kiến nghị (trước đó: %(old)s): %(why)s", old=before["verified_status"].lazy_label,
                            why=note or "—"),
                 before=before, after=_verification(recommendation))
    if tell_units:
        notices.notify_reopened(actor, recommendation)
    return recommendation


def _verification(recommendation: Recommendation) -> dict:
    return audit.changes(recommendation, ("verified_status", "verification_method", "verification_note"))
