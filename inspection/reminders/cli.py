"""`flask reminders send`: run once a day from cron or a systemd timer; `flask reminders mail`: every few
minutes, for the e-mail copies of notifications written during requests (escalations, decisions).

Mail goes out only after the notifications are committed, so a crash never mails something the portal
does not show; the e-mail results are committed second. A crash between the two may mail a copy twice
(on the next run), never lose one."""

import click
from flask.cli import AppGroup
from sqlalchemy.exc import IntegrityError

from inspection.dates import parse_vn_date
from inspection.extensions import db
from inspection.formatting import vn_date
from inspection.notifications.mail import MailReport, send_pending_mail
from inspection.reminders.services import ReminderRun, prepare_reminders, write_reminders
from inspection.timeutil import today_vn

reminders_cli = AppGroup("reminders", help="Nhắc hạn và báo cáo vượt cấp.")


@reminders_cli.command("send")
@click.option("--day", "day_text", metavar="dd/mm/yyyy", help="Ngày nhắc; mặc định hôm nay (giờ Việt Nam).")
@click.option("--dry-run", is_flag=True, help="Chỉ in ra ai sẽ được nhắc điều gì; không ghi, không gửi thư.")
def send_command(day_text, dry_run):
    """At most one reminder per person per day, then the e-mail copies not sent yet."""
    day = _day(day_text)
    if dry_run:
        _echo_plan(prepare_reminders(day))
        return
    try:
        run = write_reminders(day)
        db.session.commit()
    except IntegrityError:  # another run wrote the same person's reminder for that day first
        db.session.rollback()
        raise click.ClickException(
            f"Một lần chạy khác đang gửi nhắc hạn ngày {vn_date(day)}; lần này không ghi gì.") from None
    click.echo(f"Ngày {vn_date(day)}: đã ghi {len(run.reminders)} thông báo nhắc hạn ({run.item_lines} dòng kiến "
               f"nghị); {run.already_reminded} người đã được nhắc trong ngày nên bỏ qua.")
    _mail_and_exit()


@reminders_cli.command("mail")
def mail_command():
    """E-mail copies of the notifications not mailed yet (written by the portal during the day)."""
    _mail_and_exit()


def _day(text: str | None):
    if not text:
        return today_vn()
    try:
        return parse_vn_date(text)
    except ValueError:
        raise click.BadParameter(f"“{text}” không phải ngày hợp lệ; nhập theo dạng dd/mm/yyyy, ví dụ 30/11/2017.",
                                 param_hint="--day") from None


def _echo_plan(run: ReminderRun) -> None:
    click.echo(f"Chạy thử ngày {vn_date(run.day)}: {len(run.reminders)} người sẽ được nhắc, "
               f"{run.already_reminded} người đã được nhắc trong ngày. Không ghi gì, không gửi thư.")
    for reminder in run.reminders:
        click.echo(f"- {reminder.recipient.full_name}: {reminder.message.subject}")


def _mail_and_exit() -> None:
    report = send_pending_mail()
    db.session.commit()
    _echo_mail(report)
    if report.failures:
        click.get_current_context().exit(1)


def _echo_mail(report: MailReport) -> None:
    if not report.configured:
        click.echo("Chưa cấu hình máy chủ thư (MAIL_HOST): thông báo chỉ hiện trên Cổng.")
        return
    click.echo(f"Thư điện tử: đã gửi {report.sent}, lỗi {len(report.failures)}.")
    for notification_id, address, error in report.failures:
        click.echo(f"  Lỗi gửi thông báo #{notification_id} tới {address}: {error}", err=True)
