"""The register's .xlsx download: the same filter form, scope and order as the page, every matching row."""

import tempfile

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm

from inspection import jobs
from inspection.downloads import XLSX_MIMETYPE, send_download
from inspection.findings import register_export, register_export_job
from inspection.findings.blueprint import bp
from inspection.findings.register_views import register_filter_form
from inspection.forms_util import commit_or_refuse
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


@bp.route("/recommendations/export", methods=["POST"])
@login_required
def register_export_start():
    """The same export as a job (the page's button): the query string's filters are kept on the job, the page
    shows the bar, and the file waits on "Tác vụ của tôi"."""
    if not FlaskForm().validate_on_submit():
        abort(400)
    args = {key: values for key, values in request.args.lists() if key != "page"}
    commit_or_refuse(lambda: jobs.start(current_user, register_export_job.KIND, args=args,
                                        today=today_vn().isoformat()))
    flash(_("Đã bắt đầu xuất Excel. Tiến độ hiện ở đây; tệp kết quả có ở trang “Tác vụ của tôi”."), "info")
    return redirect(url_for("findings.register", **args))
