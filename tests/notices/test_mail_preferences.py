"""Each person chooses how their notices reach their mailbox: one e-mail per notice (the default), one daily
digest, or none. The portal shows every notice whatever the choice; a real SMTP server receives the mail."""

from datetime import date, datetime

import pytest
from sqlalchemy import select

from inspection.auth.models import MailPreference
from inspection.extensions import db
from inspection.findings.models import UnitStatus
from inspection.jobs import registry
from inspection.notifications.digest import send_daily_digests
from inspection.notifications.jobs import send_digests
from inspection.notifications.mail import send_pending_mail
from inspection.notifications.models import Notification
from inspection.responses import services as responses
from tests.notices.conftest import notices_of
from tests.notifications.conftest import PUBLIC_URL, body_of, mail_settings


@pytest.fixture
def app_config(mailbox):
    return mail_settings(mailbox.port)


@pytest.fixture
def answered(world):
    """The head reads immediately (default), the member a digest; the officer's colleague never. Two notices
    each for the team: a message and a report of done."""
    world.member.mail_preference = MailPreference.DIGEST
    world.colleague.mail_preference = MailPreference.NEVER
    db.session.commit()
    send_pending_mail()  # the notices of the recommendation's issue, out of the way
    db.session.commit()
    responses.post_message(world.officer, world.recommendation, "Đơn vị đã rà soát xong.")
    responses.report_progress(world.officer, world.recommendation.responsibilities[0], UnitStatus.REPORTED_DONE)
    db.session.commit()
    return world


def _sent(mailbox, user):
    return mailbox.to(user.email)


def test_immediately_one_email_per_notice_and_the_others_wait(world, answered, mailbox):
    mailbox.messages.clear()
    report = send_pending_mail()
    db.session.commit()
    assert report.sent == 2
    subjects = [message["Subject"] for message in _sent(mailbox, world.head)]
    rec = world.recommendation.number
    assert subjects == [f"Sở Tư pháp tỉnh An Giang trao đổi về Kiến nghị {rec}",
                        f"Sở Tư pháp tỉnh An Giang báo cáo hoàn thành Kiến nghị {rec}"]
    assert _sent(mailbox, world.member) == []  # the digest reader waits for the day's digest
    assert all(notice.emailed_at is None for notice in notices_of(world.member))


def test_never_is_never_mailed_but_shown_in_the_portal(world, mailbox):
    world.colleague.mail_preference = MailPreference.NEVER
    db.session.commit()
    mailbox.messages.clear()
    send_pending_mail()
    send_daily_digests()
    db.session.commit()
    assert [notice.kind.value for notice in notices_of(world.colleague)] == ["issued"]
    assert _sent(mailbox, world.colleague) == [] and len(_sent(mailbox, world.officer)) == 1
    assert notices_of(world.colleague)[0].emailed_at is None


def test_the_digest_sends_one_email_with_every_notice_then_marks_them(world, answered, mailbox):
    send_pending_mail()
    db.session.commit()
    mailbox.messages.clear()
    report = send_daily_digests(date(2026, 3, 9))
    db.session.commit()
    assert report.sent == 1 and report.failures == []
    [digest] = _sent(mailbox, world.member)
    assert digest["Subject"] == "Tóm tắt 2 thông báo ngày 09/03/2026"
    body, rec = body_of(digest), world.recommendation.number
    assert f"1. Sở Tư pháp tỉnh An Giang trao đổi về Kiến nghị {rec}" in body
    assert f"2. Sở Tư pháp tỉnh An Giang báo cáo hoàn thành Kiến nghị {rec}" in body
    opening = [f"{PUBLIC_URL}/notifications/{notice.id}/open" for notice in notices_of(world.member)]
    assert all(f"Xem: {link}" in body for link in opening) and f"{PUBLIC_URL}/account/notices" in body
    assert [message["To"].addresses[0].addr_spec for message in mailbox.messages] == [world.member.email]
    assert all(notice.emailed_at is not None for notice in notices_of(world.member))

    mailbox.messages.clear()
    assert send_daily_digests().sent == 0  # marked: the next day's digest does not repeat them
    assert mailbox.messages == []


def test_a_refused_digest_is_recorded_on_each_notice_and_tried_again(world, answered, mailbox):
    mailbox.refuse.add(world.member.email)
    report = send_daily_digests()
    db.session.commit()
    assert report.sent == 0 and len(report.failures) == 2
    assert all(notice.emailed_at is None and "550" in notice.email_error for notice in notices_of(world.member))
    mailbox.refuse.clear()
    assert send_daily_digests().sent == 1


def test_the_scheduler_sends_the_digest_daily_and_commits(world, answered, mailbox, app):
    task = registry.periodic_tasks()["notices_digest"]
    assert task.function is send_digests
    app.config["NOTICES_DIGEST_AT"] = "17:30"  # 10:30 UTC: Vietnam keeps UTC+7 all year
    schedule = task.schedule(app.config)
    assert schedule(datetime(2026, 3, 9, 10, 30)) and not schedule(datetime(2026, 3, 9, 17, 30))
    send_digests()
    db.session.rollback()  # only what the job committed stays
    assert len(_sent(mailbox, world.member)) == 1
    emailed = db.session.scalars(select(Notification.emailed_at).where(Notification.user_id == world.member.id))
    assert all(emailed)


def test_without_a_mail_server_nothing_is_sent_and_nothing_marked(world, answered, app, mailbox):
    app.config["MAIL_HOST"] = None
    assert send_daily_digests().configured is False
    assert all(notice.emailed_at is None for notice in notices_of(world.member))
