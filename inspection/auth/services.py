"""Login with a lock against password guessing, and password changes."""

import functools
import secrets

from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from inspection import audit
from inspection.auth import sessions, throttle
from inspection.auth.models import MailPreference, Role, SessionEnd, User
from inspection.auth.passwords import check_password_strength
from inspection.extensions import db
from inspection.rules import RuleViolation, require_version
from inspection.timeutil import utcnow

__all__ = ["check_password_strength"]  # admin services check new passwords through here too


class LoginRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def normalise_username(username: str) -> str:
    return username.strip().lower()


def count_attempt(username: str, client_address: str, limits: throttle.LoginLimits) -> None:
    """Count a login attempt before its password is checked; LoginRefused when the account is locked,
    for this address or everywhere. The caller commits at once."""
    locked = throttle.reserve(normalise_username(username), client_address, limits)
    if locked is not None:
        raise LoginRefused(_lock_message(locked, limits))


def _lock_message(locked: throttle.Locked, limits: throttle.LoginLimits) -> str:
    minutes = max(1, int((locked.until - utcnow()).total_seconds() // 60) + 1)
    return _("Tài khoản tạm khóa do đăng nhập sai %(count)d lần. Vui lòng thử lại sau %(minutes)d phút.",
             count=locked.limit, minutes=minutes)


def authenticate(username: str, password: str, client_address: str, limits: throttle.LoginLimits) -> User:
    """The user, or LoginRefused. An unknown user name costs the same hashing as a known one, so the
    time taken does not tell which user names exist."""
    username = normalise_username(username)
    user = db.session.scalar(select(User).where(User.username == username))
    if user is None:
        check_password_hash(_dummy_hash(), password)
        raise LoginRefused(_("Tên đăng nhập hoặc mật khẩu không đúng."))
    if not user.check_password(password) or not user.is_active:
        raise LoginRefused(_("Tên đăng nhập hoặc mật khẩu không đúng."))
    throttle.clear(username, client_address, limits)
    return user


@functools.cache
def _dummy_hash() -> str:
    """A hash made the way real ones are (same method and cost), of a password nobody knows."""
    return generate_password_hash(secrets.token_hex(16))


def change_password(user: User, current: str, new: str, client_address: str, limits: throttle.LoginLimits) -> None:
    """Wrong current passwords count towards the same lock as failed logins (the caller has counted this
    attempt with count_attempt). Every session of the user ends; the caller starts a new one."""
    if not user.check_password(current):
        raise RuleViolation(_("Mật khẩu hiện tại không đúng."), field="current_password")
    if user.check_password(new):
        raise RuleViolation(_("Mật khẩu mới phải khác mật khẩu hiện tại."), field="new_password")
    check_password_strength(new, user.username, field="new_password")
    throttle.clear(user.username, client_address, limits)
    user.set_password(new)
    sessions.end_sessions(user, SessionEnd.PASSWORD)
    audit.record(user, "user.password", user, audit.text("Đổi mật khẩu"))


def set_mail_preference(actor: User, user: User, preference: MailPreference, *, version: int | None) -> bool:
    """A person's own choice of how their notices are e-mailed; False when it did not change."""
    if getattr(actor, "id", None) != user.id:
        raise RuleViolation(_("Chỉ chủ tài khoản mới đổi được cách nhận thư thông báo của mình."))
    require_version(user, version, {"mail_preference": preference},
                    labels={"mail_preference": _("Nhận thư thông báo")})
    if preference == user.mail_preference:
        return False
    before = user.mail_preference
    user.mail_preference = preference
    db.session.flush()
    audit.record(actor, "user.mail_preference", user,
                 audit.text("Đổi cách nhận thư thông báo: %(old)s → %(new)s", old=before.lazy_label,
                            new=preference.lazy_label),
                 before={"mail_preference": before}, after={"mail_preference": preference})
    return True


def set_locale(user: User, locale: str) -> None:
    user.locale = locale


def home_endpoint(user: User) -> str:
    return "home.index" if user.role in tuple(Role) else "auth.login"
