"""E-mail copies of notifications, sent after the notifications were committed, through one SMTP
connection per run. A failure is written on the notification (email_error) and the others still go;
the in-app notification is there either way. A notification not yet mailed is tried again on later runs
until it is MAX_PENDING_AGE old, so a short SMTP outage delays mail but loses none."""

import smtplib
import ssl
from dataclasses import dataclass, field
from datetime import timedelta
from email import policy as email_policy
from email.errors import MessageError
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import exists, or_, select
from sqlalchemy.orm import aliased, contains_eager

from inspection.auth.models import MailPreference, User
from inspection.extensions import db
from inspection.notifications.links import absolute, absolute_links, path_for
from inspection.notifications.models import Notification, NotificationKind
from inspection.timeutil import utcnow

#: headers are not folded at 78 characters (only at SMTP's 998): Python 3.11 folds a long Vietnamese subject
#: between two encoded words and drops the space there ("trao đổivề"); one encoded word keeps every space
UNFOLDED = email_policy.default.clone(max_line_length=998)
#: older unsent notifications are left alone: mail switched on today must not deliver last year's news
MAX_PENDING_AGE = timedelta(hours=48)


@dataclass
class MailReport:
    configured: bool = True
    sent: int = 0
    #: (notification id, recipient address, error) of each copy that did not go
    failures: list[tuple[int, str, str]] = field(default_factory=list)


def mail_configured() -> bool:
    return bool(current_app.config.get("MAIL_HOST"))


def send_pending_mail() -> MailReport:
    """Mail every committed notification that has no e-mail copy yet; records emailed_at or email_error
    (flushed: the caller commits)."""
    if not mail_configured():
        return MailReport(configured=False)
    report = MailReport()
    outgoing = [(notification, _message_or_error(notification)) for notification in pending_notifications()]
    if outgoing:
        _deliver(outgoing, report)
        db.session.flush()
    return report


def pending_notifications(preference: MailPreference = MailPreference.IMMEDIATELY) -> list[Notification]:
    """Not mailed yet, recent, to an active user with an address who wants them so (`preference`: one by
    one, or in the daily digest; "never" is never mailed); a daily reminder only while it is the person's
    latest (yesterday's list, left unsent by an outage, is not worth a mail next to today's)."""
    newer = aliased(Notification)
    superseded = exists().where(newer.user_id == Notification.user_id, newer.kind == NotificationKind.REMINDER,
                                newer.id > Notification.id)
    query = (select(Notification).join(Notification.user)
             .where(Notification.emailed_at.is_(None), Notification.created_at >= utcnow() - MAX_PENDING_AGE,
                    User.is_active_account.is_(True), User.email.is_not(None), User.email != "",
                    User.mail_preference == preference,
                    or_(Notification.kind != NotificationKind.REMINDER, ~superseded))
             .options(contains_eager(Notification.user))
             .order_by(Notification.id))
    return list(db.session.scalars(query))


def _deliver(outgoing: list[tuple[Notification, EmailMessage | str]], report: MailReport) -> None:
    try:
        connection = open_connection()
    except (OSError, smtplib.SMTPException) as error:
        for notification, _message in outgoing:
            _failed(notification, _("Không kết nối được máy chủ thư: %(error)s", error=_text(error)), report)
        return
    with connection:
        for notification, message in outgoing:
            _send_one(connection, notification, message, report)


def _send_one(connection: smtplib.SMTP, notification: Notification, message: EmailMessage | str,
              report: MailReport) -> None:
    if isinstance(message, str):  # the message could not even be built (a malformed address)
        _failed(notification, message, report)
        return
    try:
        connection.send_message(message)
    except (OSError, smtplib.SMTPException) as error:
        _failed(notification, _text(error), report)
        return
    notification.emailed_at, notification.email_error = utcnow(), None
    report.sent += 1


def _failed(notification: Notification, error: str, report: MailReport) -> None:
    notification.email_error = error[:500]
    report.failures.append((notification.id, notification.user.email, notification.email_error))


def open_connection() -> smtplib.SMTP:
    """One connection for the whole run: SSL from the start, or plain with optional STARTTLS; then login."""
    config = current_app.config
    host, port, timeout = config["MAIL_HOST"], int(config["MAIL_PORT"]), float(config["MAIL_TIMEOUT"])
    if config.get("MAIL_USE_SSL"):
        connection = smtplib.SMTP_SSL(host, port, timeout=timeout, context=ssl.create_default_context())
    else:
        connection = smtplib.SMTP(host, port, timeout=timeout)
        if config.get("MAIL_USE_STARTTLS"):
            connection.starttls(context=ssl.create_default_context())
    try:
        if config.get("MAIL_USERNAME"):
            connection.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
    except (OSError, smtplib.SMTPException):
        connection.close()
        raise
    return connection


def _message_or_error(notification: Notification, build=None) -> EmailMessage | str:
    try:
        return (build or build_message)(notification)
    except (ValueError, IndexError, MessageError) as error:
        return _("Địa chỉ thư không hợp lệ: %(error)s", error=_text(error))


def build_message(notification: Notification) -> EmailMessage:
    return addressed(notification.user, notification.subject, mail_body(notification, notification.user.locale),
                     f"notification.{notification.id}")


def addressed(user: User, subject: str, body: str, id_hint: str) -> EmailMessage:
    """Plain text, UTF-8; the Vietnamese subject and name are encoded by the e-mail package (RFC 2047)."""
    sender = current_app.config["MAIL_FROM"]
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = sender
    message["To"] = Address(display_name=user.full_name, addr_spec=user.email.strip())
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(id_hint, domain=sender.rpartition("@")[2] or None)
    message["Auto-Submitted"] = "auto-generated"  # no out-of-office replies to a robot
    message.set_content(body)  # encoded for 78-character lines, as every server takes it
    message.policy = UNFOLDED  # then the headers are written unfolded
    return message


def mail_body(notification: Notification, locale: str | None = None) -> str:
    opening = absolute(path_for("notifications.open", notification_id=notification.id))
    with force_locale(locale or "vi"):
        footer = [_("Xem trên Cổng Kiểm tra, giám sát TĐKT: %(url)s", url=opening), "",
                  _("Thư này được gửi tự động; xin đừng trả lời thư này.")]
    return "\n".join([absolute_links(notification.body), "", *footer]) + "\n"


def _text(error: BaseException) -> str:
    return (str(error) or type(error).__name__).replace("\n", " ")
