"""User administration: create, edit, deactivate, assign units. Used by the admin pages and the CLI."""

from flask_babel import gettext as _
from sqlalchemy import select

from inspection import access, audit
from inspection.auth import sessions
from inspection.auth.models import Role, SessionEnd, User
from inspection.auth.services import check_password_strength, normalise_username
from inspection.extensions import db
from inspection.permissions import is_admin
from inspection.rules import RuleViolation, require_version
from inspection.units.models import Unit

USER_FIELDS = ("username", "full_name", "email", "role", "is_active_account")


def create_user(actor, *, username: str, full_name: str, role: Role, password: str,
                email: str | None = None, units: list[Unit] = ()) -> User:
    access.require(actor, is_admin)
    username = normalise_username(username)
    _require_free_username(username)
    check_password_strength(password, username)
    _require_units_fit_role(role, units)
    user = User(username=username, full_name=full_name.strip(), email=email or None, role=role)
    user.set_password(password)
    user.units = list(units)
    db.session.add(user)
    db.session.flush()
    audit.record(actor, "user.create", user, audit.text("Tạo tài khoản %(name)s", name=username),
                 after=_snapshot(user))
    return user


def update_user(actor, user: User, *, full_name: str, role: Role, email: str | None,
                units: list[Unit], active: bool, version: int | None, password: str | None = None) -> User:
    access.require(actor, is_admin)
    require_version(user, version, {"full_name": full_name.strip(), "role": role, "email": email or None,
                                    "is_active_account": active},
                    labels={"full_name": _("Họ và tên"), "role": _("Vai trò"), "email": _("Thư điện tử"),
                            "is_active_account": _("Đang hoạt động")})
    _require_units_fit_role(role, units)
    if user.id == getattr(actor, "id", None) and (not active or role != Role.ADMIN):
        raise RuleViolation(_("Bạn không thể tự khóa hoặc bỏ quyền quản trị của chính mình."), field="role")
    before = _snapshot(user)
    user.full_name, user.role, user.email = full_name.strip(), role, email or None
    user.units, user.is_active_account = list(units), active
    if password:
        check_password_strength(password, user.username)
        user.set_password(password)
    _end_sessions_for_change(user, password_reset=bool(password))
    audit.record(actor, "user.update", user, audit.text("Sửa tài khoản %(name)s", name=user.username),
                 before=before, after=_snapshot(user) | ({"password": "đã đặt lại"} if password else {}))
    return user


def deactivate_user(actor, user: User) -> User:
    access.require(actor, is_admin)
    if user.id == getattr(actor, "id", None):
        raise RuleViolation(_("Bạn không thể tự khóa tài khoản của chính mình."))
    if not user.is_active_account:
        raise RuleViolation(_("Tài khoản %(name)s đã bị khóa từ trước.", name=user.username))
    before = _snapshot(user)
    user.is_active_account = False
    sessions.end_sessions(user, SessionEnd.DEACTIVATED)
    audit.record(actor, "user.deactivate", user, audit.text("Khóa tài khoản %(name)s", name=user.username),
                 before=before, after=_snapshot(user))
    return user


def end_user_sessions(actor, user: User) -> int:
    """An admin signs the user out everywhere (a lost laptop, a shared computer); how many sessions ended."""
    access.require(actor, is_admin)
    ended = sessions.end_sessions(user, SessionEnd.ADMIN)
    audit.record(actor, "user.end_sessions", user,
                 audit.text("Kết thúc %(count)s phiên đăng nhập của %(name)s", count=ended, name=user.username))
    return ended


def _end_sessions_for_change(user: User, password_reset: bool) -> None:
    """A reset password or a deactivated account leaves no session open."""
    if not user.is_active_account:
        sessions.end_sessions(user, SessionEnd.DEACTIVATED)
    elif password_reset:
        sessions.end_sessions(user, SessionEnd.PASSWORD)


def _snapshot(user: User) -> dict:
    return audit.changes(user, USER_FIELDS) | {"units": [unit.code for unit in user.units]}


def _require_free_username(username: str) -> None:
    if not username:
        raise RuleViolation(_("Tên đăng nhập không được để trống."), field="username")
    if db.session.scalar(select(User.id).where(User.username == username)) is not None:
        raise RuleViolation(_("Tên đăng nhập “%(name)s” đã có.", name=username), field="username")


def _require_units_fit_role(role: Role, units) -> None:
    if role == Role.UNIT_OFFICER and not units:
        raise RuleViolation(_("Cán bộ đầu mối phải được gán ít nhất một đơn vị."), field="unit_codes")
