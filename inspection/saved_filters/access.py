"""Loading a saved filter: a saved filter is personal, so only its owner may use, rename or delete it."""

from flask import abort
from flask_login import current_user

from inspection.extensions import db
from inspection.saved_filters.models import SavedFilter

NEEDS = frozenset({"view", "edit"})


def get_saved_filter(saved_filter_id: int, need: str = "edit") -> SavedFilter:
    """The current user's saved filter, or abort: 404 when there is no such filter, 403 when it is another
    user's (whatever `need`: "view" or "edit"; not even an administrator opens someone else's)."""
    if need not in NEEDS:
        raise ValueError(f"unknown need {need!r}")
    saved = db.session.get(SavedFilter, saved_filter_id)
    if saved is None:
        abort(404)
    if saved.user_id != current_user.id:
        abort(403)
    return saved
