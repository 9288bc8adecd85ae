"""The scheduler's periodic tasks: reminders sent daily at the configured Vietnam time and mailed every few
minutes (no cron line), the result clean-up hourly; and what the daily run does, against a real SMTP server."""

from datetime import datetime

import pytest

from inspection import health
from inspection.extensions import db
from inspection.jobs.queue import huey_of
from inspection.jobs.registry import periodic_tasks
from inspection.jobs.runner import run_periodic
from tests.notifications.conftest import DAY, mail_settings, mailbox, scene  # noqa: F401  (fixtures)


@pytest.fixture
def app_config(mailbox):  # noqa: F811
    return mail_settings(mailbox.port) | {"REMINDERS_SEND_AT": "07:30", "REMINDERS_MAIL_EVERY_MINUTES": 5}


def due(app, utc: datetime) -> set[str]:
    """What Huey's scheduler would start at that UTC minute (it checks once a minute, in UTC)."""
    return {task.name for task in huey_of(app).read_periodic(utc)}


def test_reminders_go_out_daily_at_the_vietnam_time_and_mail_every_five_minutes(app):
    assert "reminders_send" in due(app, datetime(2026, 12, 6, 0, 30))  # 07:30 in Vietnam (UTC+7)
    assert "reminders_send" not in due(app, datetime(2026, 12, 6, 7, 30))
    assert {"reminders_mail", "jobs_expire_results"} <= due(app, datetime(2026, 12, 6, 5, 0))
    assert "reminders_mail" in due(app, datetime(2026, 12, 6, 5, 35))
    assert "reminders_mail" not in due(app, datetime(2026, 12, 6, 5, 37))
    assert "backup_daily" in due(app, datetime(2026, 12, 5, 18, 30))  # 01:30 on the 6th in Vietnam
    assert "backup_daily" not in due(app, datetime(2026, 12, 6, 1, 30))


def test_the_daily_backup_task_writes_an_archive_in_the_backup_folder(app, tmp_path):
    app.config["BACKUP_DIR"] = str(tmp_path / "backups")
    run_periodic(periodic_tasks()["backup_daily"])
    archives = [path.name for path in (tmp_path / "backups").iterdir() if not path.name.startswith((".", "last"))]
    assert len(archives) == 1 and (tmp_path / "backups" / "last-backup.json").exists()


def test_the_daily_run_writes_the_reminders_and_mails_them(app, scene, mailbox):  # noqa: F811
    scene.item(5, text="Kiện toàn Hội đồng Thi đua – Khen thưởng các cấp")
    db.session.commit()
    send = periodic_tasks()["reminders_send"]
    run_periodic(send.__class__(send.name, lambda: send.function(DAY), send.schedule))
    [message] = mailbox.to("daumoi@example.vn")
    assert message["Subject"].startswith("Nhắc hạn thực hiện kiến nghị: 1 quá hạn")
    run_periodic(send.__class__(send.name, lambda: send.function(DAY), send.schedule))  # twice the same day
    assert len(mailbox.to("daumoi@example.vn")) == 1


def test_the_queue_health_check_is_registered(app):
    assert "jobs" in health.checks()
