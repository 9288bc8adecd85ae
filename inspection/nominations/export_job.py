"""The registry's export as a background job (started by import_views.export_start): the rows and file of
exporting, built in the worker with a progress bar: a national registry holds a million dossiers."""

import tempfile
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

from inspection import jobs
from inspection.downloads import XLSX_MIMETYPE
from inspection.extensions import db
from inspection.nominations import exporting
from inspection.nominations.registry_views import filter_form, registry_criteria
from inspection.units.scope import visible_unit_ids

KIND = "dossier_export"


@jobs.task(KIND, label=_l("Xuất hồ sơ đề nghị khen thưởng ra Excel"))
def export_dossiers(ctx: jobs.JobContext, *, args: dict, today: str) -> None:
    """`args`: the registry's query string (lists of values by name); `today`: the day the user asked."""
    query_args = MultiDict(args)
    criteria = registry_criteria(filter_form(query_args), query_args)
    visible = visible_unit_ids(ctx.actor)
    total = db.session.scalar(select(func.count()).select_from(
        exporting.export_query(criteria, visible).order_by(None).subquery()))
    with tempfile.TemporaryFile() as handle:
        exporting.write_workbook(handle, ctx.counted(exporting.export_rows(criteria, visible), total))
        handle.seek(0)
        ctx.save_result(f"ho-so-khen-thuong-{date.fromisoformat(today):%Y%m%d}.xlsx", handle, XLSX_MIMETYPE)
