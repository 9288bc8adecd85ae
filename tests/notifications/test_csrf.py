"""Marking read changes data: without the form's CSRF token it is refused."""

import pytest

from inspection.auth.models import Role
from inspection.extensions import db
from inspection.notifications.models import NotificationKind
from inspection.notifications.services import notify
from tests.factories import PASSWORD, make_user


@pytest.fixture
def app_config():
    return {"WTF_CSRF_ENABLED": True}


def test_marking_read_needs_the_csrf_token(app):
    user = make_user(Role.INSPECTOR)
    [note] = notify([user], NotificationKind.REMINDER, "Nhắc hạn", "Nội dung")
    db.session.commit()
    client = app.test_client()
    login_page = client.get("/login").get_data(as_text=True)
    token = login_page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    client.post("/login", data={"username": user.username, "password": PASSWORD, "csrf_token": token})

    refused = client.post(f"/notifications/{note.id}/read")
    page = client.get("/notifications/").get_data(as_text=True)
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    accepted = client.post(f"/notifications/{note.id}/read", data={"csrf_token": token})

    assert refused.status_code == 400 and accepted.status_code == 302
