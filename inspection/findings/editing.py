"""Optimistic locking for edit forms: a stale form is refused with the fields that differ.

Findings and recommendations carry a version column; an edit names the version its form was built
from. When that is not the record's version any more, EditConflict lists, per field, the saved value
and the value the user typed, and nothing is saved."""

from dataclasses import dataclass
from typing import Any

from inspection import rules
from inspection.missions.models import WorkingSession
from inspection.units.models import Unit


@dataclass(frozen=True)
class FieldConflict:
    """One field whose saved value differs from what the user typed on a stale form."""

    field: str
    current: Any
    submitted: Any


class EditConflict(rules.EditConflict):
    """The portal's stale-form refusal, keeping the raw values for the findings pages' own table."""

    def __init__(self, conflicts: list[FieldConflict], current_version: int):
        super().__init__([(c.field, c.current, c.submitted) for c in conflicts])
        self.conflicts = conflicts
        self.current_version = current_version


def require_version(record, expected: int | None, current: dict, submitted: dict) -> None:
    if expected is None or expected == record.version:
        return
    conflicts = [FieldConflict(name, current[name], value) for name, value in submitted.items()
                 if not same(current[name], value)]
    raise EditConflict(conflicts, record.version)


def same(left, right) -> bool:
    """Equality as a reader sees it: lists of units compare as sets, blank text as nothing."""
    if isinstance(left, list) or isinstance(right, list):
        return {unit.id for unit in left or []} == {unit.id for unit in right or []}
    if left in ("", None) and right in ("", None):
        return True
    return left == right


def differences(before: dict, after: dict) -> dict:
    """before= and after= for the audit log: only the fields that changed."""
    changed = [name for name in after if not same(before.get(name), after[name])]
    return {"before": plain({name: before.get(name) for name in changed}),
            "after": plain({name: after[name] for name in changed})}


def plain(values: dict) -> dict:
    """Values for the audit log: units by code, sessions by date."""
    return {key: plain_value(value) for key, value in values.items()}


def plain_value(value):
    if isinstance(value, Unit):
        return value.code
    if isinstance(value, WorkingSession):
        return value.held_on
    if isinstance(value, list):
        return [plain_value(item) for item in value]
    return value
