"""Issue #9, "Sessions end when they should": the cookies name a server-side session record, so logout, a
password change, deactivation or an admin make every copy of them useless; idle and absolute limits."""

from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest
from sqlalchemy import select

from inspection.audit import AuditEntry
from inspection.auth.models import Role, UserSession
from inspection.extensions import db
from tests import factories


def _login(client, user, remember=False, agent="Firefox thử nghiệm"):
    data = {"username": user.username, "password": factories.PASSWORD} | ({"remember": "y"} if remember else {})
    response = client.post("/login", data=data, headers={"User-Agent": agent})
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


def _with_cookie(app, name, value):
    """A browser that has only this one cookie: what a thief who copied it would have."""
    thief = app.test_client()
    thief.set_cookie(name, value)
    return thief


def _is_logged_out(client) -> bool:
    response = client.get("/")
    return response.status_code == 302 and response.headers["Location"].startswith("/login")


def _shift(**deltas) -> None:
    """Move every session record's times, as if that much time had passed."""
    for record in db.session.scalars(select(UserSession)):
        for column, delta in deltas.items():
            setattr(record, column, getattr(record, column) + delta)
    db.session.commit()


@pytest.fixture
def user(app):
    made = factories.make_user(Role.INSPECTOR)  # "/" answers 200 (not the council: sent on)
    db.session.commit()
    return made


def test_after_logout_a_copy_of_the_session_cookie_opens_nothing(app, client, user):
    _login(client, user)
    copied = client.get_cookie("session").value
    assert _with_cookie(app, "session", copied).get("/").status_code == 200  # the copy works while logged in
    client.post("/logout")
    assert _is_logged_out(_with_cookie(app, "session", copied))


def test_after_logout_the_remember_cookie_alone_opens_nothing(app, client, user):
    _login(client, user, remember=True)
    copied = client.get_cookie("remember_token").value
    assert _with_cookie(app, "remember_token", copied).get("/").status_code == 200  # a closed-and-reopened browser
    client.post("/logout")
    assert _is_logged_out(_with_cookie(app, "remember_token", copied))


def test_the_remember_cookie_lasts_thirty_days_not_a_year(app, client, user):
    response = client.post("/login", data={"username": user.username, "password": factories.PASSWORD,
                                           "remember": "y"})
    cookie = next(value for value in response.headers.getlist("Set-Cookie") if value.startswith("remember_token="))
    expires = parsedate_to_datetime(cookie.split("Expires=")[1].split(";")[0])
    assert expires - datetime.now(UTC) <= timedelta(days=30, minutes=1)


def test_a_remembered_login_ends_after_thirty_days(app, client, user):
    _login(client, user, remember=True)
    copied = client.get_cookie("remember_token").value
    _shift(created_at=timedelta(days=-29), last_seen_at=timedelta(days=-20))
    assert _with_cookie(app, "remember_token", copied).get("/").status_code == 200  # no idle limit, 30 days
    _shift(created_at=timedelta(days=-2))
    assert _is_logged_out(_with_cookie(app, "remember_token", copied))
    assert _is_logged_out(client)


def test_an_idle_session_ends_after_thirty_minutes(app, client, user):
    _login(client, user)
    _shift(created_at=timedelta(minutes=-29), last_seen_at=timedelta(minutes=-29))
    assert client.get("/").status_code == 200  # still in; the visit counts as activity…
    _shift(created_at=timedelta(minutes=-29))
    assert client.get("/").status_code == 200  # …so another 29 minutes later it is still in
    _shift(last_seen_at=timedelta(minutes=-31))
    assert _is_logged_out(client)


def test_a_busy_session_ends_after_eight_hours(app, client, user):
    _login(client, user)
    _shift(created_at=timedelta(hours=-7, minutes=-55))
    assert client.get("/").status_code == 200
    _shift(created_at=timedelta(minutes=-6))
    assert _is_logged_out(client)


class TestShorterLimits:
    @pytest.fixture
    def app_config(self):
        return {"SESSION_IDLE_MINUTES": 5, "SESSION_LIFETIME_HOURS": 1}

    def test_the_limits_are_settings(self, app, client, user):
        _login(client, user)
        _shift(last_seen_at=timedelta(minutes=-6))
        assert _is_logged_out(client)
        _login(app.test_client(), user)
        _shift(created_at=timedelta(minutes=-61))
        assert db.session.scalar(select(UserSession.id).where(UserSession.ended_at.is_(None))) is not None
        assert _is_logged_out(client)


def test_a_password_change_ends_every_copy_of_every_session(app, login, user):
    laptop, phone = login(user), _login(app.test_client(), user, remember=True)
    laptop_cookie, phone_remember = laptop.get_cookie("session").value, phone.get_cookie("remember_token").value
    response = laptop.post("/account/password", data={"current_password": factories.PASSWORD,
                                                      "new_password": "mot-cau-rat-dai-2026",
                                                      "confirm": "mot-cau-rat-dai-2026"})
    assert response.status_code == 302
    assert laptop.get("/").status_code == 200  # the browser that changed it goes on, in a new session
    assert _is_logged_out(phone)
    assert _is_logged_out(_with_cookie(app, "remember_token", phone_remember))
    assert _is_logged_out(_with_cookie(app, "session", laptop_cookie))


def test_deactivation_ends_sessions_for_good(app, login, client_as, user):
    victim = login(user)
    copied = victim.get_cookie("session").value
    admin = client_as(Role.ADMIN)
    admin.post(f"/admin/users/{user.id}/deactivate", data={"confirmed": "1"})
    assert _is_logged_out(victim)
    db.session.expire_all()
    admin.post(f"/admin/users/{user.id}/edit", data={"full_name": user.full_name, "role": "council", "active": "y",
                                                     "version": str(user.version)})
    db.session.expire_all()
    assert user.is_active_account  # reactivated: the old session must not come back with it
    assert _is_logged_out(_with_cookie(app, "session", copied))


def test_an_admin_ends_a_users_sessions(app, login, client_as, user):
    laptop, phone = login(user), _login(app.test_client(), user, remember=True)
    remember = phone.get_cookie("remember_token").value
    admin = client_as(Role.ADMIN)
    page = admin.get(f"/admin/users/{user.id}/edit").get_data(as_text=True)
    assert "Đang mở: 2 phiên." in page and "Kết thúc mọi phiên đăng nhập" in page
    done = admin.post(f"/admin/users/{user.id}/end-sessions", data={"confirmed": "1"},
                      follow_redirects=True).get_data(as_text=True)
    assert "Đã kết thúc 2 phiên đăng nhập" in done
    assert _is_logged_out(laptop) and _is_logged_out(phone)
    assert _is_logged_out(_with_cookie(app, "remember_token", remember))
    assert "user.end_sessions" in db.session.scalars(select(AuditEntry.action)).all()


def test_only_an_admin_may_end_someone_elses_sessions(app, login, client_as, user):
    victim = login(user)
    assert client_as(Role.COUNCIL).post(f"/admin/users/{user.id}/end-sessions").status_code == 403
    assert victim.get("/").status_code == 200


def test_a_user_sees_their_sessions_and_ends_the_others(app, user):
    office = _login(app.test_client(), user, agent="Chrome văn phòng")
    home = _login(app.test_client(), user, remember=True, agent="Safari ở nhà")
    page = office.get("/account/sessions").get_data(as_text=True)
    assert "Chrome văn phòng" in page and "Safari ở nhà" in page and "Phiên này" in page
    assert "Phiên đăng nhập" in office.get("/").get_data(as_text=True)  # in the account menu
    office.post("/account/sessions/end-others", data={"confirmed": "1"})
    assert office.get("/").status_code == 200
    assert _is_logged_out(home)
    page = office.get("/account/sessions").get_data(as_text=True)
    assert "Safari ở nhà" not in page


def test_a_user_ends_one_other_session_but_never_someone_elses(app, user):
    office = _login(app.test_client(), user, agent="Chrome văn phòng")
    home = _login(app.test_client(), user, agent="Safari ở nhà")
    stranger = factories.make_user(Role.INSPECTOR)
    db.session.commit()
    theirs = _login(app.test_client(), stranger)
    ids = dict(db.session.execute(select(UserSession.user_agent, UserSession.id)).all())
    their_id = db.session.scalar(select(UserSession.id).where(UserSession.user_id == stranger.id))
    assert office.post(f"/account/sessions/{their_id}/end").status_code == 404
    assert theirs.get("/").status_code == 200
    office.post(f"/account/sessions/{ids['Safari ở nhà']}/end", data={"confirmed": "1"})
    assert _is_logged_out(home) and office.get("/").status_code == 200


def test_each_login_gets_a_new_session_id(app, client, user):
    ids = []
    for _ in range(2):
        _login(client, user)
        with client.session_transaction() as session:
            ids.append(session["_user_id"])
        client.post("/logout")
    assert ids[0] != ids[1]
    assert all(len(token) >= 40 and ":" not in token for token in ids)  # a random token, not "<id>:<hash part>"


class TestWithCsrf:
    @pytest.fixture
    def app_config(self):
        return {"WTF_CSRF_ENABLED": True}

    @staticmethod
    def _token(client, path):
        page = client.get(path).get_data(as_text=True)
        return page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]

    def test_the_csrf_token_from_before_login_is_refused_after_it(self, app, client, user):
        before = self._token(client, "/login")
        response = client.post("/login", data={"username": user.username, "password": factories.PASSWORD,
                                               "csrf_token": before})
        assert response.status_code == 302
        assert client.post("/logout", data={"csrf_token": before}).status_code == 400
        assert client.get("/").status_code == 200  # still logged in: the planted token did nothing
        assert client.post("/logout", data={"csrf_token": self._token(client, "/account/password")}).status_code == 302
