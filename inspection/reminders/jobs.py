"""Reminders on the scheduler (`flask jobs scheduler`), no cron line needed: `send` daily at REMINDERS_SEND_AT
(Vietnam time), the e-mail copies every REMINDERS_MAIL_EVERY_MINUTES. The same work as `flask reminders send`
and `flask reminders mail`, which stay for a manual run; mail leaves only after the notices are committed."""

import logging
from datetime import date

from sqlalchemy.exc import IntegrityError

from inspection import jobs
from inspection.extensions import db
from inspection.notifications.mail import MailReport, send_pending_mail
from inspection.reminders.services import write_reminders
from inspection.timeutil import today_vn

log = logging.getLogger(__name__)


@jobs.periodic("reminders_send", jobs.daily_at("REMINDERS_SEND_AT"))
def send_daily_reminders(day: date | None = None) -> MailReport:
    """Today's reminders (committed), then the e-mail copies not sent yet (committed by the caller)."""
    day = day or today_vn()
    try:
        run = write_reminders(day)
        db.session.commit()
    except IntegrityError:  # a manual `flask reminders send` wrote that day's reminders first
        db.session.rollback()
        log.warning("reminders for %s were already written by another run", day)
    else:
        log.info("reminders for %s: %s notices", day, len(run.reminders))
    return send_pending_mail()


@jobs.periodic("reminders_mail", jobs.every_minutes("REMINDERS_MAIL_EVERY_MINUTES"))
def mail_pending() -> MailReport:
    return send_pending_mail()
