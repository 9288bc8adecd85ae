"""Every action the code records in the audit log has words (`__audit_action_labels__` on its model, read by
audit_display.action_label), and the audit log and its export show them instead of keys such as
`recommendation.verify`.

The action keys are read from the source itself (every `audit.record(actor, "<action>", …)` in inspection/),
so a new action recorded without a label fails here."""

import ast
from datetime import datetime
from io import BytesIO
from pathlib import Path

from openpyxl import load_workbook

from inspection import labels
from inspection.audit import AuditEntry
from inspection.audit_display import action_label
from inspection.auth.models import Role
from inspection.extensions import db
from inspection.units.models import EventKind
from tests import factories
from tests.jobs.run_here import export_file

ROOT = Path(__file__).resolve().parents[2]
#: what the placeholders of f-string actions can be (a new placeholder must be added here to be checked)
PLACEHOLDERS = {"verb": ("link", "unlink"), "kind.value": tuple(kind.value for kind in EventKind)}


def _is_audit_record(call: ast.Call) -> bool:
    function = call.func
    return (isinstance(function, ast.Attribute) and function.attr == "record"
            and isinstance(function.value, ast.Name) and function.value.id == "audit") \
        or (isinstance(function, ast.Name) and function.id == "record")


def _action_argument(call: ast.Call) -> ast.expr | None:
    if len(call.args) > 1:
        return call.args[1]
    return next((keyword.value for keyword in call.keywords if keyword.arg == "action"), None)


def _expand(node: ast.expr) -> list[str]:
    """The action keys an argument can take: a string, either branch of a conditional, an f-string with its
    placeholders' known values."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _expand(node.body) + _expand(node.orelse)
    if isinstance(node, ast.JoinedStr):
        keys = [""]
        for part in node.values:
            if isinstance(part, ast.Constant):
                keys = [key + part.value for key in keys]
            else:
                values = PLACEHOLDERS[ast.unparse(part.value)]  # KeyError: tell PLACEHOLDERS its values
                keys = [key + value for key in keys for value in values]
        return keys
    raise AssertionError(f"an action that is not a literal: {ast.unparse(node)} (line {node.lineno})")


def recorded_actions() -> dict[str, str]:
    """action key → where it is recorded, for every audit.record call in inspection/."""
    found = {}
    for path in sorted((ROOT / "inspection").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and _is_audit_record(node) and (argument := _action_argument(node)):
                for action in _expand(argument):
                    found.setdefault(action, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_every_recorded_action_has_words(app):
    recorded = recorded_actions()
    assert len(recorded) > 50 and "recommendation.verify" in recorded and "unit.merge" in recorded
    named = labels.action_labels()
    missing = [f"{action} ({where})" for action, where in sorted(recorded.items()) if action not in named]
    assert not missing, "audit actions without __audit_action_labels__ on their model:\n" + "\n".join(missing)
    unused = sorted(set(named) - set(recorded))
    assert not unused, f"labels for actions nothing records (renamed or removed?): {unused}"


def test_the_labels_are_vietnamese_and_translated(app):
    assert action_label("recommendation.verify") == "Xác minh kiến nghị"
    assert action_label("unit.merge") == "Sáp nhập, hợp nhất đơn vị"
    assert action_label("an.unknown_key") == "an.unknown_key"  # never a blank cell
    with app.test_request_context(headers={"Accept-Language": "en"}):
        from flask_babel import force_locale

        with force_locale("en"):
            assert action_label("recommendation.verify") == "Recommendation verified"


def test_the_audit_log_and_its_export_name_the_action(app, client_as):
    unit = factories.make_unit("Sở Tư pháp", code="STP")
    db.session.add(AuditEntry(action="unit.rename", target_type="unit", target_id=unit.id, summary="Đổi tên",
                              at=datetime(2026, 3, 1, 3, 0)))
    db.session.commit()
    admin = client_as(Role.ADMIN)
    page = admin.get("/admin/audit?type=unit").get_data(as_text=True)
    assert "<td>Đổi tên đơn vị</td>" in page and "unit.rename" not in page
    rows = list(load_workbook(BytesIO(export_file(admin, "/admin/audit/export?type=unit").data)).active
                .iter_rows(values_only=True))
    assert rows[0][2] == "Thao tác" and "Đổi tên đơn vị" in [row[2] for row in rows[1:]]
