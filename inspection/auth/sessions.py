"""Server-side session records: started at login, checked on every request, ended by logout, a password
change, deactivation, an admin or the user. The cookies carry only a random token naming the record."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select, update

from inspection.access import Need, load, register
from inspection.auth.models import SessionEnd, User, UserSession
from inspection.extensions import db, unless_busy
from inspection.timeutil import utcnow

#: last_seen_at is written at most this often: the idle limit is exact to within this much
TOUCH_INTERVAL = timedelta(minutes=1)
MAX_REMEMBER_DAYS = 30
#: ended and expired records are kept this long (the user's list, an admin's questions), then deleted
KEEP_ENDED = timedelta(days=30)


@dataclass(frozen=True)
class SessionLimits:
    idle: timedelta
    lifetime: timedelta
    remember_lifetime: timedelta

    @classmethod
    def from_config(cls, config) -> "SessionLimits":
        return cls(idle=timedelta(minutes=config["SESSION_IDLE_MINUTES"]),
                   lifetime=timedelta(hours=config["SESSION_LIFETIME_HOURS"]),
                   remember_lifetime=remember_lifetime(config))


def remember_lifetime(config) -> timedelta:
    """The configured days, but never more than MAX_REMEMBER_DAYS: a stolen laptop should not stay logged in."""
    return timedelta(days=min(config["SESSION_REMEMBER_DAYS"], MAX_REMEMBER_DAYS))


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(user: User, *, remember: bool, user_agent: str | None, address: str | None) -> UserSession:
    """A new record; the user's `session_token` is set for the cookies (only its hash is stored)."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    record = UserSession(token_hash=_hash(token), user=user, created_at=now, last_seen_at=now, remember=remember,
                         user_agent=(user_agent or "")[:300] or None, client_address=address)
    db.session.add(record)
    user.session_token = token
    return record


def live_condition(limits: SessionLimits, now: datetime):
    """Not ended, within its lifetime, and (unless remembered) used within the idle limit."""
    remembered = and_(UserSession.remember.is_(True), UserSession.created_at > now - limits.remember_lifetime)
    browser = and_(UserSession.remember.is_(False), UserSession.created_at > now - limits.lifetime,
                   UserSession.last_seen_at > now - limits.idle)
    return and_(UserSession.ended_at.is_(None), or_(remembered, browser))


def find_live(token: str, limits: SessionLimits) -> tuple[User, UserSession] | None:
    """The active user and record the token names, in one query; None if ended, expired or deactivated."""
    now = utcnow()
    row = db.session.execute(
        select(User, UserSession).join(UserSession.user)
        .where(UserSession.token_hash == _hash(token), User.is_active_account.is_(True),
               live_condition(limits, now))).first()
    if row is None:
        return None
    user, record = row
    user.session_token = token
    if now - record.last_seen_at > TOUCH_INTERVAL:
        _touch(record.id, now)
    return user, record


def _touch(record_id: int, now: datetime) -> None:
    """In its own short transaction, so the page's own transaction and loaded objects stay as they are; skipped
    while SQLite's write lock is held (a large import writing): a page must not wait for it, nor fail, and the
    next request writes the time."""
    def write(connection) -> None:
        connection.execute(update(UserSession).where(UserSession.id == record_id).values(last_seen_at=now))
        connection.commit()

    unless_busy(write)


def end_session(record_id: int, reason: SessionEnd) -> None:
    db.session.execute(update(UserSession).where(UserSession.id == record_id, UserSession.ended_at.is_(None))
                       .values(ended_at=utcnow(), ended_reason=reason))


def end_sessions(user: User, reason: SessionEnd, *, keep: int | None = None) -> int:
    """End every open record of the user (but `keep`); how many were ended."""
    query = update(UserSession).where(UserSession.user_id == user.id, UserSession.ended_at.is_(None))
    if keep is not None:
        query = query.where(UserSession.id != keep)
    return db.session.execute(query.values(ended_at=utcnow(), ended_reason=reason)).rowcount


def live_sessions(user: User, limits: SessionLimits) -> list[UserSession]:
    return list(db.session.scalars(
        select(UserSession).where(UserSession.user_id == user.id, live_condition(limits, utcnow()))
        .order_by(UserSession.last_seen_at.desc(), UserSession.id.desc())))


#: a session record is its user's own: another user's is not theirs to see or end (404, as if missing)
register(UserSession, {Need.EDIT: lambda user, record: record.user_id == user.id})


def get_own_session(record_id: int) -> UserSession:
    return load(UserSession, record_id, Need.EDIT, conceal=True)


def forget_old_sessions(limits: SessionLimits) -> None:
    """Records ended, or past any lifetime, for longer than KEEP_ENDED are of no more use."""
    now = utcnow()
    db.session.execute(UserSession.__table__.delete().where(or_(
        UserSession.ended_at < now - KEEP_ENDED,
        UserSession.created_at < now - max(limits.lifetime, limits.remember_lifetime) - KEEP_ENDED)))
