"""The daily backup on the scheduler (`flask jobs scheduler`): scheduled_backup() every day at BACKUP_AT
(Vietnam time), keeping BACKUP_KEEP archives; `flask backup create` without a path does the same by hand."""

import logging

from inspection import jobs
from inspection.backup.retention import scheduled_backup

log = logging.getLogger(__name__)


@jobs.periodic("backup_daily", jobs.daily_at("BACKUP_AT"))
def daily_backup() -> None:
    log.info("daily backup written to %s", scheduled_backup())
