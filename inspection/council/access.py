"""Who may see and decide in review sessions: the council and admins decide, inspectors read,
unit officers have no access (they learn the decisions through notifications and the history)."""

from flask import abort
from flask_login import current_user

from inspection.auth.models import Role, User
from inspection.council.models import ReviewItem, ReviewSession
from inspection.extensions import db

DECIDERS = (Role.COUNCIL, Role.ADMIN)
READERS = (*DECIDERS, Role.INSPECTOR)


def can_decide(user: User) -> bool:
    return user.role in DECIDERS


def can_read(user: User) -> bool:
    return user.role in READERS


SESSION_NEEDS = {"view": can_read, "decide": can_decide}


def get_session(session_id: int, need: str = "view", options=()) -> ReviewSession:
    """The session, or 404; 403 unless the current user may `need` ("view", "decide") it."""
    session = db.session.get(ReviewSession, session_id, options=list(options))
    if session is None:
        abort(404)
    if not SESSION_NEEDS[need](current_user):
        abort(403)
    return session


def get_item(session: ReviewSession, item_id: int) -> ReviewItem:
    """An item of this session's agenda, or 404 (an item of another session is not reachable here)."""
    item = db.session.get(ReviewItem, item_id)
    if item is None or item.session_id != session.id:
        abort(404)
    return item
