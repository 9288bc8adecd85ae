"""What the calendar page reads: the admin's days of a year and the history of their changes."""

from datetime import date

from sqlalchemy import func, select

from inspection.audit import AuditEntry
from inspection.calendar.models import CalendarDay
from inspection.extensions import db

#: the history of a busy year is a few dozen lines; more than this is shown in the audit log
HISTORY_LIMIT = 200


def days_of_year(year: int) -> list[CalendarDay]:
    query = (select(CalendarDay).where(CalendarDay.day.between(date(year, 1, 1), date(year, 12, 31)))
             .order_by(CalendarDay.day))
    return list(db.session.scalars(query))


def history_of_year(year: int) -> list[AuditEntry]:
    """Additions and removals of the year's days, newest first. A removed row is gone, so the entries
    are found by the day they carry, not by the row they point to."""
    day = func.coalesce(AuditEntry.after["day"].as_string(), AuditEntry.before["day"].as_string())
    query = (select(AuditEntry)
             .where(AuditEntry.target_type == CalendarDay.__tablename__, day.like(f"{year:04d}-%"))
             .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
             .limit(HISTORY_LIMIT))
    return list(db.session.scalars(query))
