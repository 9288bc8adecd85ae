"""Composition root for the job queue: imports every module that declares job kinds or periodic tasks, so that
the web app (which starts jobs) and the worker and scheduler (which run them) know the same names."""

from inspection.admin import audit_export  # noqa: F401  (the audit log's export)
from inspection.backup import jobs as backup_jobs  # noqa: F401  (the daily backup)
from inspection.dashboard import jobs as dashboard_jobs  # noqa: F401  (the kept counts move to the new day)
from inspection.findings import register_export_job  # noqa: F401  (the register's export)
from inspection.imports import tasks as import_tasks  # noqa: F401  (import preview and confirmation)
from inspection.jobs import housekeeping  # noqa: F401  (result files past JOB_RESULT_DAYS)
from inspection.nominations import export_job  # noqa: F401  (the dossier registry's export)
from inspection.notifications import jobs as notification_jobs  # noqa: F401  (the daily digest of notices)
from inspection.official import builders as official_kinds  # noqa: F401  (the kinds of official document)
from inspection.official import jobs as official_jobs  # noqa: F401  (large official documents)
from inspection.reminders import jobs as reminder_jobs  # noqa: F401  (daily reminders, their e-mail)
