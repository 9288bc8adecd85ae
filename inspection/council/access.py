"""Who may see and decide in review sessions: the council and admins decide, inspectors read,
unit officers have no access (they learn the decisions through notifications and the history)."""

from flask import abort

from inspection.access import Need, load, may, register
from inspection.auth.models import Role, User
from inspection.council.models import ReviewItem, ReviewSession

DECIDERS = (Role.COUNCIL, Role.ADMIN)
READERS = (*DECIDERS, Role.INSPECTOR)


def can_decide(user: User) -> bool:
    return user.role in DECIDERS


def can_read(user: User) -> bool:
    return user.role in READERS


register(ReviewSession, {Need.VIEW: lambda user, session: can_read(user),
                         Need.DECIDE: lambda user, session: can_decide(user)})


def get_session(session_id: int, need: Need = Need.VIEW, options=(), actor=None) -> ReviewSession:
    """The session, or 404; 403 unless the current user (or `actor`) may `need` (VIEW, DECIDE) it."""
    return load(ReviewSession, session_id, need, actor=actor, options=options)


def get_item(session: ReviewSession, item_id: int) -> ReviewItem:
    """An item of this session's agenda, or 404 (an item of another session is not reachable here);
    the session was loaded, and checked, by get_session."""
    item = load(ReviewItem, item_id, Need.VIEW)
    if item.session_id != session.id:
        abort(404)
    return item


register(ReviewItem, {Need.VIEW: lambda user, item: may(user, item.session, Need.VIEW)})
