"""The register's .xlsx download: the same filter form, scope and order as the page, every matching row."""

import tempfile

from flask_babel import gettext as _
from flask_login import current_user

from inspection.downloads import XLSX_MIMETYPE, send_download
from inspection.findings import register_export
from inspection.findings.blueprint import bp
from inspection.findings.register_views import register_filter_form
from inspection.permissions import login_required
from inspection.timeutil import to_vietnam_time, today_vn, utcnow


@bp.route("/recommendations/export.xlsx")
@login_required
def register_export_xlsx():
    """What the register shows now (the page number aside), for whoever asks: register_query scopes it."""
    form = register_filter_form()
    today = today_vn()
    heading = register_export.Heading(title=_("Sổ theo dõi kiến nghị"), filters=register_export.describe_filters(form),
                                      exported_at=to_vietnam_time(utcnow()), exported_by=current_user.full_name)
    rows = register_export.export_rows(current_user, form.filters(), today)
    handle = tempfile.TemporaryFile()  # noqa: SIM115  (send_file closes it, and so removes it, once sent)
    register_export.write_workbook(handle, heading, rows)
    handle.seek(0)
    return send_download(handle, f"so-theo-doi-kien-nghi-{today:%Y%m%d}.xlsx", XLSX_MIMETYPE)


