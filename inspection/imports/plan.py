"""What an import would do, for every kind: counts of new, updated and unchanged records, every row error, a
sample of the rows that would be written, and a fingerprint of it all, before anything is written."""

import hashlib
import json
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import NamedTuple

from inspection.rules import RuleViolation

NEW, UPDATED, UNCHANGED = "new", "updated", "unchanged"
ACTIONS = (NEW, UPDATED, UNCHANGED)
#: rows that would be written listed on the preview page (the counts cover every row)
SAMPLE_LIMIT = 500
#: errors listed on the preview page (the count covers all; the command line prints every one)
ERROR_LIMIT = 1000

Progress = Callable[[int, int | None], None]


@dataclass(frozen=True, order=True)
class RowError:
    """A refused cell: spreadsheet row number (1-based), column header ("" for the whole row), reason."""

    row: int
    column: str
    message: str

    def as_line(self) -> str:
        if self.column:
            return f"Dòng {self.row}, cột {self.column}: {self.message}"
        return f"Dòng {self.row}: {self.message}"


class RowFailure(Exception):
    """A row that a service refused while applying: the whole import is rolled back."""

    def __init__(self, error: RowError):
        super().__init__(error.message)
        self.error = error


class StaleImport(Exception):
    """A record changed between reading and writing: the import is undone and must be previewed again."""


@contextmanager
def row_guard(number: int, columns: dict[str, str]):
    """Turn a service's RuleViolation into a RowFailure naming the row and the column at fault."""
    try:
        yield
    except RuleViolation as violation:
        column = columns.get(violation.field or "", "")
        raise RowFailure(RowError(number, column, violation.message)) from violation


class PreviewRow(NamedTuple):
    """A row that would be written, as the preview lists it."""

    number: int
    label: str
    action: str
    changes: list[str]


@dataclass
class ImportPlan:
    kind: str
    filename: str
    errors: list[RowError] = field(default_factory=list)
    #: facts worth showing before confirmation ("3 cụm, khối mới")
    notes: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ACTIONS, 0))
    #: the first SAMPLE_LIMIT rows that would be written, in file order
    samples: list[PreviewRow] = field(default_factory=list)
    #: a fingerprint of what would be written, to notice that the data moved under a preview
    digest: str = ""
    #: what the kind's apply writes (its own validated rows)
    work: object = None
    #: what the confirmation form carries, when the plan may be confirmed (pipeline.preview / apply)
    token: str | None = None
    applied: bool = False
    #: the data changed since the preview: nothing was written, the user must look again
    stale: bool = False

    @property
    def error_rows(self) -> set[int]:
        return {error.row for error in self.errors}

    @property
    def sorted_errors(self) -> list[RowError]:
        return sorted(set(self.errors))

    @property
    def writes(self) -> int:
        return self.counts[NEW] + self.counts[UPDATED]

    @property
    def confirmable(self) -> bool:
        """No error and something to write: only then is a confirmation offered."""
        return not self.errors and self.writes > 0

    def report(self) -> dict:
        """What the preview page shows, as plain data (a job can keep it as its result)."""
        errors = self.sorted_errors
        return {"kind": self.kind, "filename": self.filename, "counts": dict(self.counts), "notes": list(self.notes),
                "error_count": len(self.errors), "error_row_count": len(self.error_rows),
                "errors": [{"row": error.row, "column": error.column, "message": error.message}
                           for error in errors[:ERROR_LIMIT]],
                "samples": [row._asdict() for row in self.samples], "writes": self.writes,
                "confirmable": self.confirmable, "token": self.token, "stale": self.stale, "applied": self.applied}


def finish_from_rows(plan: ImportPlan, rows: list) -> None:
    """For kinds that keep one object per row (.number, .action, .label, .changes): counts without the rows in
    error, the sample in file order, the fingerprint, and the rows as the work to apply (in their order)."""
    failed = plan.error_rows
    for row in rows:
        if row.action in plan.counts and row.number not in failed:
            plan.counts[row.action] += 1
    changed = sorted((row for row in rows if row.action in (NEW, UPDATED)), key=lambda row: row.number)
    plan.samples = [PreviewRow(row.number, row.label, row.action, list(row.changes)) for row in changed[:SAMPLE_LIMIT]]
    summary = [[row.number, row.action, list(row.changes)] for row in sorted(rows, key=lambda r: r.number)]
    payload = json.dumps([plan.kind, summary], ensure_ascii=False, default=str)
    plan.digest = hashlib.sha256(payload.encode("utf-8")).hexdigest()
    plan.work = rows


class Counter:
    """Calls `progress(done, total)` every `every` rows and when asked; `progress` may raise to cancel."""

    def __init__(self, progress: Progress | None, every: int = 1000):
        self.progress, self.every, self.done, self.total = progress, every, 0, None
        self._next, self._last = every, None

    def add(self, rows: int = 1) -> None:
        self.done += rows
        if self.done >= self._next:
            self._next = self.done + self.every
            self.report()

    def expect(self, more: int) -> None:
        """`more` rows still to come after those done: the total is now known."""
        self.total = self.done + more

    def report(self) -> None:
        """Tell `progress` where we are, unless it was told exactly that already."""
        if self.progress is not None and (self.done, self.total) != self._last:
            self._last = (self.done, self.total)
            self.progress(self.done, self.total)
