"""Self-reports (báo cáo tự kiểm tra) and working sessions (buổi làm việc) of a mission, with their files.
Every change is audited; the caller commits once."""

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from inspection import access, audit
from inspection.access import Need
from inspection.documents.refs import DocRef
from inspection.extensions import db
from inspection.files.models import StoredFile
from inspection.files.services import store_upload
from inspection.missions.access import self_report_units
from inspection.missions.models import Mission, SelfReport, WorkingSession
from inspection.missions.services import require_not_closed, require_order
from inspection.rules import RuleViolation, require_version
from inspection.units import validity
from inspection.units.models import Unit


@dataclass
class FileLimits:
    """Where uploads go and how large they may be (config values, passed in by the caller)."""

    folder: str
    max_bytes: int


@dataclass
class SessionDetails:
    held_on: date
    unit: Unit | None
    place: str | None = None
    team_participants: str | None = None
    unit_participants: str | None = None
    content: str | None = None
    minutes_ref: DocRef | None = None
    minutes_date: date | None = None


SESSION_FIELDS = ("held_on", "place", "team_participants", "unit_participants", "content", "minutes_ref",
                  "minutes_date")


# --- self-reports ------------------------------------------------------------------------------

def add_self_report(actor, mission: Mission, *, unit: Unit, ref: DocRef, report_date: date,
                    subject: str | None = None, upload=None, limits: FileLimits | None = None) -> SelfReport:
    """Record a unit's self-report. A team member files it for any inspected unit; a unit officer
    only for their own unit."""
    access.check(actor, mission, Need.SELF_REPORT)
    require_not_closed(mission)
    allowed = mission.units if actor is access.SYSTEM else self_report_units(actor, mission)
    if unit not in allowed:
        raise RuleViolation(_("Đơn vị này không thuộc các đơn vị được kiểm tra mà bạn được báo cáo."),
                            field="unit_id")
    validity.require_existed(unit, report_date, field="unit_id", when=validity.when_day(report_date))
    _require_new_number(mission, unit, ref)
    stored = _store(actor, upload, limits, "file") if upload else None
    report = SelfReport(mission=mission, unit=unit, ref=ref, report_date=report_date,
                        subject=(subject or "").strip() or None, file=stored)
    db.session.add(report)
    db.session.flush()
    audit.record(actor, "self_report.create", report,
                 audit.text("Nhận báo cáo tự kiểm tra %(ref)s của %(unit)s", ref=ref, unit=unit.name),
                 after={"unit": unit.code, "ref": ref, "report_date": report_date, "subject": report.subject,
                        "file": stored.original_name if stored else None})
    return report


def _require_new_number(mission: Mission, unit: Unit, ref: DocRef) -> None:
    """A unit's report is entered once per mission (a second entry would count its figures twice); the same text
    from another unit is another document ("UBND" is every province's people's committee)."""
    same = db.session.scalar(select(SelfReport).where(SelfReport.mission_id == mission.id,
                                                      SelfReport.unit_id == unit.id, SelfReport.ref == ref))
    if same is not None:
        raise RuleViolation(_("Báo cáo số %(ref)s của %(unit)s đã được ghi cho đoàn này (ngày %(day)s).", ref=ref,
                              unit=unit.name, day=same.report_date.strftime("%d/%m/%Y")), field="ref")


# --- working sessions --------------------------------------------------------------------------

def add_session(actor, mission: Mission, details: SessionDetails, uploads=(),
                limits: FileLimits | None = None) -> WorkingSession:
    access.check(actor, mission, Need.EDIT)
    require_not_closed(mission)
    _check_session(mission, details)
    session = WorkingSession(mission=mission, created_by_id=getattr(actor, "id", None))
    _apply_session(session, details)
    db.session.add(session)
    db.session.flush()
    audit.record(actor, "session.create", session,
                 audit.text("Ghi buổi làm việc ngày %(day)s", day=details.held_on.strftime("%d/%m/%Y")),
                 after=_session_snapshot(session))
    attach_files(actor, session, uploads, limits)
    return session


def update_session(actor, session: WorkingSession, details: SessionDetails, uploads=(),
                   limits: FileLimits | None = None, *, version: int | None) -> WorkingSession:
    """Save an edit made on a form opened at `version`; a stale form raises EditConflict."""
    access.check(actor, session, Need.EDIT)
    require_not_closed(session.mission)
    before = _session_snapshot(session)
    require_version(session, version, _session_snapshot(details), current=before)
    _check_session(session.mission, details)
    _apply_session(session, details)
    db.session.flush()
    audit.record(actor, "session.update", session,
                 audit.text("Sửa buổi làm việc ngày %(day)s", day=details.held_on.strftime("%d/%m/%Y")),
                 before=before, after=_session_snapshot(session))
    attach_files(actor, session, uploads, limits)
    return session


def attach_files(actor, session: WorkingSession, uploads, limits: FileLimits | None) -> list[StoredFile]:
    """Keep each upload (type checked from its content) and list it under the session."""
    access.check(actor, session, Need.EDIT)
    uploads = [upload for upload in uploads if upload]
    if not uploads:
        return []
    require_not_closed(session.mission)
    stored = [_store(actor, upload, limits, "files") for upload in uploads]
    session.files.extend(stored)
    db.session.flush()
    audit.record(actor, "session.attach", session,
                 audit.text("Đính kèm %(n)s tệp vào buổi làm việc", n=len(stored)),
                 after={"files": [item.original_name for item in stored]})
    return stored


def _check_session(mission: Mission, details: SessionDetails) -> None:
    if details.unit is not None and details.unit not in mission.units:
        raise RuleViolation(_("Đơn vị làm việc phải là một trong các đơn vị được kiểm tra."), field="unit_id")
    if details.unit is not None:
        validity.require_existed(details.unit, details.held_on, field="unit_id",
                                 when=validity.when_day(details.held_on))
    require_order(details.held_on, details.minutes_date, "minutes_date",
                  _("Ngày biên bản không thể trước ngày làm việc."))


def _apply_session(session: WorkingSession, details: SessionDetails) -> None:
    for name in SESSION_FIELDS:
        value = getattr(details, name)
        setattr(session, name, value.strip() or None if isinstance(value, str) else value)
    session.unit = details.unit


def _session_snapshot(session: WorkingSession | SessionDetails) -> dict:
    return audit.changes(session, SESSION_FIELDS) | {"unit": session.unit.code if session.unit else None}


def _store(actor, upload, limits: FileLimits | None, field: str) -> StoredFile:
    if limits is None:
        raise RuntimeError("File limits are required to store an upload.")
    return store_upload(actor, upload, folder=limits.folder, max_bytes=limits.max_bytes, field=field)
