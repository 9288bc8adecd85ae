"""The daily digest: a person who chose it gets one e-mail a day listing their notices not mailed yet, instead
of one e-mail per notice; every notice of it is then marked mailed (or carries the error). Sent after the
notices were committed, through one SMTP connection, like the one-by-one copies (mail.py)."""

import smtplib
from collections import defaultdict
from datetime import date
from email.message import EmailMessage

from flask_babel import force_locale
from flask_babel import gettext as _

from inspection.auth.models import MailPreference, User
from inspection.extensions import db
from inspection.formatting import vn_date
from inspection.notifications.links import absolute, absolute_links, path_for
from inspection.notifications.mail import (
    MailReport,
    _text,
    addressed,
    mail_configured,
    open_connection,
    pending_notifications,
)
from inspection.notifications.models import Notification
from inspection.timeutil import today_vn, utcnow

Batch = list[Notification]


def send_daily_digests(day: date | None = None) -> MailReport:
    """One e-mail per digest reader with everything not mailed yet (flushed: the caller commits)."""
    if not mail_configured():
        return MailReport(configured=False)
    day, report = day or today_vn(), MailReport()
    outgoing = [(batch, _digest_or_error(batch, day)) for batch in _by_person()]
    if outgoing:
        _deliver(outgoing, report)
        db.session.flush()
    return report


def _by_person() -> list[Batch]:
    batches: dict[int, Batch] = defaultdict(list)
    for notification in pending_notifications(MailPreference.DIGEST):
        batches[notification.user_id].append(notification)
    return list(batches.values())


def _digest_or_error(batch: Batch, day: date) -> EmailMessage | str:
    user = batch[0].user
    try:
        return addressed(user, digest_subject(batch, day, user), digest_body(batch, user),
                         f"digest.{user.id}.{day.isoformat()}")
    except (ValueError, IndexError) as error:
        return _("Địa chỉ thư không hợp lệ: %(error)s", error=_text(error))


def digest_subject(batch: Batch, day: date, user: User) -> str:
    with force_locale(user.locale or "vi"):
        return _("Tóm tắt %(count)d thông báo ngày %(day)s", count=len(batch), day=vn_date(day))


def digest_body(batch: Batch, user: User) -> str:
    with force_locale(user.locale or "vi"):
        parts = [_("Các thông báo mới của bạn trên Cổng Kiểm tra, giám sát TĐKT:"), ""]
        for number, notification in enumerate(batch, start=1):
            opening = absolute(path_for("notifications.open", notification_id=notification.id))
            parts += [f"{number}. {notification.subject}", absolute_links(notification.body),
                      _("Xem: %(url)s", url=opening), ""]
        parts += [_("Đổi cách nhận thư thông báo: %(url)s", url=absolute(path_for("auth.mail_preference"))),
                  _("Thư này được gửi tự động; xin đừng trả lời thư này.")]
    return "\n".join(parts) + "\n"


def _deliver(outgoing: list[tuple[Batch, EmailMessage | str]], report: MailReport) -> None:
    try:
        connection = open_connection()
    except (OSError, smtplib.SMTPException) as error:
        for batch, _message in outgoing:
            _failed(batch, _("Không kết nối được máy chủ thư: %(error)s", error=_text(error)), report)
        return
    with connection:
        for batch, message in outgoing:
            _send_one(connection, batch, message, report)


def _send_one(connection: smtplib.SMTP, batch: Batch, message: EmailMessage | str, report: MailReport) -> None:
    if isinstance(message, str):
        _failed(batch, message, report)
        return
    try:
        connection.send_message(message)
    except (OSError, smtplib.SMTPException) as error:
        _failed(batch, _text(error), report)
        return
    now = utcnow()
    for notification in batch:
        notification.emailed_at, notification.email_error = now, None
    report.sent += 1


def _failed(batch: Batch, error: str, report: MailReport) -> None:
    for notification in batch:
        notification.email_error = error[:500]
        report.failures.append((notification.id, notification.user.email, notification.email_error))
