"""Clock helpers: stored times are naive UTC, and one function says what 'now' is so tests can pin it."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def today_vn() -> date:
    """Deadlines and validity dates are Vietnamese calendar days, not UTC days."""
    return datetime.now(VIETNAM).date()


def to_vietnam_time(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC).astimezone(VIETNAM)
