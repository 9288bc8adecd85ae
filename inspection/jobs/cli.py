"""`flask jobs worker` (runs jobs) and `flask jobs scheduler` (also starts the periodic tasks: run exactly one).
Both are Huey consumers; both stop on Ctrl-C or SIGTERM. docs/deploy.md runs each as a systemd unit."""

import logging

import click
from flask import current_app
from flask.cli import AppGroup

from inspection.jobs import worker

jobs_cli = AppGroup("jobs", help="Tác vụ nền (hàng đợi Huey).")


@jobs_cli.command("worker")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Số luồng chạy tác vụ song song (mặc định JOBS_WORKERS).")
def worker_command(workers):
    """Run queued jobs until stopped (no periodic tasks: those are the scheduler's)."""
    _log_to_console()
    worker.serve(current_app._get_current_object(), workers or int(current_app.config["JOBS_WORKERS"]),
                 periodic=False)


@jobs_cli.command("scheduler")
def scheduler_command():
    """Start the periodic tasks on time (reminders, result clean-up, backup) and run them; one process only."""
    _log_to_console()
    worker.serve(current_app._get_current_object(), 1, periodic=True)


def _log_to_console() -> None:
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
