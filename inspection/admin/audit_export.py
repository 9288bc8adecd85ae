"""The audit log as an .xlsx workbook, written by a background job (started from the log's "Xuất Excel"): the
entries the page's filters select, in the page's order, every field and value in words."""

import itertools
import tempfile

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from openpyxl import Workbook
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

from inspection import jobs
from inspection.admin import audit_log
from inspection.auth.models import Role
from inspection.documents.sheets import append_rows
from inspection.downloads import XLSX_MIMETYPE
from inspection.extensions import db
from inspection.rules import RuleViolation

KIND = "audit_export"
#: a worksheet holds 1,048,576 rows; above this the administrator is asked to narrow the filters
MAX_ROWS = 1_000_000
#: entries read per round trip (their users come in the same query: AuditEntry.actor is joined)
BATCH = 1000
#: who reads the log (the page's roles); the job checks its actor again: a role may change while it waits
READERS = (Role.ADMIN, Role.COUNCIL)


def selected(args):
    """The entries the filters in `args` (a query string) select, in the page's order."""
    return audit_log.filtered(audit_log.filter_form(args).filters())


def matching(args) -> int:
    """How many entries the filters in `args` select."""
    return _count(selected(args))


def _count(query) -> int:
    return db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))


@jobs.task(KIND, label=_l("Xuất nhật ký thay đổi ra Excel"))
def export_audit_log(ctx: jobs.JobContext, *, args: dict) -> None:
    """`args`: the log page's query string (lists of values by name)."""
    if ctx.actor.role not in READERS:
        raise RuleViolation(_("Tài khoản này không còn quyền đọc nhật ký thay đổi."))
    query = selected(MultiDict(args))
    entries = db.session.scalars(query.execution_options(yield_per=BATCH))
    rows = ctx.counted(_rows(entries), _count(query))
    with tempfile.TemporaryFile() as handle:
        _write(handle, rows)
        handle.seek(0)
        ctx.save_result("nhat-ky-thay-doi.xlsx", handle, XLSX_MIMETYPE)


def _rows(entries):
    """Rows in words, BATCH at a time: the records' names (recommendation numbers) are read once per batch."""
    while batch := list(itertools.islice(entries, BATCH)):
        names = audit_log.record_names(batch)
        yield from (audit_log.row_in_words(entry, names) for entry in batch)


def _write(handle, rows) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Nhật ký")
    append_rows(sheet, [audit_log.export_headers()], date_columns=())
    append_rows(sheet, rows, date_columns=())
    book.save(handle)
