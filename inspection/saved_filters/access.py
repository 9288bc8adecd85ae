"""Loading a saved filter: a saved filter is personal, so only its owner may use, rename or delete it."""

from inspection.access import Need, load, register
from inspection.saved_filters.models import SavedFilter


def is_owner(user, saved: SavedFilter) -> bool:
    """Not even an administrator opens someone else's saved filter."""
    return saved.user_id == user.id


register(SavedFilter, {Need.VIEW: is_owner, Need.EDIT: is_owner})


def get_saved_filter(saved_filter_id: int, need: Need = Need.EDIT) -> SavedFilter:
    """The current user's saved filter, or abort: 404 when there is no such filter, 403 when it is another
    user's (whatever `need`: VIEW or EDIT)."""
    return load(SavedFilter, saved_filter_id, need)
