"""Small helpers shared by the findings views."""

from inspection.rules import EditConflict, parsed_version


def submitted_version(form) -> int | None:
    """The version the form was built from; None (stale, refused) when it is missing or garbled."""
    return parsed_version(form.version.data)


def accept_conflict(form, conflict: EditConflict) -> EditConflict:
    """Keep what the user typed, but let a second save, made knowingly, go through."""
    form.version.data = conflict.current_version
    return conflict.label_from(form)
