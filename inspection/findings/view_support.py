"""Small helpers shared by the findings views."""

from inspection.findings.editing import EditConflict


def submitted_version(form) -> int:
    """The version the form was built from; 0 (never a real version) when it is missing or garbled,
    so that a form without one is treated as stale rather than trusted."""
    try:
        return int(form.version.data)
    except (TypeError, ValueError):
        return 0


def accept_conflict(form, conflict: EditConflict) -> EditConflict:
    """Keep what the user typed, but let a second save, made knowingly, go through."""
    form.version.data = conflict.current_version
    return conflict
