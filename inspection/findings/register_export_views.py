"""The register's .xlsx export, started from the register's button as a background job (register_export_job):
the same filter form, scope and order as the page, every matching row, without holding a request."""

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm

from inspection import jobs
from inspection.findings import register_export_job
from inspection.findings.blueprint import bp
from inspection.forms_util import commit_or_refuse
from inspection.permissions import login_required
from inspection.timeutil import today_vn


@bp.route("/recommendations/export", methods=["POST"])
@login_required
def register_export_start():
    """The export as a job (the page's button): the query string's filters are kept on the job, the page shows
    the bar, and the file waits on "Tác vụ của tôi"."""
    if not FlaskForm().validate_on_submit():
        abort(400)
    args = {key: values for key, values in request.args.lists() if key != "page"}
    commit_or_refuse(lambda: jobs.start(current_user, register_export_job.KIND, args=args,
                                        today=today_vn().isoformat()))
    flash(_("Đã bắt đầu xuất Excel. Tiến độ hiện ở đây; tệp kết quả có ở trang “Tác vụ của tôi”."), "info")
    return redirect(url_for("findings.register", **args))
