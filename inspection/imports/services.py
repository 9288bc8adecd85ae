"""Importing a file: preview (read + validate, nothing written) and apply (all or nothing).
The web view and `flask units import` both go through here; the caller commits once."""

from types import ModuleType

from flask_babel import gettext as _

from inspection import access
from inspection.extensions import db
from inspection.imports import groups, units
from inspection.imports.plan import ImportPlan, RowFailure
from inspection.imports.reader import read_table
from inspection.permissions import is_admin

IMPORTERS: dict[str, ModuleType] = {units.KIND: units, groups.KIND: groups}
KINDS = tuple(IMPORTERS)


def importer(kind: str) -> ModuleType:
    if kind not in IMPORTERS:
        raise ValueError(f"unknown import kind: {kind!r}")
    return IMPORTERS[kind]


def preview(kind: str, data: bytes, filename: str, max_bytes: int) -> ImportPlan:
    """Every row checked, every error collected; nothing written. A file-level problem raises RuleViolation."""
    module = importer(kind)
    table = read_table(data, filename, columns=module.COLUMNS, required=module.REQUIRED, max_bytes=max_bytes)
    return module.validate(table)


def run_import(actor, kind: str, data: bytes, filename: str, max_bytes: int,
               expected_digest: str | None = None) -> ImportPlan:
    """Validate again and, when there is no error and the plan is still the one previewed
    (`expected_digest`), apply it. `plan.applied` tells whether the caller should commit."""
    access.require(actor, is_admin)
    plan = preview(kind, data, filename, max_bytes)
    if plan.errors:
        return plan
    if expected_digest is not None and plan.digest() != expected_digest:
        plan.stale = True
        return plan
    apply_plan(actor, plan)
    return plan


def apply_plan(actor, plan: ImportPlan) -> None:
    """Inside a savepoint: the first refused row undoes every row before it."""
    access.require(actor, is_admin)
    try:
        with db.session.begin_nested():
            importer(plan.kind).apply(actor, plan)
    except RowFailure as failure:
        plan.errors.append(failure.error)
    else:
        plan.applied = True


def title(kind: str) -> str:
    return _("đơn vị") if kind == units.KIND else _("cụm, khối thi đua")


def summary(plan: ImportPlan) -> str:
    counts = plan.counts
    return _("Đã nhập %(what)s: %(new)s mới, %(updated)s cập nhật, %(unchanged)s không đổi.",
             what=title(plan.kind), new=counts["new"], updated=counts["updated"], unchanged=counts["unchanged"])
