"""The audit log as an .xlsx workbook: the entries the page's filters select, every field and value in words.
Written synchronously: a log export is rare and an administrator's, bounded by MAX_ROWS."""

from io import BytesIO

from openpyxl import Workbook
from sqlalchemy import Select

from inspection.admin.audit_log import export_headers, row_in_words
from inspection.documents.sheets import append_rows
from inspection.extensions import db

#: above this, the administrator is asked to narrow the filters (a larger file is not read by anyone anyway)
MAX_ROWS = 50_000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: entries read per round trip (their users come in the same query: AuditEntry.actor is joined)
BATCH = 1000


def workbook(query: Select) -> BytesIO:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Nhật ký")
    append_rows(sheet, [export_headers()], date_columns=())
    entries = db.session.scalars(query.execution_options(yield_per=BATCH))
    append_rows(sheet, (row_in_words(entry) for entry in entries), date_columns=())
    buffer = BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer
