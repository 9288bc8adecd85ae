"""Every entry the demo data set writes reads in words on the audit log: its record type named by the model's
`__audit_name__`, no field shown by its column name (such as the council session's "overdue_days")."""

import re

from sqlalchemy import select

from inspection.audit import AuditEntry
from inspection.audit_display import field_label, record_type_label
from inspection.auth.models import Role
from inspection.extensions import db

#: how a key looks when it is a column name rather than words (self-report figures are keyed by their words)
COLUMN_NAME = re.compile(r"[a-z0-9_]+")


def test_the_demo_logs_entries_in_words(app, runner, client_as):
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    entries = list(db.session.scalars(select(AuditEntry)))
    assert {entry.target_type for entry in entries} >= {"review_session", "self_report", "mission", "unit"}
    unnamed = {entry.target_type for entry in entries if record_type_label(entry.target_type) == entry.target_type}
    raw = {(entry.action, key) for entry in entries for key in [*(entry.before or {}), *(entry.after or {})]
           if COLUMN_NAME.fullmatch(field_label(key, entry.target_type, entry.action))}
    assert (unnamed, raw) == (set(), set())
    page = client_as(Role.ADMIN).get("/admin/audit?type=review_session").get_data(as_text=True)
    assert "Đề xuất kiến nghị quá hạn trên (ngày):</dt>" in page and "overdue_days" not in page
