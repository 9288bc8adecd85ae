"""`flask reminders send` against a real SMTP server: who hears of what, once a day, and when it stops."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from inspection.access import SYSTEM
from inspection.documents.refs import parse_ref
from inspection.extensions import db
from inspection.findings import services as findings
from inspection.findings.models import UnitStatus, VerificationMethod, VerifiedStatus
from inspection.notifications.models import Notification, NotificationKind
from inspection.reminders.models import ReminderDispatch
from inspection.responses.deadlines import change_due_date
from inspection.responses.services import report_progress
from tests.factories import make_unit, make_user
from tests.notifications.conftest import DAY, PUBLIC_URL, body_of, mail_settings, send, with_email


@pytest.fixture
def app_config(mailbox):
    return mail_settings(mailbox.port)


def notifications_of(user) -> list[Notification]:
    return list(db.session.scalars(select(Notification).where(Notification.user_id == user.id)))


def subjects(mailbox, user) -> list[str]:
    return [message["Subject"] for message in mailbox.to(user.email)]


def test_a_unit_hears_of_its_overdue_and_due_soon_items_in_one_message(app, scene, mailbox):
    late = scene.item(5, text="Kiện toàn Hội đồng Thi đua – Khen thưởng các cấp")
    soon = scene.item(-3, text="Rà soát hồ sơ đề nghị phong tặng còn tồn đọng")
    today = scene.item(0, text="Báo cáo số liệu theo Biểu 0603")
    scene.item(-8, text="Hạn còn xa, chưa nhắc")
    verified = scene.item(10, text="Đã xác minh, không nhắc nữa")
    findings.verify(SYSTEM, verified, VerifiedStatus.IMPLEMENTED, VerificationMethod.DESK_REVIEW, None,
                    version=verified.version)
    db.session.commit()

    result = send(app)

    assert result.exit_code == 0, result.output
    [message] = mailbox.to("daumoi@example.vn")
    assert message["Subject"] == "Nhắc hạn thực hiện kiến nghị: 1 quá hạn, 2 sắp đến hạn"
    assert "=?utf-8?" in message.as_string().split("Subject:")[1].splitlines()[0].lower()  # RFC 2047 on the wire
    assert message["To"].addresses[0].display_name == "Trần Thị Đầu Mối"
    body = body_of(message)
    assert "Kiện toàn Hội đồng Thi đua – Khen thưởng các cấp" in body
    assert "Hạn: 25/02/2026 · Quá hạn 5 ngày" in body
    assert "Hạn: 05/03/2026 · Còn 3 ngày" in body and "Hạn: 02/03/2026 · Đến hạn hôm nay" in body
    assert "Hạn còn xa" not in body and "Đã xác minh" not in body
    for item in (late, soon, today):
        assert f"{PUBLIC_URL}/recommendations/{item.id}" in body
    assert body.index("Quá hạn 5 ngày") < body.index("Đến hạn hôm nay") < body.index("Còn 3 ngày")
    [note] = notifications_of(scene.officer)
    assert note.kind == NotificationKind.REMINDER and note.subject == message["Subject"]
    assert f"/recommendations/{late.id}" in note.body and PUBLIC_URL not in note.body  # the page links by path
    assert note.emailed_at is not None and note.email_error is None


def test_inspectors_hear_of_their_missions_overdue_items_only(app, scene, mailbox):
    scene.item(5)
    scene.item(-3)
    outsider = with_email(make_user(full_name="Thanh tra đoàn khác"), "khac@example.vn")
    db.session.commit()

    send(app)

    assert subjects(mailbox, scene.inspector) == ["Nhắc hạn thực hiện kiến nghị: 1 quá hạn"]
    assert "Kiến nghị của đoàn kiểm tra đã quá hạn (1):" in body_of(mailbox.to(scene.inspector.email)[0])
    assert mailbox.to(outsider.email) == [] and notifications_of(outsider) == []
    assert mailbox.to(scene.supervisor.email) == [] and mailbox.to(scene.council.email) == []


def test_one_message_per_person_per_day(app, scene, mailbox):
    scene.item(5)
    db.session.commit()

    first = send(app)
    second = send(app)

    assert first.exit_code == second.exit_code == 0
    assert len(mailbox.to(scene.officer.email)) == 1 and len(notifications_of(scene.officer)) == 1
    assert "đã ghi 0 thông báo" in second.output and "2 người đã được nhắc" in second.output
    assert db.session.scalar(select(func.count()).select_from(ReminderDispatch)) == 2  # officer and inspector

    send(app, day=DAY + timedelta(days=1))

    assert subjects(mailbox, scene.officer)[-1] == "Nhắc hạn thực hiện kiến nghị: 1 quá hạn"
    assert len(mailbox.to(scene.officer.email)) == 2 and "Quá hạn 6 ngày" in body_of(mailbox.to(scene.officer.email)[1])


@pytest.mark.parametrize(("days_overdue", "supervisor_told", "council_told"),
                         [(30, False, False), (31, True, False), (60, True, False), (61, True, True)])
def test_escalation_after_30_days_to_the_supervising_unit_and_after_60_to_the_council(
        app, scene, mailbox, days_overdue, supervisor_told, council_told):
    scene.item(days_overdue, text="Kiến nghị quá hạn lâu")
    db.session.commit()

    send(app)

    assert len(mailbox.to(scene.officer.email)) == 1  # the unit itself always hears of it
    assert bool(mailbox.to(scene.supervisor.email)) == supervisor_told
    assert bool(mailbox.to(scene.council.email)) == council_told
    if supervisor_told:
        body = body_of(mailbox.to(scene.supervisor.email)[0])
        assert "Đơn vị cấp dưới quá hạn trên 30 ngày (1):" in body
        assert f"Đơn vị: Sở Nội vụ tỉnh Kiên Giang · Hạn: {(DAY - timedelta(days_overdue)):%d/%m/%Y}" in body
    if council_told:
        assert "Quá hạn trên 60 ngày, báo cáo Hội đồng (1):" in body_of(mailbox.to(scene.council.email)[0])


def test_a_supervising_unit_of_its_own_item_hears_of_it_once(app, scene, mailbox):
    scene.item(40, units=[scene.province, scene.department])
    db.session.commit()

    send(app)

    [message] = mailbox.to(scene.supervisor.email)
    body = body_of(message)
    assert "Đã quá hạn, đơn vị của bạn chưa hoàn thành (1):" in body and "Đơn vị cấp dưới" not in body


def _reminded_again_tomorrow(app, mailbox, user) -> bool:
    before = len(mailbox.to(user.email))
    send(app, day=DAY + timedelta(days=1))
    return len(mailbox.to(user.email)) > before


def test_reminders_stop_once_the_item_is_verified(app, scene, mailbox):
    item = scene.item(40)
    db.session.commit()
    send(app)
    assert mailbox.to(scene.officer.email) and mailbox.to(scene.supervisor.email)

    findings.verify(SYSTEM, item, VerifiedStatus.PARTIAL, VerificationMethod.ON_SITE, "Mới thực hiện một phần",
                    version=item.version)
    db.session.commit()

    assert not _reminded_again_tomorrow(app, mailbox, scene.officer)
    assert len(mailbox.to(scene.supervisor.email)) == 1 and len(mailbox.to(scene.inspector.email)) == 1


def test_reminders_stop_once_the_item_is_re_dated(app, scene, mailbox):
    item = scene.item(3)
    db.session.commit()
    send(app)

    change_due_date(scene.council, item, DAY + timedelta(days=60), "Hội đồng cho gia hạn do sáp nhập đơn vị")
    db.session.commit()

    assert not _reminded_again_tomorrow(app, mailbox, scene.officer)
    assert len(mailbox.to(scene.inspector.email)) == 1


def test_reminders_follow_the_item_when_it_is_transferred(app, scene, mailbox):
    item = scene.item(45)
    successor = make_unit("Sở Nội vụ tỉnh Kiên Giang (mới)", code="KG-SNV2", parent=scene.province)
    new_officer = with_email(make_user(units=[successor], role=scene.officer.role, full_name="Cán bộ đơn vị mới"),
                             "moi@example.vn")
    db.session.commit()
    send(app)
    assert mailbox.to(scene.officer.email)

    scene.department.valid_to = date(2025, 7, 1)  # merged into the successor
    findings.transfer_open_recommendations(SYSTEM, scene.department, successor, parse_ref("759/QĐ-UBND"))
    db.session.commit()

    assert not _reminded_again_tomorrow(app, mailbox, scene.officer)
    [message] = mailbox.to(new_officer.email)
    assert f"/recommendations/{item.id}" in body_of(message) and "Sở Nội vụ tỉnh Kiên Giang (mới)" in body_of(message)


def test_a_unit_that_reported_done_is_not_nagged_and_the_inspector_is_asked_to_verify(app, scene, mailbox):
    item = scene.item(2)
    db.session.commit()
    report_progress(scene.officer, item.responsibilities[0], UnitStatus.REPORTED_DONE, "Đã hoàn thành, gửi minh chứng")
    db.session.commit()

    send(app)

    assert mailbox.to(scene.officer.email) == []
    # the report itself was a notice to the team (tests/notices/); the day's reminder comes on top of it
    done, message = mailbox.to(scene.inspector.email)
    assert done["Subject"] == f"Sở Nội vụ tỉnh Kiên Giang báo cáo hoàn thành Kiến nghị {item.number}"
    assert message["Subject"] == "Nhắc hạn thực hiện kiến nghị: 1 chờ xác minh"
    assert "Đơn vị đã báo cáo hoàn thành, chờ đoàn kiểm tra xác minh (1):" in body_of(message)


def test_of_two_responsible_units_only_the_one_not_done_is_reminded(app, scene, mailbox):
    other = make_unit("Sở Tài chính tỉnh Kiên Giang", code="KG-STC", parent=scene.province)
    scene.mission.units.append(other)
    other_officer = with_email(make_user(scene.officer.role, units=[other]), "taichinh@example.vn")
    item = scene.item(4, units=[scene.department, other])
    db.session.commit()
    report_progress(scene.officer, item.responsibilities[0], UnitStatus.REPORTED_DONE, None)
    db.session.commit()

    send(app)

    assert mailbox.to(scene.officer.email) == [] and len(mailbox.to(other_officer.email)) == 1
    assert "Đơn vị: Sở Tài chính tỉnh Kiên Giang ·" in body_of(mailbox.to(scene.inspector.email)[-1])  # [0]: the report


def test_a_long_list_is_cut_and_links_to_the_full_list(app, scene, mailbox):
    for index in range(30):
        scene.item(5 + index)
    db.session.commit()

    send(app)

    body = body_of(mailbox.to(scene.officer.email)[0])
    assert mailbox.to(scene.officer.email)[0]["Subject"] == "Nhắc hạn thực hiện kiến nghị: 30 quá hạn"
    assert "25. " in body and "26. " not in body
    assert f"… và 5 kiến nghị khác: {PUBLIC_URL}/todo" in body
    assert body.index("Quá hạn 34 ngày") < body.index("Quá hạn 33 ngày")  # the most overdue first


def test_inactive_accounts_get_nothing(app, scene, mailbox):
    scene.item(5)
    scene.officer.is_active_account = False
    db.session.commit()

    send(app)

    assert mailbox.to(scene.officer.email) == [] and notifications_of(scene.officer) == []


def test_a_dry_run_writes_and_sends_nothing(app, scene, mailbox):
    scene.item(5)
    db.session.commit()

    result = send(app, "--dry-run")

    assert result.exit_code == 0
    assert "Trần Thị Đầu Mối: Nhắc hạn thực hiện kiến nghị: 1 quá hạn" in result.output
    assert mailbox.messages == [] and db.session.scalar(select(func.count()).select_from(Notification)) == 0


def test_a_bad_day_is_refused_with_a_clear_message(app, scene):
    result = app.test_cli_runner().invoke(args=["reminders", "send", "--day", "31/02/2026"])

    assert result.exit_code == 2
    assert "“31/02/2026” không phải ngày hợp lệ; nhập theo dạng dd/mm/yyyy" in result.output


def test_two_runs_at_once_write_nothing_twice(app, scene, mailbox, monkeypatch):
    """A run that did not yet see the other run's dispatches fails on the unique (user, day) and writes nothing."""
    scene.item(5)
    db.session.commit()
    send(app)
    monkeypatch.setattr("inspection.reminders.plan.already_reminded", lambda day: set())

    result = send(app)

    assert result.exit_code == 1 and "Một lần chạy khác đang gửi nhắc hạn ngày 02/03/2026" in result.output
    assert len(notifications_of(scene.officer)) == 1 and len(mailbox.to(scene.officer.email)) == 1
