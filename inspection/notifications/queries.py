"""Reading one's own notifications: nobody sees another person's."""

from flask import g
from flask_login import current_user
from sqlalchemy import func, select

from inspection.access import Need, load, register
from inspection.auth.models import User
from inspection.extensions import db
from inspection.notifications.models import Notification


def own_notifications(user: User, unread_only: bool = False):
    """The user's notifications, newest first (a query to paginate)."""
    query = select(Notification).where(Notification.user_id == user.id)
    if unread_only:
        query = query.where(Notification.read_at.is_(None))
    return query.order_by(Notification.created_at.desc(), Notification.id.desc())


def unread_count(user: User) -> int:
    query = select(func.count()).select_from(Notification).where(Notification.user_id == user.id,
                                                                 Notification.read_at.is_(None))
    return db.session.scalar(query) or 0


def current_unread_count() -> int:
    """For the navigation bar: one COUNT a request, and none for a visitor who is not logged in."""
    if not current_user.is_authenticated:
        return 0
    if "unread_notifications" not in g:
        g.unread_notifications = unread_count(current_user)
    return g.unread_notifications


register(Notification, {Need.VIEW: lambda user, notification: notification.user_id == user.id})


def get_notification(notification_id: int) -> Notification:
    """The current user's notification, or 404 (also for another person's: its existence is not told)."""
    return load(Notification, notification_id, Need.VIEW, conceal=True)
