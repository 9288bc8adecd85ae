"""Changes made in answering a recommendation: messages, evidence (versioned), the unit's progress and its
follow-up actions. Deadline extensions and due-date changes live in deadlines.py and are re-exported here
(`change_due_date` is the one writer of Recommendation.current_due). Every change is audited against the
recommendation, so its history shows the whole exchange; the caller commits once."""

import os
import uuid

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from inspection import audit
from inspection.extensions import db
from inspection.files.models import StoredFile
from inspection.files.services import store_upload, stored_path
from inspection.findings.access import can_manage
from inspection.findings.models import (
    UNIT_STATUS_TRANSITIONS,
    FollowUpAction,
    Recommendation,
    Responsibility,
    UnitStatus,
)
from inspection.labels import field_label
from inspection.responses import notices
from inspection.responses.checks import (
    require_not_before_issue,
    require_open,
    require_share,
    required_text,
    speaking_unit,
    vn_day,
)
from inspection.responses.deadlines import (  # noqa: F401  (part of this module's interface)
    change_due_date,
    decide_extension,
    request_extension,
    withdraw_extension,
)
from inspection.responses.models import Evidence, Message
from inspection.rules import RuleViolation, require_version
from inspection.timeutil import utcnow
from inspection.units.models import Unit

EXCERPT = 120
ACTION_FIELDS = ("what", "who", "due", "progress", "note")
ACTION_LABELS = {"what": _l("Biện pháp khắc phục"), "who": _l("Người / bộ phận thực hiện"), "due": _l("Thời hạn"),
                 "progress": field_label(FollowUpAction.progress), "note": field_label(FollowUpAction.note)}


def post_message(actor, recommendation: Recommendation, body: str, unit: Unit | None = None, files=(), *,
                 folder: str | None = None, max_bytes: int | None = None, tell: bool = True) -> Message:
    """A message from a unit officer (for one of their units sharing the recommendation) or from a mission
    member or the council, with optional evidence files (each a new piece of evidence, version 1); the other
    side is told, unless `tell` is False (the caller's own notice carries the message)."""
    body = required_text(body, "body", _("hãy nhập nội dung trao đổi."))
    unit = speaking_unit(actor, recommendation, unit)
    stored = _store_all(actor, files, folder, max_bytes, field="files")
    message = Message(recommendation_id=recommendation.id, author_id=actor.id, unit_id=_id(unit), body=body)
    db.session.add(message)
    db.session.flush()
    for item in stored:
        db.session.add(_evidence(actor, recommendation, item, unit, message, key=new_evidence_key(), version=1,
                                 title=item.original_name))
    db.session.flush()
    audit.record(actor, "response.message", recommendation,
                 audit.text("Gửi trao đổi%(unit)s: %(excerpt)s", unit=_for_unit(unit), excerpt=_excerpt(body)),
                 after={"unit": unit.name if unit else None,
                        "files": [item.original_name for item in stored]})
    if tell:
        notices.notify_message(actor, recommendation, message, unit, files=len(stored))
    return message


def add_evidence_version(actor, evidence_key: str, recommendation: Recommendation, upload, *,
                         folder: str, max_bytes: int, note: str | None = None) -> Evidence:
    """A new version of an existing piece of evidence (same key, version = latest + 1); older versions stay.
    A note, when given, is posted as a message carrying the new version."""
    latest = latest_version(recommendation, evidence_key)
    if latest is None:
        raise RuleViolation(_("Không tìm thấy minh chứng này trong kiến nghị."), field="file")
    unit = _evidence_unit(actor, recommendation, latest)
    note = (note or "").strip()
    stored = _store_all(actor, [upload], folder, max_bytes, field="file")
    if not stored:
        raise RuleViolation(_("hãy chọn tệp phiên bản mới."), field="file")
    message = None
    if note:
        message = Message(recommendation_id=recommendation.id, author_id=actor.id, unit_id=_id(unit), body=note)
        db.session.add(message)
    evidence = _evidence(actor, recommendation, stored[0], unit, message, key=evidence_key,
                         version=latest.version + 1, title=latest.title)
    db.session.add(evidence)
    db.session.flush()
    audit.record(actor, "evidence.version", recommendation,
                 audit.text("Tải lên phiên bản %(version)s của minh chứng “%(title)s”: %(file)s",
                            version=evidence.version, title=evidence.title, file=stored[0].original_name),
                 before={"version": latest.version, "file": latest.file.original_name},
                 after={"version": evidence.version, "file": stored[0].original_name, "sha256": stored[0].sha256})
    notices.notify_evidence(actor, evidence, unit)
    return evidence


def latest_version(recommendation: Recommendation, evidence_key: str) -> Evidence | None:
    newest = (select(Evidence).where(Evidence.recommendation_id == recommendation.id,
                                     Evidence.evidence_key == evidence_key)
              .order_by(Evidence.version.desc()).limit(1))
    return db.session.scalars(newest).first()


def new_evidence_key() -> str:
    return uuid.uuid4().hex


def _evidence_unit(actor, recommendation: Recommendation, latest: Evidence) -> Unit | None:
    """A unit's evidence gets new versions from that unit's officers; the team's own attachments from the team."""
    owner = db.session.get(Unit, latest.unit_id) if latest.unit_id is not None else None
    try:
        unit = speaking_unit(actor, recommendation, owner)
        allowed = _id(unit) == latest.unit_id
    except RuleViolation:
        unit, allowed = None, False
    if not allowed:
        raise RuleViolation(_("Chỉ bên đã nộp minh chứng này mới được tải lên phiên bản mới."), field="file")
    return unit


def _evidence(actor, recommendation, stored: StoredFile, unit, message, *, key, version, title) -> Evidence:
    return Evidence(recommendation_id=recommendation.id, message=message, unit_id=_id(unit), evidence_key=key,
                    version=version, title=title[:255], file=stored, uploaded_by_id=actor.id)


def _store_all(actor, uploads, folder, max_bytes, field: str) -> list[StoredFile]:
    """Store every chosen file, or none: when one is refused, the ones already written are removed
    from disk and from the session, so a refused upload leaves nothing behind."""
    chosen = [upload for upload in uploads or () if upload and getattr(upload, "filename", "")]
    stored: list[StoredFile] = []
    try:
        for upload in chosen:
            kept = store_upload(actor, upload, folder=folder, max_bytes=max_bytes, field=field)
            stored.append(kept)  # one by one: the ones written before a refusal must be known
    except RuleViolation:
        _discard(folder, stored)
        raise
    return stored


def _discard(folder: str, stored: list[StoredFile]) -> None:
    for item in stored:
        path = stored_path(folder, item)
        if os.path.exists(path):
            os.remove(path)
        db.session.delete(item)
    db.session.flush()


def report_progress(actor, responsibility: Responsibility, status: UnitStatus, note: str | None = None
                    ) -> Responsibility:
    """The unit's own status, through UNIT_STATUS_TRANSITIONS. Reporting "done" stamps reported_done_at and
    never touches the inspector's verified status. A note is posted to the conversation as well."""
    recommendation = responsibility.recommendation
    require_open(recommendation)
    require_share(actor, responsibility)
    note = (note or "").strip()
    if status == responsibility.status and not note:
        raise RuleViolation(_("trạng thái mới trùng trạng thái hiện tại."), field="status")
    done = status != responsibility.status and status == UnitStatus.REPORTED_DONE
    if status != responsibility.status:
        _move_status(actor, responsibility, status)
    if note:
        post_message(actor, recommendation, note, unit=responsibility.unit, tell=not done)
    if done:
        notices.notify_done(actor, responsibility, note)
    db.session.flush()
    return responsibility


def return_report(actor, responsibility: Responsibility, note: str | None) -> Responsibility:
    """The team finds a unit's report of "done" wanting: the share goes back to "in progress" (the unit works
    on and reports again), the reason is posted to the conversation, and the unit's officers are told."""
    recommendation = responsibility.recommendation
    require_open(recommendation)
    if not can_manage(actor, recommendation):
        raise RuleViolation(_("Chỉ thành viên đoàn kiểm tra mới được trả lại báo cáo hoàn thành."))
    if responsibility.status != UnitStatus.REPORTED_DONE:
        raise RuleViolation(_("%(unit)s chưa báo cáo hoàn thành nên không có gì để trả lại.",
                              unit=responsibility.unit.name))
    note = required_text(note, "note", _("hãy nêu điều đơn vị cần bổ sung, làm tiếp."))
    UNIT_STATUS_TRANSITIONS.check(responsibility.status, UnitStatus.IN_PROGRESS, field=None)
    responsibility.status, responsibility.reported_done_at = UnitStatus.IN_PROGRESS, None
    post_message(actor, recommendation, note, tell=False)
    audit.record(actor, "responsibility.return", recommendation,
                 audit.text("Trả lại báo cáo hoàn thành của %(unit)s: %(note)s", unit=responsibility.unit.name,
                            note=_excerpt(note)),
                 before={"status": UnitStatus.REPORTED_DONE},
                 after={"status": UnitStatus.IN_PROGRESS, "unit": responsibility.unit.name})
    notices.notify_returned(actor, responsibility, note)
    return responsibility


def _move_status(actor, responsibility: Responsibility, status: UnitStatus) -> None:
    UNIT_STATUS_TRANSITIONS.check(responsibility.status, status, field="status")
    before = {"status": responsibility.status}
    responsibility.status = status
    responsibility.reported_done_at = utcnow() if status == UnitStatus.REPORTED_DONE else None
    db.session.flush()
    audit.record(actor, "responsibility.progress", responsibility.recommendation,
                 audit.text("%(unit)s báo cáo tiến độ: %(old)s → %(new)s", unit=responsibility.unit.name,
                            old=before["status"].lazy_label, new=status.lazy_label),
                 before=before, after={"status": status, "unit": responsibility.unit.name})


def add_action(actor, responsibility: Responsibility, what: str, who: str | None = None, due=None,
               progress: int | None = 0, note: str | None = None) -> FollowUpAction:
    """A follow-up action (biện pháp khắc phục) the unit plans under its share of the recommendation."""
    require_open(responsibility.recommendation)
    require_share(actor, responsibility)
    values = _checked_action(responsibility.recommendation, what, who, due, progress, note)
    action = FollowUpAction(responsibility=responsibility, **values)
    db.session.add(action)
    db.session.flush()
    audit.record(actor, "action.add", responsibility.recommendation,
                 audit.text("%(unit)s thêm biện pháp khắc phục: %(what)s", unit=responsibility.unit.name,
                            what=_excerpt(values["what"])),
                 after=values | {"unit": responsibility.unit.name})
    return action


def update_action(actor, action: FollowUpAction, what: str, who: str | None = None, due=None,
                  progress: int | None = 0, note: str | None = None, *, version: int | None) -> FollowUpAction:
    """Save an edit made on a form opened at `version`; a stale form raises EditConflict."""
    responsibility = action.responsibility
    require_open(responsibility.recommendation)
    require_share(actor, responsibility)
    values = _checked_action(responsibility.recommendation, what, who, due, progress, note)
    before = audit.changes(action, ACTION_FIELDS)
    require_version(action, version, values, current=before, labels=ACTION_LABELS)
    if before == values:
        raise RuleViolation(_("Không có thay đổi nào để lưu."))
    for name, value in values.items():
        setattr(action, name, value)
    db.session.flush()
    audit.record(actor, "action.update", responsibility.recommendation,
                 audit.text("%(unit)s cập nhật biện pháp khắc phục: %(what)s (%(progress)s%%)",
                            unit=responsibility.unit.name, what=_excerpt(action.what), progress=action.progress),
                 before=before, after=values)
    return action


def _checked_action(recommendation: Recommendation, what, who, due, progress, note) -> dict:
    what = required_text(what, "what", _("hãy nêu biện pháp khắc phục."))
    progress = 0 if progress is None else progress
    if not 0 <= progress <= 100:
        raise RuleViolation(_("phải từ 0 đến 100."), field="progress")
    require_not_before_issue(due, recommendation, "due")
    if due is not None and recommendation.current_due is not None and due > recommendation.current_due:
        raise RuleViolation(_("không được sau hạn thực hiện kiến nghị %(day)s; nếu cần thêm thời gian, "
                              "hãy đề nghị gia hạn.", day=vn_day(recommendation.current_due)), field="due")
    return {"what": what, "who": (who or "").strip() or None, "due": due, "progress": progress,
            "note": (note or "").strip() or None}


def _id(unit: Unit | None) -> int | None:
    return unit.id if unit is not None else None


def _for_unit(unit: Unit | None) -> str:
    return f" ({unit.name})" if unit is not None else ""


def _excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT else text[:EXCERPT - 1] + "…"
