"""Default-deny access: every endpoint is public-listed or declares who may call it."""

from functools import wraps

from flask import Flask, abort, redirect, request, url_for
from flask_login import current_user

from inspection.auth.models import Role, User
from inspection.units.models import Unit

#: the only endpoints an anonymous visitor may reach
PUBLIC_ENDPOINTS = frozenset({"auth.login", "auth.set_language", "static"})

ALL_ROLES = tuple(Role)
#: roles that see every unit's records
OVERSEERS = (Role.ADMIN, Role.COUNCIL, Role.INSPECTOR)


def roles_required(*roles: Role):
    """Mark a view as open to these roles only (any logged-in user when none are given)."""
    allowed = frozenset(roles or ALL_ROLES)

    def decorate(view):
        @wraps(view)
        def guarded(*args, **kwargs):
            if current_user.role not in allowed:
                abort(403)
            return view(*args, **kwargs)

        guarded.allowed_roles = allowed
        return guarded

    return decorate


login_required = roles_required()


def install_default_deny(app: Flask) -> None:
    app.before_request(_deny_unless_allowed)


def _deny_unless_allowed():
    if request.endpoint is None or request.endpoint in PUBLIC_ENDPOINTS:
        return None
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    view = request.url_rule and _view_function(request.endpoint)
    if view is None or not hasattr(view, "allowed_roles"):
        abort(403)  # an endpoint nobody declared a guard for is closed, not open
    return None


def _view_function(endpoint: str):
    from flask import current_app

    return current_app.view_functions.get(endpoint)


def visible_unit_ids(user: User) -> set[int] | None:
    """Units whose records the user may see: None means all of them. Worked out once per request and
    user, since a page checks each record it lists against it."""
    if user.role in OVERSEERS:
        return None
    from flask import has_request_context
    from flask import request as current_request

    if not has_request_context():
        return _subtree_of_units(user)
    # kept on the request itself: `g` may outlive one request (a test's app context spans several)
    cache = current_request.__dict__.setdefault("_visible_units_by_user", {})
    if user.id not in cache:
        cache[user.id] = _subtree_of_units(user)
    return set(cache[user.id])


def _subtree_of_units(user: User) -> set[int]:
    from inspection.units.queries import subtree_ids

    return subtree_ids({unit.id for unit in user.units})


def can_see_unit(user: User, unit: Unit) -> bool:
    visible = visible_unit_ids(user)
    return visible is None or unit.id in visible


def current_user_sees_unit(unit: Unit) -> bool:
    """For templates: whether to link to a unit's page. The visible set is computed once a request."""
    from flask import g

    if "visible_unit_ids" not in g:
        g.visible_unit_ids = visible_unit_ids(current_user)
    return g.visible_unit_ids is None or unit.id in g.visible_unit_ids


def is_admin(user: User) -> bool:
    return user.role == Role.ADMIN


def can_manage_units(user: User) -> bool:
    return user.role == Role.ADMIN
