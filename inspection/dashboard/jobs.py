"""The dashboard's daily task: the kept counts' aging buckets move to the new day (counting.rebase), and the
`flask dashboard rebuild` command that counts everything again."""

import click
from flask.cli import AppGroup
from huey import crontab

from inspection.dashboard.counting import rebase, rebuild
from inspection.extensions import db
from inspection.jobs.registry import periodic
from inspection.timeutil import today_vn

dashboard_cli = AppGroup("dashboard", help="Số liệu trang Tổng quan.")


def just_after_midnight(_config: dict):
    """00:05 in Vietnam (17:05 UTC): a page read before it corrects the counts on the fly (counting.correction)."""
    return crontab(minute="5", hour="17")


@periodic("dashboard_rebase", just_after_midnight)
def move_counts_to_today() -> int:
    return rebase(db.session.connection(), today_vn())


@dashboard_cli.command("rebuild")
def rebuild_command():
    """Count the dashboard's figures again from every recommendation (after a bulk change outside the portal)."""
    count = rebuild(db.session.connection(), today_vn())
    db.session.commit()
    click.echo(f"Đã tính lại số liệu trang Tổng quan từ {count:,} kiến nghị.".replace(",", "."))
