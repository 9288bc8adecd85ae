"""`flask reminders send`: run once a day from cron or a systemd timer."""

from flask.cli import AppGroup

reminders_cli = AppGroup("reminders", help="Nhắc hạn và báo cáo vượt cấp.")
