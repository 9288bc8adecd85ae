"""Strict-Transport-Security goes out exactly when the portal says it is served over HTTPS (the
secure-cookie setting): on plain HTTP it would lock browsers out of a portal that has no certificate."""

import pytest

from inspection.auth.models import Role


@pytest.fixture
def app_config():
    return {"SESSION_COOKIE_SECURE": True, "REMEMBER_COOKIE_SECURE": True}


def test_hsts_is_sent_on_pages_downloads_and_errors_behind_https(app, client_as):
    client = client_as(Role.ADMIN)
    for path in ("/", "/import/template/units.xlsx", "/recommendations/987654"):
        response = client.get(path, base_url="https://localhost")
        assert response.headers.get("Strict-Transport-Security") == "max-age=31536000", path
    login_page = client.get("/login", base_url="https://localhost")
    assert login_page.headers["Strict-Transport-Security"] == "max-age=31536000"


def test_the_max_age_is_a_setting(app, client):
    app.config["HSTS_MAX_AGE"] = 600
    assert client.get("/login").headers["Strict-Transport-Security"] == "max-age=600"
