"""Writing notifications. Every notification lands in the portal; an e-mail copy goes out when SMTP is
configured (see inspection/notifications/mail.py). Services call `notify` and never send mail themselves
inside a request's transaction: mail goes out after the commit (`send_pending_mail`)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import insert, select, update

from inspection.auth.models import User
from inspection.extensions import db
from inspection.notifications.compose import Message, Recipient, compose
from inspection.notifications.links import checked_link
from inspection.notifications.models import Notification, NotificationKind, ReminderDispatch
from inspection.notifications.reminders import Digest, Plan, plan_reminders, unit_names
from inspection.timeutil import utcnow


def notify(users: Iterable[User], kind: NotificationKind, subject: str, body: str,
           link: str | None = None) -> list[Notification]:
    """One notification per distinct active user; returns them (flushed, so they have ids). `link` must be a
    path on this site (ValueError otherwise)."""
    link = checked_link(link)
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


# --- the daily reminders -----------------------------------------------------------------------------------


@dataclass
class Reminder:
    digest: Digest
    recipient: Recipient
    message: Message


@dataclass
class ReminderRun:
    day: date
    reminders: list[Reminder]
    already_reminded: int

    @property
    def item_lines(self) -> int:
        return sum(len(reminder.digest.entries) for reminder in self.reminders)


def prepare_reminders(day: date) -> ReminderRun:
    """The day's reminders, composed but not written (what --dry-run shows)."""
    plan = plan_reminders(day)
    return ReminderRun(day, _compose_all(plan), plan.already_reminded)


def write_reminders(day: date) -> ReminderRun:
    """One REMINDER notification and one ReminderDispatch per person for `day`, inserted in bulk and
    flushed in the caller's transaction: the dispatch exists exactly when the notification does."""
    run = prepare_reminders(day)
    if run.reminders:
        ids = _insert_notifications(run.reminders)
        _insert_dispatches(run, ids)
    return run


def _compose_all(plan: Plan) -> list[Reminder]:
    people = _recipients()
    names = unit_names(plan.unit_ids, plan.day)
    return [Reminder(digest, people[digest.user_id],
                     compose(digest, people[digest.user_id], names, plan.day, plan.thresholds))
            for digest in plan.digests]


def _recipients() -> dict[int, Recipient]:
    query = select(User.id, User.full_name, User.locale).where(User.is_active_account.is_(True))
    return {user_id: Recipient(user_id, name, locale) for user_id, name, locale in db.session.execute(query)}


def _insert_notifications(reminders: list[Reminder]) -> dict[int, int]:
    """user id → id of their new notification. RETURNING carries the user id, so the rows may come back
    in any order and SQLAlchemy can insert them in a few multi-row statements."""
    now = utcnow()
    rows = [{"user_id": reminder.recipient.id, "kind": NotificationKind.REMINDER,
             "subject": reminder.message.subject[:255], "body": reminder.message.body,
             "link": checked_link(reminder.message.link), "created_at": now} for reminder in reminders]
    returning = insert(Notification).returning(Notification.user_id, Notification.id)
    return {user_id: notification_id for user_id, notification_id in db.session.execute(returning, rows)}


def _insert_dispatches(run: ReminderRun, notification_ids: dict[int, int]) -> None:
    now = utcnow()
    rows = [{"user_id": reminder.recipient.id, "day": run.day, "item_count": len(reminder.digest.entries),
             "notification_id": notification_ids[reminder.recipient.id], "created_at": now}
            for reminder in run.reminders]
    db.session.execute(insert(ReminderDispatch), rows)


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
