"""The backup's health check, registered at import (the app factory's CLI registration imports this module).

Not ok when no backup was recorded yet (fact "no backup yet"), when the last one's archive is gone, or when it
is older than BACKUP_MAX_AGE_HOURS (26 by default: a daily job with a little slack). A fresh demo therefore
reports "no backup yet" until the first `flask backup create` or the scheduler's first daily run: truthful."""

from datetime import UTC, datetime

from flask import current_app

from inspection import health
from inspection.backup import retention, services


def backup_health() -> health.Health:
    record = retention.last_backup()
    if record is None:
        return health.Health(False, {"last_backup": "no backup yet"})
    age_hours = round((datetime.now(UTC) - record["at"]).total_seconds() / 3600, 1)
    limit = float(current_app.config.get("BACKUP_MAX_AGE_HOURS", 26))
    present = (services.backup_folder() / record["archive"]).is_file()
    facts = {"last_backup_age_hours": age_hours, "max_age_hours": limit, "archive_present": present}
    return health.Health(present and age_hours < limit, facts)


health.register("backup", backup_health)
