"""The factory, configuration layers, database settings and error pages."""

import pytest
from sqlalchemy import text

from inspection import create_app
from inspection.auth.models import Role
from inspection.extensions import db


def test_configuration_layers(tmp_path, monkeypatch):
    """Defaults, then instance/config.py, then INSPECTION_* environment variables."""
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text('SECRET_KEY = "from-file"\nPAGE_SIZE = 10\nLOGIN_MAX_FAILURES = 7\n')
    monkeypatch.setenv("INSPECTION_PAGE_SIZE", "40")
    monkeypatch.setenv("INSPECTION_DATABASE_URL", f"sqlite:///{tmp_path}/env.sqlite3")
    monkeypatch.setattr("flask.Flask.auto_find_instance_path", lambda self: str(instance))
    app = create_app()
    assert app.config["SECRET_KEY"] == "from-file"
    assert app.config["LOGIN_MAX_FAILURES"] == 7  # file beats default
    assert app.config["PAGE_SIZE"] == 40  # environment beats file
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/env.sqlite3"
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_default_database_is_sqlite_in_instance(tmp_path, monkeypatch):
    monkeypatch.setattr("flask.Flask.auto_find_instance_path", lambda self: str(tmp_path))
    monkeypatch.delenv("INSPECTION_DATABASE_URL", raising=False)
    monkeypatch.setenv("INSPECTION_SECRET_KEY", "x")
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/inspection.sqlite3"


def test_missing_secret_key_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr("flask.Flask.auto_find_instance_path", lambda self: str(tmp_path))
    monkeypatch.delenv("INSPECTION_SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app()


def test_sqlite_runs_with_foreign_keys_wal_and_busy_timeout(app):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite settings")
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_not_found_page_is_vietnamese_then_english(client_as):
    client = client_as(Role.INSPECTOR)
    response = client.get("/units/999999")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.get_data(as_text=True)
    client.post("/language", data={"locale": "en", "next": "/"})
    assert "Page not found" in client.get("/units/999999").get_data(as_text=True)


def test_forbidden_page_in_both_languages(client_as):
    client = client_as(Role.INSPECTOR)
    assert "Không có quyền truy cập" in client.get("/admin/users").get_data(as_text=True)
    client.post("/language", data={"locale": "en", "next": "/"})
    assert "Access denied" in client.get("/admin/users").get_data(as_text=True)


@pytest.mark.fresh_app
def test_a_crash_shows_the_error_page_without_a_stack_trace(app, client_as):
    def explode():
        raise ZeroDivisionError("secret detail")

    explode.allowed_roles = frozenset(Role)
    app.add_url_rule("/explode", "explode", explode)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client_as(Role.ADMIN).get("/explode")
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Đã có lỗi xảy ra" in body
    assert "Traceback" not in body and "secret detail" not in body and "ZeroDivisionError" not in body


def test_behind_a_proxy_the_lock_counts_the_forwarded_address(app):
    """With INSPECTION_PROXY_FIX_X_FOR=1 the client address comes from the proxy's header."""
    from inspection import trust_proxies
    from tests import factories

    app.config["PROXY_FIX_X_FOR"] = 1
    trust_proxies(app)
    user = factories.make_user()
    db.session.commit()
    client = app.test_client()
    for _ in range(5):
        client.post("/login", data={"username": user.username, "password": "wrong-password"},
                    headers={"X-Forwarded-For": "203.0.113.9"})
    other = client.post("/login", data={"username": user.username, "password": factories.PASSWORD},
                        headers={"X-Forwarded-For": "198.51.100.7"})
    assert other.status_code == 302  # another client behind the same proxy is not locked out


def test_the_language_switch_on_a_refused_form_returns_to_the_page_the_form_was_on(client_as):
    """A refused form answers on its POST-only address; switching language there must not GET it (405)."""
    client = client_as(Role.COUNCIL)
    refused = client.post("/saved-filters/register/", data={"name": "", "query": "severity=serious"},
                          headers={"Referer": "http://localhost/recommendations/?severity=serious"})
    html = refused.get_data(as_text=True)
    assert 'name="next" value="/recommendations/?severity=serious"' in html
    back = client.post("/language", data={"locale": "en", "next": "/recommendations/?severity=serious"})
    assert back.status_code == 302 and client.get(back.headers["Location"]).status_code == 200
    page = client.get("/recommendations/?severity=serious").get_data(as_text=True)
    assert 'name="next" value="/recommendations/?severity=serious"' in page
