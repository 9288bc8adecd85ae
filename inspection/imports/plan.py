"""What an import would do: one action per row, and every row error, before anything is written."""

import hashlib
import json
from contextlib import contextmanager
from dataclasses import dataclass, field

from inspection.rules import RuleViolation

NEW, UPDATED, UNCHANGED = "new", "updated", "unchanged"
ACTIONS = (NEW, UPDATED, UNCHANGED)


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


@contextmanager
def row_guard(number: int, columns: dict[str, str]):
    """Turn a service's RuleViolation into a RowFailure naming the row and the column at fault."""
    try:
        yield
    except RuleViolation as violation:
        column = columns.get(violation.field or "", "")
        raise RowFailure(RowError(number, column, violation.message)) from violation


@dataclass
class ImportPlan:
    kind: str
    filename: str
    #: validated rows in the order they will be applied; each has .number, .action, .label, .changes
    rows: list = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    #: facts worth showing before confirmation ("3 cụm, khối mới")
    notes: list[str] = field(default_factory=list)
    applied: bool = False
    #: the data changed since the preview: nothing was written, the admin must look again
    stale: bool = False

    @property
    def error_rows(self) -> set[int]:
        return {error.row for error in self.errors}

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(ACTIONS, 0)
        failed = self.error_rows
        for row in self.rows:
            if row.action in counts and row.number not in failed:
                counts[row.action] += 1
        return counts

    @property
    def sorted_errors(self) -> list[RowError]:
        return sorted(set(self.errors))

    @property
    def changed_rows(self) -> list:
        """Rows that would be written, in file order (for the preview table)."""
        return sorted((row for row in self.rows if row.action in (NEW, UPDATED)), key=lambda row: row.number)

    def digest(self) -> str:
        """A fingerprint of what would be written, to notice that the data moved under a preview."""
        summary = [[row.number, row.action, list(row.changes)] for row in sorted(self.rows, key=lambda r: r.number)]
        payload = json.dumps([self.kind, summary], ensure_ascii=False, default=str)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()
