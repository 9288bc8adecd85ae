"""The one import pipeline, for every kind (kinds.py): read the file with bounds (reader.py, through zipguard),
check every row into a plan (nothing written), and write a plan all or nothing (a savepoint; the caller commits
once, at its edge).

Two ways in:
- `preview(actor, kind, upload_id, options, progress)` and `apply(…)` work on an upload kept in the file store
  (uploads.py): the web pages call them now, and a job can call them as they are. The caller commits after
  them, also when they raise RuleViolation (the upload is then discarded); any other exception (a cancel raised
  by `progress`) means roll back: nothing is written.
- `preview_file` and `import_file` work on bytes (the command line, tests, benchmarks).

`progress(done, total)` is called every PROGRESS_EVERY rows and at the end: rows read so far, then rows
written; `total` is None until it is known (an .xlsx is streamed)."""

import hashlib
from collections.abc import Mapping

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from inspection import access
from inspection.extensions import db
from inspection.formatting import number
from inspection.imports import builtin, kinds, uploads  # noqa: F401  (builtin registers units and groups)
from inspection.imports.plan import Counter, ImportPlan, Progress, RowFailure, StaleImport
from inspection.imports.reader import check_upload, open_table
from inspection.rules import RuleViolation

PROGRESS_EVERY = 1000


def preview_file(actor, kind: str, data: bytes, filename: str, max_bytes: int,
                 progress: Progress | None = None, every: int = PROGRESS_EVERY) -> ImportPlan:
    """Every row checked, every error collected; nothing written. A file-level problem (not a spreadsheet, a
    column missing, too big) raises RuleViolation(field="file")."""
    return _check(actor, kinds.get(kind), data, filename, max_bytes, Counter(progress, every))


def import_file(actor, kind: str, data: bytes, filename: str, max_bytes: int, expected_digest: str | None = None,
                progress: Progress | None = None, every: int = PROGRESS_EVERY) -> ImportPlan:
    """Check the file and, when no row is refused and the plan is still the one previewed (`expected_digest`),
    write it. `plan.applied`: the caller commits; `plan.stale`: the data moved since the preview (nothing
    written)."""
    counter = Counter(progress, every)
    plan = _check(actor, kinds.get(kind), data, filename, max_bytes, counter)
    if not plan.errors and expected_digest not in (None, plan.digest):
        plan.stale = True
    elif not plan.errors:
        write(actor, plan, hashlib.sha256(data).hexdigest(), counter)
    return plan


def write(actor, plan: ImportPlan, file_sha256: str, counter: Counter | None = None) -> None:
    """Inside a savepoint: all of the plan, or (a row refused, a record moved under it) none of it."""
    kind = kinds.get(plan.kind)
    access.require(actor, kind.may_import)
    counter = counter or Counter(None)
    try:
        with db.session.begin_nested():
            kind.apply(actor, plan, counter, file_sha256)
    except RowFailure as failure:
        plan.errors.append(failure.error)
    except (StaleImport, IntegrityError):
        plan.stale = True
    else:
        plan.applied = True
    counter.report()


def preview(actor, kind: str, upload_id: int, options: Mapping | None = None,
            progress: Progress | None = None) -> ImportPlan:
    """The preview of a stored upload. When it may be confirmed, the upload remembers the plan's fingerprint
    and `plan.token` is what the confirmation carries; otherwise the upload is discarded."""
    folder, max_bytes, every = _settings(options)
    upload = uploads.get(actor, upload_id, kind)
    data = uploads.read(upload, folder)
    try:
        plan = preview_file(actor, kind, data, upload.file.original_name, max_bytes, progress, every)
    except RuleViolation:
        uploads.discard(upload, folder)
        raise
    return _keep_for_confirmation(upload, plan, plan.confirmable, folder)


def apply(actor, kind: str, upload_id: int, options: Mapping | None = None,
          progress: Progress | None = None) -> ImportPlan:
    """Confirm a previewed upload: the same bytes read and checked again, then written if the plan is still the
    one previewed. A stale plan keeps the upload (with the new fingerprint) for another look; otherwise the
    upload is used up. The upload is claimed only once the check is done: until then nothing is written, so on
    SQLite the job's progress (written apart) is not locked out during the longer half."""
    folder, max_bytes, every = _settings(options)
    upload = uploads.get(actor, upload_id, kind)
    uploads.require_previewed(upload)
    data = uploads.read(upload, folder)
    counter = Counter(progress, every)
    try:
        plan = _check(actor, kinds.get(kind), data, upload.file.original_name, max_bytes, counter)
    except RuleViolation:
        uploads.discard(upload, folder)
        raise
    if not plan.errors and plan.digest != upload.digest:
        plan.stale = True
    elif not plan.errors:
        uploads.claim(upload)
        write(actor, plan, upload.file.sha256, counter)
    return _keep_for_confirmation(upload, plan, plan.stale, folder)


def _keep_for_confirmation(upload, plan: ImportPlan, keep: bool, folder: str) -> ImportPlan:
    """A plan that may (still) be confirmed keeps its upload, with the plan's fingerprint, and gives the token
    the confirmation carries; any other ends the upload."""
    if keep:
        uploads.previewed(upload, plan.digest)
        plan.token = upload.token
    else:
        uploads.discard(upload, folder)
    return plan


def check_file(actor, kind: str, data: bytes, filename: str, max_bytes: int) -> None:
    """What can be refused at once, before a job is started, without reading the sheet (openpyxl takes ~15 s
    just to open a 200,000-row file): who may import, the size, the type, the archive's bounds (a zip bomb).
    RuleViolation(field="file") beside the upload's field; the header and the rows are the preview job's."""
    declared = kinds.get(kind)
    if not access.permits(actor, declared.may_import):
        raise RuleViolation(_("Bạn không có quyền nhập %(what)s.", what=declared.title))
    check_upload(data, filename, max_bytes)


def _check(actor, kind: kinds.ImportKind, data: bytes, filename: str, max_bytes: int,
           counter: Counter) -> ImportPlan:
    if not access.permits(actor, kind.may_import):
        raise RuleViolation(_("Bạn không có quyền nhập %(what)s.", what=kind.title))
    with open_table(data, filename, columns=kind.columns, required=kind.required, max_bytes=max_bytes) as table:
        plan = ImportPlan(kind.name, table.filename)
        kind.validate(actor, table.rows, plan, counter)
    counter.report()
    return plan


def _settings(options: Mapping | None) -> tuple[str, int, int]:
    """The file store's folder, the size limit and the rows between progress calls: given in `options`
    ("folder", "max_bytes", "progress_every"), or the application's."""
    options = options or {}
    return (options.get("folder") or current_app.config["FILES_FOLDER"],
            options.get("max_bytes") or current_app.config["IMPORT_MAX_BYTES"],
            options.get("progress_every") or PROGRESS_EVERY)


def summary(plan: ImportPlan) -> str:
    return summary_of(plan.kind, plan.counts)


def summary_of(kind: str, counts: Mapping) -> str:
    """"Đã nhập …: 2 mới, 0 cập nhật, 0 không đổi." (also from a job's kept report)."""
    return _("Đã nhập %(what)s: %(new)s mới, %(updated)s cập nhật, %(unchanged)s không đổi.",
             what=kinds.get(kind).title, new=number(counts["new"]), updated=number(counts["updated"]),
             unchanged=number(counts["unchanged"]))
