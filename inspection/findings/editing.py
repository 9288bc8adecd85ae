"""What changed in an edit of a finding or a recommendation, for the audit log. (The stale-form check is
the portal's one, rules.require_version.)"""

from inspection.missions.models import WorkingSession
from inspection.rules import same
from inspection.units.models import Unit


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
