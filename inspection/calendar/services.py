"""The days an admin adds to the working-day calendar, and the calendar other features count deadlines on."""

from collections.abc import Iterable
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from inspection import access, audit
from inspection.calendar import workdays
from inspection.calendar.models import CalendarDay, DayKind
from inspection.calendar.workdays import Calendar
from inspection.extensions import db
from inspection.permissions import is_admin
from inspection.rules import RuleViolation

NOTE_MAX = 255
WEEKDAY_NAMES = (_l("thứ Hai"), _l("thứ Ba"), _l("thứ Tư"), _l("thứ Năm"), _l("thứ Sáu"), _l("thứ Bảy"),
                 _l("Chủ nhật"))
#: how the audit summary names each kind (lower case, inside a sentence)
KIND_WORDS = {DayKind.DAY_OFF: _l("ngày nghỉ"), DayKind.WORKING_DAY: _l("ngày làm việc bù")}


def add_day(actor, day: date, kind: DayKind, note: str) -> CalendarDay:
    """Add a day off on a working day, or a make-up working day on a weekend or holiday."""
    access.require(actor, is_admin)
    _require_free(day)
    _require_fitting_kind(day, kind)
    entry = CalendarDay(day=day, kind=kind, note=(note or "").strip()[:NOTE_MAX],
                        created_by_id=getattr(actor, "id", None))
    db.session.add(entry)
    db.session.flush()
    audit.record(actor, "calendar_day.add", entry,
                 audit.text("Thêm %(kind)s %(day)s (%(weekday)s)", kind=KIND_WORDS[kind], **_day_words(day)),
                 after=_snapshot(entry))
    db.session.flush()
    return entry


def remove_day(actor, entry: CalendarDay) -> None:
    access.require(actor, is_admin)
    audit.record(actor, "calendar_day.remove", entry,
                 audit.text("Xóa %(kind)s %(day)s (%(weekday)s)", kind=KIND_WORDS[entry.kind], **_day_words(entry.day)),
                 before=_snapshot(entry))
    db.session.delete(entry)
    db.session.flush()


def _require_free(day: date) -> None:
    existing = db.session.scalar(select(CalendarDay).where(CalendarDay.day == day))
    if existing is not None:
        raise RuleViolation(_("Ngày %(day)s đã có trong lịch (%(kind)s); xóa dòng đó trước nếu muốn đổi.",
                              day=day.strftime("%d/%m/%Y"), kind=existing.kind.label), field="day")


def _require_fitting_kind(day: date, kind: DayKind) -> None:
    off_by_law = workdays.is_statutory_day_off(day)
    if kind == DayKind.WORKING_DAY and not off_by_law:
        raise RuleViolation(_("Ngày %(day)s (%(weekday)s) vốn là ngày làm việc. Ngày làm việc bù phải là "
                              "thứ Bảy, Chủ nhật hoặc ngày lễ.", **_day_words(day)), field="day")
    if kind == DayKind.DAY_OFF and off_by_law:
        raise RuleViolation(_already_off(day), field="day")


def _already_off(day: date) -> str:
    holiday = workdays.holiday_name(day)
    if holiday:
        return _("Ngày %(day)s (%(weekday)s) vốn đã là ngày nghỉ lễ: %(holiday)s. Ngày nghỉ thêm phải là một ngày "
                 "làm việc.", holiday=holiday, **_day_words(day))
    return _("Ngày %(day)s (%(weekday)s) vốn đã là ngày nghỉ cuối tuần. Ngày nghỉ thêm phải là một ngày làm việc.",
             **_day_words(day))


def _day_words(day: date) -> dict:
    """Lazy weekday: audit.text renders it in Vietnamese, a page message in the reader's language."""
    return {"day": day.strftime("%d/%m/%Y"), "weekday": WEEKDAY_NAMES[day.weekday()]}


def _snapshot(entry: CalendarDay) -> dict:
    return {"day": entry.day, "kind": entry.kind.value, "note": entry.note}


def calendar_for(years: Iterable[int]) -> Calendar:
    """The calendar with the admin's days of these years (one query); other years count by law alone."""
    years = sorted(set(years))
    if not years:
        return workdays.STATUTORY
    return _calendar_where(CalendarDay.day.between(date(years[0], 1, 1), date(years[-1], 12, 31)))


def due_date_after(start: date, n: int) -> date:
    """"n ngày làm việc kể từ ngày start" on the calendar the admin keeps (one query)."""
    return _calendar_where(CalendarDay.day > start).add_working_days(start, n)


def _calendar_where(condition) -> Calendar:
    rows = db.session.execute(select(CalendarDay.day, CalendarDay.kind).where(condition)).all()
    return Calendar.of(days_off=(day for day, kind in rows if kind == DayKind.DAY_OFF),
                       working_days=(day for day, kind in rows if kind == DayKind.WORKING_DAY))
