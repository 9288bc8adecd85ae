"""Login with a lock against password guessing, and password changes."""

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import delete, select

from inspection import audit
from inspection.auth.models import LoginAttempt, Role, User
from inspection.extensions import db
from inspection.rules import RuleViolation
from inspection.timeutil import utcnow

MIN_PASSWORD_LENGTH = 10


class WrongCurrentPassword(RuleViolation):
    """Carries the failed attempt, which the caller keeps even though it discards the rest."""

    def __init__(self, attempt: LoginAttempt):
        super().__init__(_("Mật khẩu hiện tại không đúng."), field="current_password")
        self.attempt = attempt


class LoginRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def normalise_username(username: str) -> str:
    return username.strip().lower()


def authenticate(username: str, password: str, client_address: str, limits: dict) -> User:
    """The user, or LoginRefused with the message to show. Failures are counted per
    (account, client address), so a stranger elsewhere cannot lock a real user out."""
    username = normalise_username(username)
    now = utcnow()
    locked_until = _locked_until(username, client_address, limits, now)
    if locked_until is not None:
        minutes = max(1, int((locked_until - now).total_seconds() // 60) + 1)
        raise LoginRefused(_("Tài khoản tạm khóa do đăng nhập sai %(count)d lần. "
                             "Vui lòng thử lại sau %(minutes)d phút.",
                             count=limits["max_failures"], minutes=minutes))
    user = db.session.scalar(select(User).where(User.username == username))
    if user is None or not user.check_password(password) or not user.is_active:
        db.session.add(LoginAttempt(username=username, client_address=client_address, attempted_at=now))
        raise LoginRefused(_("Tên đăng nhập hoặc mật khẩu không đúng."))
    db.session.execute(delete(LoginAttempt).where(LoginAttempt.username == username,
                                                  LoginAttempt.client_address == client_address))
    return user


def _locked_until(username: str, address: str, limits: dict, now: datetime) -> datetime | None:
    """Locked when the last `max_failures` failures fell within `window`; for `lock` after the last."""
    recent = list(db.session.scalars(
        select(LoginAttempt.attempted_at)
        .where(LoginAttempt.username == username, LoginAttempt.client_address == address)
        .order_by(LoginAttempt.attempted_at.desc()).limit(limits["max_failures"])))
    if len(recent) < limits["max_failures"] or recent[0] - recent[-1] > limits["window"]:
        return None
    until = recent[0] + limits["lock"]
    return until if now < until else None


def change_password(user: User, current: str, new: str, client_address: str, limits: dict) -> None:
    """Wrong current passwords count towards the same lock as failed logins."""
    now = utcnow()
    if _locked_until(user.username, client_address, limits, now) is not None:
        raise RuleViolation(_("Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần. Vui lòng thử lại sau."),
                            field="current_password")
    if not user.check_password(current):
        raise WrongCurrentPassword(LoginAttempt(username=user.username, client_address=client_address,
                                                attempted_at=now))
    if user.check_password(new):
        raise RuleViolation(_("Mật khẩu mới phải khác mật khẩu hiện tại."), field="new_password")
    check_password_strength(new, field="new_password")
    user.set_password(new)
    audit.record(user, "user.password", user, audit.text("Đổi mật khẩu"))


def check_password_strength(password: str, field: str = "password") -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise RuleViolation(_("Mật khẩu phải có ít nhất %(n)d ký tự.", n=MIN_PASSWORD_LENGTH), field=field)


def set_locale(user: User, locale: str) -> None:
    user.locale = locale


def home_endpoint(user: User) -> str:
    return "home.index" if user.role in tuple(Role) else "auth.login"
