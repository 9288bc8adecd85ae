"""Login, logout, own password and language."""

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from inspection.auth import services
from inspection.auth.forms import LanguageForm, LoginForm, PasswordChangeForm
from inspection.auth.models import User
from inspection.extensions import db, login_manager
from inspection.forms_util import apply_rule_violation
from inspection.permissions import login_required
from inspection.rules import RuleViolation

bp = Blueprint("auth", __name__)


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    user_id, _sep, fragment = session_id.partition(":")
    user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
    if user is None or not user.is_active or user.get_id() != session_id:
        return None  # deactivated, or the password changed since this session began
    return user


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.username.data, form.password.data,
                                         request.remote_addr or "?", _login_limits())
        except services.LoginRefused as refused:
            db.session.commit()  # the failed attempt must be kept for the lock to work
            flash(refused.message, "danger")
            return render_template("auth/login.html", form=form), 401
        if session.pop("locale_chosen_at_login", False):
            services.set_locale(user, session.get("locale"))  # chosen on the login page: it wins
        db.session.commit()
        login_user(user, remember=form.remember.data)
        return redirect(_safe_next(form.next.data) or url_for("home.index"))
    return render_template("auth/login.html", form=form)


def _login_limits() -> dict:
    config = current_app.config
    return {"max_failures": config["LOGIN_MAX_FAILURES"], "window": config["LOGIN_FAILURE_WINDOW"],
            "lock": config["LOGIN_LOCK_DURATION"]}


def _safe_next(target: str | None) -> str | None:
    """Only a path on this site: an open redirect would let a phishing link borrow our login page."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    logout_user()
    flash(_("Bạn đã đăng xuất."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        try:
            services.change_password(user, form.current_password.data, form.new_password.data,
                                     request.remote_addr or "?", _login_limits())
        except RuleViolation as violation:
            apply_rule_violation(form, violation)
            if isinstance(violation, services.WrongCurrentPassword):
                db.session.add(violation.attempt)  # counts towards the lock
                db.session.commit()
        else:
            db.session.commit()
            login_user(user)  # the session id embeds the password; other sessions end
            flash(_("Đã đổi mật khẩu."), "success")
            return redirect(url_for("home.index"))
    return render_template("auth/password.html", form=form)


@bp.route("/language", methods=["POST"])
def set_language():
    """Public, so the login page can switch language too; remembered on the account when logged in."""
    form = LanguageForm()
    locale = form.locale.data if form.validate_on_submit() else None
    if locale in current_app.config["LANGUAGES"]:
        session["locale"] = locale
        if current_user.is_authenticated:
            services.set_locale(current_user, locale)
            db.session.commit()
        else:
            session["locale_chosen_at_login"] = True
    return redirect(_safe_next(form.next.data) or url_for("home.index"))
