"""Writing notifications. Every notification lands in the portal; an e-mail copy goes out when SMTP is
configured (see inspection/notifications/mail.py). Services call `notify` and never send mail themselves
inside a request's transaction: mail goes out after the commit (`send_pending_mail`)."""

from collections.abc import Iterable

from sqlalchemy import update

from inspection.auth.models import User
from inspection.extensions import db
from inspection.notifications.links import checked_link
from inspection.notifications.models import Notification, NotificationKind
from inspection.timeutil import utcnow


def notify(users: Iterable[User], kind: NotificationKind, subject: str, body: str,
           link: str | None = None, about: tuple[str, int] | None = None) -> list[Notification]:
    """One notification per distinct active user; returns them (flushed, so they have ids). `link` must be a
    path on this site (ValueError otherwise); `about` names the record, (type, id), whose page marks it read."""
    link = checked_link(link)
    about_type, about_id = about or (None, None)
    notifications = [Notification(user_id=user.id, kind=kind, subject=subject[:255], body=body, link=link,
                                  about_type=about_type, about_id=about_id)
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


# --- reading -----------------------------------------------------------------------------------------------


def mark_read(actor: User, notification: Notification) -> bool:
    """True when it was unread. The caller has checked that it is the actor's own."""
    if notification.read_at is not None:
        return False
    notification.read_at = utcnow()
    db.session.flush()
    return True


def mark_all_read(actor: User) -> int:
    """Every unread notification of the actor, in one UPDATE; returns how many."""
    statement = (update(Notification).where(Notification.user_id == actor.id, Notification.read_at.is_(None))
                 .values(read_at=utcnow()).execution_options(synchronize_session=False))
    return db.session.execute(statement).rowcount


def mark_read_about(actor: User, about_type: str, about_id: int) -> int:
    """The actor opened the record's page: their unread notices about it are read (one UPDATE); how many."""
    statement = (update(Notification)
                 .where(Notification.user_id == actor.id, Notification.read_at.is_(None),
                        Notification.about_type == about_type, Notification.about_id == about_id)
                 .values(read_at=utcnow()).execution_options(synchronize_session=False))
    return db.session.execute(statement).rowcount
