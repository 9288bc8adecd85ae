"""The lock against password guessing. Every attempt is counted before its password is checked, under two
keys: the account from this client address (a low limit), and the account from anywhere (a higher one, so
guesses spread over many addresses are capped too, while one stranger alone cannot lock a real user out).
Counting is one conditional UPDATE per key: of a parallel burst, no more than the limit get through."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import case, delete, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from inspection.auth.models import LoginThrottle
from inspection.extensions import db
from inspection.timeutil import utcnow

THROTTLE = LoginThrottle.__table__


@dataclass(frozen=True)
class LoginLimits:
    max_failures: int  # per account and client address
    max_account_failures: int  # per account, all addresses together
    window: timedelta
    lock: timedelta

    @classmethod
    def from_config(cls, config) -> "LoginLimits":
        return cls(max_failures=config["LOGIN_MAX_FAILURES"], max_account_failures=config["LOGIN_MAX_ACCOUNT_FAILURES"],
                   window=config["LOGIN_FAILURE_WINDOW"], lock=config["LOGIN_LOCK_DURATION"])


@dataclass(frozen=True)
class Locked:
    limit: int
    until: datetime


def _keys(username: str, address: str, limits: LoginLimits) -> tuple[tuple[str, int], ...]:
    # The address key first: a locked address must not go on counting against the whole account.
    return ((f"address:{username}|{address}", limits.max_failures),
            (f"account:{username}", limits.max_account_failures))


def reserve(username: str, address: str, limits: LoginLimits) -> Locked | None:
    """Count one attempt; Locked (and nothing checked) if a limit is reached. The caller commits at once,
    before checking the password, so that parallel attempts see the count."""
    now = utcnow()
    for key, limit in _keys(username, address, limits):
        if not _take(key, limit, limits, now):
            last = db.session.scalar(select(THROTTLE.c.last_attempt_at).where(THROTTLE.c.key == key))
            return Locked(limit, (last or now) + limits.lock)
    return None


def _take(key: str, limit: int, limits: LoginLimits, now: datetime) -> bool:
    _insert_if_missing(key, now)
    restart = or_(THROTTLE.c.window_started_at < now - limits.window, THROTTLE.c.attempts >= limit)
    counted = db.session.execute(
        update(THROTTLE)
        .where(THROTTLE.c.key == key, or_(THROTTLE.c.attempts < limit, THROTTLE.c.last_attempt_at < now - limits.lock))
        .values(attempts=case((restart, 1), else_=THROTTLE.c.attempts + 1),
                window_started_at=case((restart, now), else_=THROTTLE.c.window_started_at),
                last_attempt_at=now))
    return counted.rowcount == 1


def _insert_if_missing(key: str, now: datetime) -> None:
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    db.session.execute(dialect.insert(THROTTLE).values(key=key, attempts=0, window_started_at=now,
                                                       last_attempt_at=now).on_conflict_do_nothing())


def clear(username: str, address: str, limits: LoginLimits) -> None:
    """The right password was given: its counts start again, and long-unused counts are dropped."""
    keys = [key for key, _limit in _keys(username, address, limits)]
    stale = utcnow() - max(limits.window, limits.lock) - timedelta(days=1)
    db.session.execute(delete(THROTTLE).where(or_(THROTTLE.c.key.in_(keys), THROTTLE.c.last_attempt_at < stale)))
