"""The register's export as a background job (started by register_export_views): the rows, heading and file of
register_export, built in the worker with a progress bar instead of holding a request for a minute."""

import tempfile
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

from inspection import jobs
from inspection.downloads import XLSX_MIMETYPE
from inspection.extensions import db
from inspection.findings import register_export
from inspection.findings.register_views import register_filter_form
from inspection.timeutil import to_vietnam_time, utcnow

KIND = "register_export"


@jobs.task(KIND, label=_l("Xuất sổ theo dõi kiến nghị ra Excel"))
def export_register(ctx: jobs.JobContext, *, args: dict, today: str) -> None:
    """`args`: the register's query string (lists of values by name); `today`: the day the user asked."""
    day = date.fromisoformat(today)
    form = register_filter_form(MultiDict(args), ctx.actor)
    filters = form.filters()
    heading = register_export.Heading(title=_("Sổ theo dõi kiến nghị"), filters=register_export.describe_filters(form),
                                      exported_at=to_vietnam_time(utcnow()), exported_by=ctx.actor.full_name)
    rows = ctx.counted(register_export.export_rows(ctx.actor, filters, day), _count(ctx.actor, filters, day))
    with tempfile.TemporaryFile() as handle:
        register_export.write_workbook(handle, heading, rows)
        handle.seek(0)
        ctx.save_result(f"so-theo-doi-kien-nghi-{day:%Y%m%d}.xlsx", handle, XLSX_MIMETYPE)


def _count(user, filters: dict, day: date) -> int:
    query = register_export.export_query(user, filters, day).order_by(None).subquery()
    return db.session.scalar(select(func.count()).select_from(query))
