"""Importing a dossier file: preview (read and check every row in one streaming pass; nothing written) and
run_import (read and check again, then write every row with bulk statements, or nothing at all). The web
pages and `flask nominations import` both go through here; the caller commits once.

The whole import is one audit entry (file, fingerprint and counts), not one per row: a 100,000-row file
must not write 100,000 log entries."""

import hashlib
from collections.abc import Iterator

from flask_babel import gettext as _
from sqlalchemy import bindparam, insert, update
from sqlalchemy.exc import IntegrityError

from inspection import access, audit
from inspection.extensions import db
from inspection.nominations.access import DOSSIER_WRITERS
from inspection.nominations.import_columns import COLUMNS, REQUIRED
from inspection.nominations.import_plan import EDITABLE, Classifier, DossierImportPlan, load_existing
from inspection.nominations.import_reader import open_table
from inspection.nominations.import_rows import RowParser
from inspection.nominations.models import Dossier
from inspection.rules import RuleViolation
from inspection.timeutil import today_vn, utcnow

#: rows per INSERT / UPDATE batch
WRITE_CHUNK = 1000


class StaleImport(Exception):
    """A dossier changed between reading and writing: the import is undone and must be previewed again."""


class RegistryTarget:
    """What an import's audit entry is about: the dossier registry as a whole, not one dossier."""

    __tablename__ = Dossier.__tablename__
    id = None


def can_import(user) -> bool:
    """Admins, the council and unit officers (for their own units); inspectors read but never write."""
    return user.role in DOSSIER_WRITERS


def preview(actor, data: bytes, filename: str, max_bytes: int) -> DossierImportPlan:
    """Every row checked, every error collected; nothing written. A file-level problem (not a spreadsheet,
    a column missing, too big) raises RuleViolation(field="file")."""
    if not access.permits(actor, can_import):
        raise RuleViolation(_("Bạn không có quyền nhập hồ sơ khen thưởng."))
    parser = RowParser(actor)
    with open_table(data, filename, columns=COLUMNS, required=REQUIRED, max_bytes=max_bytes) as table:
        plan = DossierImportPlan(table.filename)
        rows = [parsed for row in table.rows if (parsed := parser.parse(row, plan.errors)) is not None]
    existing = load_existing({row.unit_id for row in rows})
    classifier = Classifier(actor, parser, plan, today_vn())
    for row in rows:
        classifier.classify(row, existing.get((row.unit_id, row.code)))
    classifier.finish()
    return plan


def run_import(actor, data: bytes, filename: str, max_bytes: int,
               expected_digest: str | None = None) -> DossierImportPlan:
    """Check the file again and, when no row is refused and the plan is still the one previewed
    (`expected_digest`), write it. `plan.applied` tells the caller to commit; `plan.stale` that the
    stored dossiers changed since the preview (nothing was written)."""
    plan = preview(actor, data, filename, max_bytes)
    if plan.errors:
        return plan
    if expected_digest is not None and plan.digest != expected_digest:
        plan.stale = True
        return plan
    apply_plan(actor, plan, hashlib.sha256(data).hexdigest())
    return plan


def apply_plan(actor, plan: DossierImportPlan, file_sha256: str) -> None:
    """Inside a savepoint: all of the plan, or (when a dossier moved under it) none of it."""
    try:
        with db.session.begin_nested():
            _insert(plan.new)
            _update(plan.updates)
            if plan.new or plan.updates:
                _record(actor, plan, file_sha256)
    except (StaleImport, IntegrityError):
        plan.stale = True
    else:
        plan.applied = True


def _insert(rows: list[tuple]) -> None:
    """Core executemany on the table: the ORM's bulk INSERT would run one statement per row to fetch ids."""
    fixed = {"award_hold": False, "created_at": utcnow(), "version": 1}
    for chunk in _chunks(rows):
        db.session.execute(insert(Dossier.__table__), [
            {"unit_id": unit_id, "code": code, **dict(zip(EDITABLE, values, strict=True)), **fixed}
            for unit_id, code, values in chunk])


def _update(rows: list[tuple]) -> None:
    """UPDATE … WHERE id = ? AND version = ?: a dossier someone saved after it was read is not overwritten."""
    table = Dossier.__table__
    statement = (update(table).where(table.c.id == bindparam("b_id"), table.c.version == bindparam("b_version"))
                 .values(version=table.c.version + 1,
                         **{name: bindparam(f"b_{name}", type_=table.c[name].type) for name in EDITABLE}))
    counts_rows = db.session.get_bind().dialect.supports_sane_multi_rowcount
    for chunk in _chunks(rows):
        result = db.session.execute(statement, [_update_params(*row) for row in chunk])
        if counts_rows and result.rowcount != len(chunk):
            raise StaleImport()


def _update_params(dossier_id: int, version: int, values: tuple) -> dict:
    return {"b_id": dossier_id, "b_version": version,
            **{f"b_{name}": value for name, value in zip(EDITABLE, values, strict=True)}}


def _record(actor, plan: DossierImportPlan, file_sha256: str) -> None:
    counts = plan.counts
    audit.record(actor, "dossier.import", RegistryTarget(),
                 audit.text("Nhập hồ sơ khen thưởng từ tệp “%(file)s”: %(new)s mới, %(updated)s cập nhật, "
                            "%(unchanged)s không đổi", file=plan.filename, **counts),
                 after={"file": plan.filename, "sha256": file_sha256, **counts})
    db.session.flush()


def _chunks(rows: list) -> Iterator[list]:
    for start in range(0, len(rows), WRITE_CHUNK):
        yield rows[start:start + WRITE_CHUNK]


def summary(plan: DossierImportPlan) -> str:
    counts = plan.counts
    return _("Đã nhập hồ sơ khen thưởng: %(new)s mới, %(updated)s cập nhật, %(unchanged)s không đổi.",
             new=counts["new"], updated=counts["updated"], unchanged=counts["unchanged"])
