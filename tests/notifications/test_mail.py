"""E-mail copies: none without MAIL_HOST, failures recorded without losing the in-app notification, and
notifications written during requests (notify) mailed by `flask reminders mail`."""

from datetime import timedelta

import pytest
from sqlalchemy import create_engine, select, text

from inspection.extensions import db
from inspection.notifications.models import Notification, NotificationKind
from inspection.notifications.services import notify
from inspection.timeutil import utcnow
from tests.notifications.conftest import DAY, PUBLIC_URL, body_of, free_port, mail_settings, send


@pytest.fixture
def app_config(mailbox):
    return mail_settings(mailbox.port)


def notification_of(user) -> Notification:
    return db.session.scalars(select(Notification).where(Notification.user_id == user.id)).one()


def mail(app):
    result = app.test_cli_runner().invoke(args=["reminders", "mail"])
    db.session.expire_all()
    return result


def test_mail_goes_out_only_once_the_notification_is_committed(app, scene, mailbox):
    """Seen from another connection while the message arrives, the notification is already stored."""
    engine = create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
    stored_on_arrival = []

    def look(message):
        with engine.connect() as connection:
            stored_on_arrival.append(connection.execute(text("SELECT count(*) FROM notification")).scalar())

    mailbox.on_message = look
    scene.item(5)
    db.session.commit()

    send(app)
    engine.dispose()

    assert stored_on_arrival == [2, 2]  # the officer's and the inspector's, both before the first mail


def test_without_a_mail_server_reminders_stay_in_the_portal(app, scene, mailbox):
    app.config["MAIL_HOST"] = None
    scene.item(5)
    db.session.commit()

    result = send(app)

    assert result.exit_code == 0 and "Chưa cấu hình máy chủ thư" in result.output
    assert mailbox.messages == []
    note = notification_of(scene.officer)
    assert note.subject == "Nhắc hạn thực hiện kiến nghị: 1 quá hạn"
    assert note.emailed_at is None and note.email_error is None


def test_a_refused_address_is_recorded_and_the_others_still_go(app, scene, mailbox):
    mailbox.refuse.add(scene.officer.email)
    scene.item(5)
    db.session.commit()

    result = send(app)

    assert result.exit_code == 1
    assert "Thư điện tử: đã gửi 1, lỗi 1." in result.output and "daumoi@example.vn" in result.output
    refused = notification_of(scene.officer)
    assert refused.emailed_at is None and "Mailbox unavailable" in refused.email_error
    assert refused.subject == "Nhắc hạn thực hiện kiến nghị: 1 quá hạn"  # the in-app notification stays
    assert len(mailbox.to(scene.inspector.email)) == 1 and notification_of(scene.inspector).emailed_at is not None


def test_a_server_that_cannot_be_reached_fails_the_run_but_keeps_the_notifications(app, scene, mailbox):
    app.config["MAIL_PORT"] = free_port()  # nobody listens there
    scene.item(5)
    db.session.commit()

    result = send(app)

    assert result.exit_code == 1 and "lỗi 2" in result.output
    for user in (scene.officer, scene.inspector):
        note = notification_of(user)
        assert note.emailed_at is None and note.email_error.startswith("Không kết nối được máy chủ thư")

    app.config["MAIL_PORT"] = mailbox.port  # the server is back: the next run delivers what was left
    retried = mail(app)

    assert retried.exit_code == 0 and "đã gửi 2, lỗi 0" in retried.output
    assert notification_of(scene.officer).emailed_at is not None and notification_of(scene.officer).email_error is None


def test_an_unsent_reminder_is_not_mailed_once_a_newer_one_exists(app, scene, mailbox):
    app.config["MAIL_HOST"] = None  # mail is switched on only after two daily runs
    scene.item(5)
    db.session.commit()
    send(app)
    send(app, day=DAY + timedelta(days=1))
    app.config["MAIL_HOST"] = "127.0.0.1"

    assert mail(app).exit_code == 0

    [message] = mailbox.to(scene.officer.email)
    assert "Quá hạn 6 ngày" in body_of(message)  # today's list, not yesterday's as well


def test_notifications_written_during_the_day_are_mailed_once(app, scene, mailbox):
    notify([scene.council, scene.council, scene.officer], NotificationKind.DECISION,
           "Hội đồng quyết định gia hạn đến 30/06/2026",
           "Phiên họp ngày 02/03/2026 quyết định gia hạn.\nXem: /recommendations/7", "/recommendations/7")
    db.session.commit()

    first, second = mail(app), mail(app)

    assert first.exit_code == second.exit_code == 0 and "đã gửi 0" in second.output
    [message] = mailbox.to(scene.council.email)
    assert message["Subject"] == "Hội đồng quyết định gia hạn đến 30/06/2026"
    body = body_of(message)
    assert f"Xem: {PUBLIC_URL}/recommendations/7" in body
    assert f"{PUBLIC_URL}/notifications/{notification_of(scene.council).id}/open" in body
    assert message["Auto-Submitted"] == "auto-generated" and message["From"] == app.config["MAIL_FROM"]
    assert len(mailbox.messages) == 2


def test_no_mail_for_users_without_an_address_or_for_old_notifications(app, scene, mailbox):
    scene.officer.email = None
    notify([scene.officer, scene.council], NotificationKind.ESCALATION, "Báo cáo vượt cấp", "Nội dung")
    old = notify([scene.supervisor], NotificationKind.ESCALATION, "Tuần trước", "Nội dung")[0]
    old.created_at = utcnow() - timedelta(days=3)
    db.session.commit()

    assert mail(app).exit_code == 0

    assert [message["To"].addresses[0].addr_spec for message in mailbox.messages] == [scene.council.email]
    assert notification_of(scene.officer).emailed_at is None


def test_a_malformed_address_is_an_error_on_that_notification_only(app, scene, mailbox):
    scene.officer.email = "không phải địa chỉ"
    notify([scene.officer, scene.council], NotificationKind.ESCALATION, "Báo cáo vượt cấp", "Nội dung")
    db.session.commit()

    result = mail(app)

    assert result.exit_code == 1
    assert notification_of(scene.officer).email_error and notification_of(scene.council).emailed_at is not None
