"""Opening a notification changes it (marks it read): without the form's CSRF token the POST is refused,
and the GET an e-mail link makes changes nothing."""

import pytest
from sqlalchemy import select

from inspection.auth.models import Role
from inspection.extensions import db
from inspection.notifications.models import NotificationKind
from inspection.notifications.services import notify
from tests.factories import PASSWORD, make_user


@pytest.fixture
def app_config():
    return {"WTF_CSRF_ENABLED": True}


def token_in(html: str, marker: str = 'name="csrf_token" value="') -> str:
    return html.split(marker)[1].split('"')[0]


def test_opening_needs_the_csrf_token(app):
    user = make_user(Role.INSPECTOR)
    [note] = notify([user], NotificationKind.REMINDER, "Nhắc hạn", "Nội dung", "/todo")
    db.session.commit()
    client = app.test_client()
    login_page = client.get("/login").get_data(as_text=True)
    client.post("/login", data={"username": user.username, "password": PASSWORD,
                                "csrf_token": token_in(login_page, 'name="csrf_token" type="hidden" value="')})

    refused = client.post(f"/notifications/{note.id}/open")
    followed = client.get(f"/notifications/{note.id}/open")
    db.session.expire_all()
    assert refused.status_code == 400 and followed.status_code == 302 and note.read_at is None

    page = client.get("/notifications/").get_data(as_text=True)
    accepted = client.post(f"/notifications/{note.id}/open", data={"csrf_token": token_in(page)})
    db.session.expire_all()
    assert accepted.headers["Location"] == "/todo"
    assert db.session.scalar(select(type(note).read_at).where(type(note).id == note.id)) is not None
