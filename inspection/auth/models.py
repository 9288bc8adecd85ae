"""Accounts, roles and the record of login attempts."""

import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy import Column, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from inspection.enums import LabelledEnum, enum_column, register_labels
from inspection.extensions import db
from inspection.timeutil import utcnow


class Role(LabelledEnum):
    ADMIN = "admin"
    COUNCIL = "council"
    INSPECTOR = "inspector"
    UNIT_OFFICER = "unit_officer"


register_labels({
    Role.ADMIN: _l("Quản trị hệ thống"),
    Role.COUNCIL: _l("Hội đồng / Tổ thư ký"),
    Role.INSPECTOR: _l("Thành viên đoàn kiểm tra"),
    Role.UNIT_OFFICER: _l("Cán bộ đầu mối đơn vị"),
})

class MailPreference(LabelledEnum):
    """How a person gets the e-mail copy of their notices (the portal shows every notice either way)."""

    IMMEDIATELY = "immediately"
    DIGEST = "digest"
    NEVER = "never"


register_labels({
    MailPreference.IMMEDIATELY: _l("Gửi ngay từng thông báo"),
    MailPreference.DIGEST: _l("Gộp thành một thư tóm tắt mỗi ngày"),
    MailPreference.NEVER: _l("Không gửi thư (chỉ xem trên Cổng)"),
})

user_units = Table(
    "user_unit",
    db.Model.metadata,
    Column("user_id", ForeignKey("user.id", ondelete="CASCADE"), primary_key=True),
    Column("unit_id", ForeignKey("unit.id", ondelete="CASCADE"), primary_key=True),
)


class User(UserMixin, db.Model):
    __tablename__ = "user"
    #: the audit log's words for the actions recorded with these keys (inspection/labels.py)
    __audit_action_labels__ = {
        "user.create": _l("Tạo tài khoản"),
        "user.update": _l("Sửa tài khoản"),
        "user.deactivate": _l("Khóa tài khoản"),
        "user.end_sessions": _l("Kết thúc mọi phiên đăng nhập"),
        "user.password": _l("Đổi mật khẩu"),
        "user.mail_preference": _l("Đổi cách nhận thư thông báo"),
    }
    #: what the audit log calls a record of this table
    __audit_name__ = _l("Tài khoản")
    #: audit keys that are not columns (inspection/labels.py)
    __audit_labels__ = {"password": _l("Mật khẩu")}

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True, info={"label": _l("Tên đăng nhập")})
    full_name: Mapped[str] = mapped_column(String(200), info={"label": _l("Họ và tên")})
    email: Mapped[str | None] = mapped_column(String(200), info={"label": _l("Thư điện tử")})
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[Role] = enum_column(Role, info={"label": _l("Vai trò")})
    is_active_account: Mapped[bool] = mapped_column(default=True, info={"label": _l("Đang hoạt động")})
    #: "vi" or "en"; None means the portal default (Vietnamese)
    locale: Mapped[str | None] = mapped_column(String(8))
    mail_preference: Mapped[MailPreference] = enum_column(
        MailPreference, default=MailPreference.IMMEDIATELY, server_default=MailPreference.IMMEDIATELY.value,
        info={"label": _l("Nhận thư thông báo")})
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    #: named, not imported: accounts sit below units in the layers (docs/architecture.md); SQLAlchemy finds
    #: the class in its registry when the mappers are configured
    units: Mapped[list["Unit"]] = relationship(secondary=user_units, order_by="Unit.code",  # noqa: F821
                                           info={"label": _l("Đơn vị")})

    __mapper_args__ = {"version_id_col": version}

    #: the token of the session this request runs in: set at login and by the user loader, never stored.
    #: Flask-Login puts it in the session and remember cookies, so they name a session record, not the user.
    session_token = None  # str | None; not annotated, so not mapped

    def get_id(self) -> str | None:
        return self.session_token

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users at login and on every request
        return self.is_active_account

    def set_password(self, password: str) -> None:
        # Werkzeug 3 defaults to scrypt: a memory-hard, salted scheme.
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def has_role(self, *roles: Role) -> bool:
        return self.role in roles


class LoginThrottle(db.Model):
    """Failed (and in-flight) login attempts counted under one key: an account, or an account from one
    client address. One row per key, changed by a single conditional UPDATE, so parallel guesses cannot
    all slip under the limit."""

    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(160), primary_key=True)
    attempts: Mapped[int] = mapped_column(default=0)
    window_started_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_attempt_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class SessionEnd(enum.StrEnum):
    LOGOUT = "logout"
    PASSWORD = "password"
    DEACTIVATED = "deactivated"
    ADMIN = "admin"
    BY_USER = "by_user"


class UserSession(db.Model):
    """One login on one browser. The cookies carry only its random token; the database keeps a hash of the
    token, so ending the record makes every copy of the cookies useless."""

    __tablename__ = "user_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    remember: Mapped[bool] = mapped_column(default=False)
    user_agent: Mapped[str | None] = mapped_column(String(300))
    client_address: Mapped[str | None] = mapped_column(String(64))
    ended_at: Mapped[datetime | None] = mapped_column()
    ended_reason: Mapped[SessionEnd | None] = enum_column(SessionEnd, nullable=True)
    user: Mapped[User] = relationship()
