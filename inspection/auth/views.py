"""Login, logout, own password and language."""

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user, logout_user
from flask_wtf import FlaskForm

from inspection.auth import services, sessions
from inspection.auth.forms import LanguageForm, LoginForm, MailPreferenceForm, PasswordChangeForm
from inspection.auth.models import SessionEnd, User
from inspection.auth.throttle import LoginLimits
from inspection.confirm import Question, Subject, confirm_first
from inspection.extensions import db, login_manager
from inspection.forms_util import apply_rule_violation, save, stale
from inspection.permissions import login_required
from inspection.rules import RuleViolation

bp = Blueprint("auth", __name__)


@login_manager.user_loader
def load_user(token: str) -> User | None:
    """The session and remember cookies carry a session record's token: the record must be live."""
    found = sessions.find_live(token, session_limits())
    if found is None:
        return None  # logged out, ended, expired, or the account is deactivated
    user, g.user_session = found
    return user


def session_limits() -> sessions.SessionLimits:
    return sessions.SessionLimits.from_config(current_app.config)


def login_limits() -> LoginLimits:
    return LoginLimits.from_config(current_app.config)


def client_address() -> str:
    return request.remote_addr or "?"


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        try:
            user = _check_credentials(form.username.data, form.password.data)
        except services.LoginRefused as refused:
            flash(refused.message, "danger")
            return render_template("auth/login.html", form=form), 401
        _begin_session(user, remember=form.remember.data)
        return redirect(_safe_next(form.next.data) or url_for("home.index"))
    return render_template("auth/login.html", form=form)


def _check_credentials(username: str, password: str) -> User:
    services.count_attempt(username, client_address(), login_limits())
    db.session.commit()  # counted before the password is checked, so that parallel guesses see the count
    return services.authenticate(username, password, client_address(), login_limits())


def _begin_session(user: User, remember: bool) -> None:
    """A fresh Flask session (new cookie, new CSRF token: nothing set before login survives it) naming a
    new session record."""
    locale, chosen = session.get("locale"), session.get("locale_chosen_at_login", False)
    session.clear()
    if locale:
        session["locale"] = locale
    if chosen:
        services.set_locale(user, locale)  # chosen on the login page: it wins
    sessions.start_session(user, remember=remember, user_agent=request.user_agent.string,
                           address=client_address())
    sessions.forget_old_sessions(session_limits())
    db.session.commit()
    login_user(user, remember=remember, duration=sessions.remember_lifetime(current_app.config))


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
    sessions.end_session(g.user_session.id, SessionEnd.LOGOUT)
    db.session.commit()
    logout_user()
    flash(_("Bạn đã đăng xuất."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        user, remember = current_user._get_current_object(), g.user_session.remember
        try:
            _change_password(user, form)
        except RuleViolation as violation:
            apply_rule_violation(form, violation)
        else:
            _begin_session(user, remember)  # every session ended with the old password; this one goes on
            flash(_("Đã đổi mật khẩu."), "success")
            return redirect(url_for("home.index"))
    return render_template("auth/password.html", form=form)


def _change_password(user: User, form: PasswordChangeForm) -> None:
    try:
        services.count_attempt(user.username, client_address(), login_limits())
    except services.LoginRefused as refused:
        raise RuleViolation(refused.message, field="current_password") from None
    db.session.commit()  # a wrong current password counts towards the lock, whatever happens next
    services.change_password(user, form.current_password.data, form.new_password.data, client_address(),
                             login_limits())


@bp.route("/account/sessions")
@login_required
def my_sessions():
    return render_template("auth/sessions.html", records=sessions.live_sessions(current_user, session_limits()),
                           current_id=g.user_session.id, action_form=FlaskForm())


def _own_session_subject(record_id: int) -> Subject:
    record = sessions.get_own_session(record_id)
    if record.id == g.user_session.id:
        abort(404)  # this one ends by logging out
    where = " · ".join(part for part in ((record.user_agent or "")[:80], record.client_address) if part)
    return Subject({"where": where or _("thiết bị không rõ")}, url_for("auth.my_sessions"))


@bp.route("/account/sessions/<int:record_id>/end", methods=["POST"])
@login_required
@confirm_first(Question(_l("Kết thúc phiên đăng nhập trên %(where)s?"),
                       _l("Thiết bị đó bị đăng xuất ngay và phải đăng nhập lại."), _l("Kết thúc phiên")),
               _own_session_subject)
def end_my_session(record_id: int):
    record = sessions.get_own_session(record_id)
    if record.id == g.user_session.id:
        abort(404)  # this one ends by logging out
    if not FlaskForm().validate_on_submit():
        abort(400)
    sessions.end_session(record.id, SessionEnd.BY_USER)
    db.session.commit()
    flash(_("Đã kết thúc phiên đăng nhập."), "success")
    return redirect(url_for("auth.my_sessions"))


@bp.route("/account/sessions/end-others", methods=["POST"])
@login_required
@confirm_first(Question(_l("Kết thúc mọi phiên đăng nhập khác của bạn?"),
                       _l("Mọi thiết bị khác bị đăng xuất ngay; phiên bạn đang dùng vẫn tiếp tục."),
                       _l("Kết thúc các phiên khác")),
               lambda: Subject({}, url_for("auth.my_sessions")))
def end_my_other_sessions():
    if not FlaskForm().validate_on_submit():
        abort(400)
    ended = sessions.end_sessions(current_user, SessionEnd.BY_USER, keep=g.user_session.id)
    db.session.commit()
    flash(_("Đã kết thúc %(count)d phiên đăng nhập khác.", count=ended), "success")
    return redirect(url_for("auth.my_sessions"))


@bp.route("/account/notices", methods=["GET", "POST"])
@login_required
def mail_preference():
    """How the user's notices reach their mailbox: each at once, in a daily digest, or not at all."""
    user = current_user._get_current_object()
    form = MailPreferenceForm(data={"mail_preference": user.mail_preference, "version": user.version})
    if form.validate_on_submit():
        ok, changed = save(form, lambda: services.set_mail_preference(
            user, user, form.mail_preference.data, version=form.version.data))
        if ok:
            flash(_("Đã lưu cách nhận thư thông báo.") if changed else _("Không có thay đổi nào để lưu."),
                  "success" if changed else "info")
            return redirect(url_for("auth.mail_preference"))
    conflict = stale(form, user)
    return render_template("auth/mail_preference.html", form=form, conflict=conflict), 409 if conflict else 200


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
