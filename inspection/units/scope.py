"""Which units' records a user may see: overseers all of them, a unit officer their own units and the units
below them. Worked out once per request and user, since a page checks each record it lists against it."""

from flask import g, has_request_context
from flask import request as current_request
from flask_login import current_user

from inspection.auth.models import User
from inspection.permissions import OVERSEERS
from inspection.units.models import Unit
from inspection.units.queries import subtree_ids


def visible_unit_ids(user: User) -> set[int] | None:
    """Units whose records the user may see: None means all of them. Worked out once per request and
    user, since a page checks each record it lists against it."""
    if user.role in OVERSEERS:
        return None
    if not has_request_context():
        return _subtree_of_units(user)
    # kept on the request itself: `g` may outlive one request (a test's app context spans several)
    cache = current_request.__dict__.setdefault("_visible_units_by_user", {})
    if user.id not in cache:
        cache[user.id] = _subtree_of_units(user)
    return set(cache[user.id])


def _subtree_of_units(user: User) -> set[int]:
    return subtree_ids({unit.id for unit in user.units})


def can_see_unit(user: User, unit: Unit) -> bool:
    visible = visible_unit_ids(user)
    return visible is None or unit.id in visible


def current_user_sees_unit(unit: Unit) -> bool:
    """For templates: whether to link to a unit's page. The visible set is computed once a request."""
    if "visible_unit_ids" not in g:
        g.visible_unit_ids = visible_unit_ids(current_user)
    return g.visible_unit_ids is None or unit.id in g.visible_unit_ids
