"""Default-deny access: every endpoint is public-listed or declares who may call it."""

from functools import wraps

from flask import Flask, abort, redirect, request, url_for
from flask_login import current_user

from inspection.auth.models import Role, User

#: the only endpoints an anonymous visitor may reach
PUBLIC_ENDPOINTS = frozenset({"auth.login", "auth.set_language", "static", "health.healthz"})

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


def is_admin(user: User) -> bool:
    return user.role == Role.ADMIN


def can_manage_units(user: User) -> bool:
    return user.role == Role.ADMIN
