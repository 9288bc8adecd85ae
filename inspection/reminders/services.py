"""The daily reminders written as notifications: composed from the day's plan (plan.py, compose.py) and
inserted in bulk with their ledger rows (one dispatch per person and day) in the caller's transaction."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import insert, select

from inspection.auth.models import User
from inspection.extensions import db
from inspection.notifications.links import checked_link
from inspection.notifications.models import Notification, NotificationKind
from inspection.reminders.compose import Message, Recipient, compose
from inspection.reminders.models import ReminderDispatch
from inspection.reminders.plan import Digest, Plan, plan_reminders, unit_names
from inspection.timeutil import utcnow


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
