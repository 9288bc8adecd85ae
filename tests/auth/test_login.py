"""Login, logout, the lock against password guessing, sessions, CSRF."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from inspection.audit import AuditEntry
from inspection.auth.models import LoginThrottle, Role
from inspection.extensions import db
from tests import factories

WRONG = "not-the-password"


def _login(client, username, password, address="10.0.0.1"):
    return client.post("/login", data={"username": username, "password": password},
                       environ_base={"REMOTE_ADDR": address})


def test_login_lands_on_home_and_logout_ends_the_session(app, client):
    user = factories.make_user(Role.COUNCIL)
    db.session.commit()
    response = _login(client, user.username, factories.PASSWORD)
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert "<h1 class=\"h3 mb-0\">Tổng quan</h1>" in client.get("/", follow_redirects=True).get_data(as_text=True)
    client.post("/logout")
    assert client.get("/").headers["Location"].startswith("/login")


def test_wrong_password_shows_the_vietnamese_message(app, client):
    user = factories.make_user()
    db.session.commit()
    response = _login(client, user.username, WRONG)
    assert response.status_code == 401
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.get_data(as_text=True)


def test_user_name_is_case_insensitive(app, client):
    factories.make_user(username="canbo")
    db.session.commit()
    assert _login(client, "  CanBo ", factories.PASSWORD).status_code == 302


def test_five_failures_lock_the_account_for_this_address_only(app, client):
    user = factories.make_user()
    db.session.commit()
    for _ in range(5):
        assert _login(client, user.username, WRONG).status_code == 401
    locked = _login(client, user.username, factories.PASSWORD)
    assert locked.status_code == 401
    assert "Tài khoản tạm khóa do đăng nhập sai 5 lần" in locked.get_data(as_text=True)
    # The real user, elsewhere, is not locked out by someone guessing from 10.0.0.1.
    assert _login(app.test_client(), user.username, factories.PASSWORD, address="10.0.0.2").status_code == 302


def test_four_failures_do_not_lock(app, client):
    user = factories.make_user()
    db.session.commit()
    for _ in range(4):
        _login(client, user.username, WRONG)
    assert _login(client, user.username, factories.PASSWORD).status_code == 302


def test_lock_ends_after_fifteen_minutes(app, client):
    user = factories.make_user()
    db.session.commit()
    for _ in range(5):
        _login(client, user.username, WRONG)
    assert _login(client, user.username, factories.PASSWORD).status_code == 401
    _shift_attempts(timedelta(minutes=-16))
    assert _login(client, user.username, factories.PASSWORD).status_code == 302


def test_failures_spread_over_more_than_fifteen_minutes_do_not_lock(app, client):
    user = factories.make_user()
    db.session.commit()
    for _ in range(4):
        _login(client, user.username, WRONG)
    _shift_attempts(timedelta(minutes=-20))
    _login(client, user.username, WRONG)
    assert _login(client, user.username, factories.PASSWORD).status_code == 302


def _shift_attempts(delta: timedelta) -> None:
    for count in db.session.scalars(select(LoginThrottle)):
        count.window_started_at += delta
        count.last_attempt_at += delta
    db.session.commit()


def test_deactivated_user_cannot_log_in_and_loses_open_session(app, login, client):
    user = factories.make_user()
    db.session.commit()
    session_client = login(user)
    user.is_active_account = False
    db.session.commit()
    assert session_client.get("/").status_code == 302  # sent back to login
    assert _login(client, user.username, factories.PASSWORD).status_code == 401


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"])
def test_login_never_redirects_off_site(app, client, target):
    user = factories.make_user()
    db.session.commit()
    response = client.post("/login", data={"username": user.username, "password": factories.PASSWORD,
                                           "next": target})
    assert response.headers["Location"] == "/"


def test_login_returns_to_the_page_asked_for(app, client):
    user = factories.make_user()
    db.session.commit()
    redirect = client.get("/units/").headers["Location"]
    assert redirect == "/login?next=/units/"
    response = client.post("/login", data={"username": user.username, "password": factories.PASSWORD,
                                           "next": "/units/"})
    assert response.headers["Location"] == "/units/"


def test_change_own_password(app, login):
    user = factories.make_user()
    db.session.commit()
    client = login(user)
    bad = client.post("/account/password", data={"current_password": WRONG, "new_password": "new-password-1",
                                                  "confirm": "new-password-1"})
    assert "Mật khẩu hiện tại không đúng." in bad.get_data(as_text=True)
    mismatch = client.post("/account/password", data={"current_password": factories.PASSWORD,
                                                       "new_password": "new-password-1", "confirm": "other-pass-1"})
    assert "Hai mật khẩu không khớp." in mismatch.get_data(as_text=True)
    ok = client.post("/account/password", data={"current_password": factories.PASSWORD,
                                                 "new_password": "new-password-1", "confirm": "new-password-1"})
    assert ok.status_code == 302
    db.session.refresh(user)
    assert user.check_password("new-password-1") and not user.check_password(factories.PASSWORD)
    assert user.password_hash.startswith("scrypt:")
    assert db.session.scalar(select(AuditEntry.action).where(AuditEntry.target_id == user.id)) == "user.password"


class TestWithCsrf:
    @pytest.fixture
    def app_config(self):
        return {"WTF_CSRF_ENABLED": True}

    def test_a_form_without_its_token_is_refused_and_changes_nothing(self, app, client):
        user = factories.make_user()
        db.session.commit()
        response = client.post("/login", data={"username": user.username, "password": factories.PASSWORD})
        assert response.status_code == 400
        assert "Biểu mẫu đã hết hạn" in response.get_data(as_text=True)
        assert client.get("/").status_code == 302  # still not logged in

    def test_session_cookie_is_httponly_and_lax(self, app, client):
        user = factories.make_user()
        db.session.commit()
        page = client.get("/login").get_data(as_text=True)
        token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
        response = client.post("/login", data={"username": user.username, "password": factories.PASSWORD,
                                               "csrf_token": token})
        cookie = next(value for value in response.headers.getlist("Set-Cookie") if value.startswith("session="))
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


class TestBehindHttps:
    @pytest.fixture
    def app_config(self):
        return {"SESSION_COOKIE_SECURE": True}

    def test_session_cookie_is_secure(self, app, client):
        user = factories.make_user()
        db.session.commit()
        response = _login(client, user.username, factories.PASSWORD)
        cookie = next(value for value in response.headers.getlist("Set-Cookie") if value.startswith("session="))
        assert "Secure" in cookie


def test_new_password_must_differ_and_wrong_guesses_lock(app, login):
    user = factories.make_user()
    db.session.commit()
    client = login(user)
    same = client.post("/account/password", data={"current_password": factories.PASSWORD,
                                                  "new_password": factories.PASSWORD, "confirm": factories.PASSWORD})
    assert "Mật khẩu mới phải khác mật khẩu hiện tại." in same.get_data(as_text=True)
    for _ in range(5):
        client.post("/account/password", data={"current_password": WRONG, "new_password": "new-password-1",
                                               "confirm": "new-password-1"})
    locked = client.post("/account/password", data={"current_password": factories.PASSWORD,
                                                     "new_password": "new-password-1", "confirm": "new-password-1"})
    assert "Tài khoản tạm khóa" in locked.get_data(as_text=True)
    db.session.expire_all()
    assert user.check_password(factories.PASSWORD)


def test_changing_the_password_ends_other_sessions(app, login):
    user = factories.make_user()
    db.session.commit()
    laptop, phone = login(user), login(user)
    laptop.post("/account/password", data={"current_password": factories.PASSWORD,
                                           "new_password": "new-password-1", "confirm": "new-password-1"})
    assert laptop.get("/").status_code == 200  # the session that changed it stays signed in
    assert phone.get("/").status_code == 302  # the other one is signed out


def test_language_chosen_on_the_login_page_wins(app, client):
    user = factories.make_user(Role.COUNCIL)
    user.locale = "vi"
    db.session.commit()
    client.post("/language", data={"locale": "en", "next": "/login"})
    _login(client, user.username, factories.PASSWORD)
    assert "<h1 class=\"h3 mb-0\">Overview</h1>" in client.get("/", follow_redirects=True).get_data(as_text=True)
    db.session.expire_all()
    assert user.locale == "en"
