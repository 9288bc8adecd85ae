"""Writing notifications. Every notification lands in the portal; an e-mail copy goes out when SMTP is
configured (see inspection/notifications/mail.py). Services call `notify` and never send mail themselves
inside a request's transaction: mail goes out after the commit (`send_pending_mail`)."""

from collections.abc import Iterable

from inspection.auth.models import User
from inspection.extensions import db
from inspection.notifications.models import Notification, NotificationKind


def notify(users: Iterable[User], kind: NotificationKind, subject: str, body: str,
           link: str | None = None) -> list[Notification]:
    """One notification per distinct active user; returns them (flushed, so they have ids)."""
    notifications = [Notification(user_id=user.id, kind=kind, subject=subject[:255], body=body, link=link)
                     for user in _distinct_active(users)]
    db.session.add_all(notifications)
    db.session.flush()
    return notifications


def _distinct_active(users: Iterable[User]) -> list[User]:
    seen: dict[int, User] = {}
    for user in users:
        if user.is_active_account and user.id not in seen:
            seen[user.id] = user
    return list(seen.values())
