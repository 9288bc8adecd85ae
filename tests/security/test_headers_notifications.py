"""Notification links stay inside the portal: addresses typed into a recommendation or a council note
("//evil.example/x", "/\\evil…", "https://…", "javascript:…") reach /notifications/ and the e-mail as
plain text, never as links; a notification's own link is refused on writing and checked on opening; and
only a POST marks a notification read (a GET from an e-mail, a link preview or a mail scanner changes nothing)."""

import re

import pytest
from sqlalchemy import select

from inspection.auth.models import Role
from inspection.extensions import db
from inspection.notifications.links import absolute_links, linkify_paths
from inspection.notifications.mail import mail_body
from inspection.notifications.models import Notification, NotificationKind
from inspection.notifications.services import notify
from tests.factories import make_user
from tests.security.headers_world import OUTSIDE_TARGETS, build_world

HREF = re.compile(r'\shref="([^"]*)"')


def is_portal_path(href: str) -> bool:
    return href.startswith("/") and not href.startswith("//") and "\\" not in href and href.isprintable() \
        and not any(char.isspace() for char in href)


@pytest.fixture
def world(app):
    return build_world(app)


def notes_of(user) -> list[Notification]:
    return list(db.session.scalars(select(Notification).where(Notification.user_id == user.id)))


@pytest.mark.parametrize("role", [Role.UNIT_OFFICER, Role.COUNCIL])
def test_addresses_typed_by_people_are_text_on_the_notification_list(login, world, role):
    user = world.users[role]
    assert notes_of(user), "the escalated decision notified them"
    page = login(user).get("/notifications/").get_data(as_text=True)
    html = page.split('<ul class="list-unstyled notification-list">')[1].split("</ul>")[0]

    hrefs = HREF.findall(html)
    assert [href for href in hrefs if not is_portal_path(href)] == []
    assert "evil.example" in html  # the text is shown, as text
    assert '<a href="/recommendations/1">/recommendations/1</a>' in html  # a portal path is still a link


@pytest.mark.parametrize("target", OUTSIDE_TARGETS + ["/\\\\evil.example", "/\u3000/evil", "//", "/\r/evil"])
def test_no_outside_address_becomes_a_link_on_the_page_or_in_the_mail(app, target):
    body = f"Xem {target} và /todo"
    assert [href for href in HREF.findall(str(linkify_paths(body))) if not is_portal_path(href)] == []
    mail, public = absolute_links(body), app.config["PUBLIC_URL"]
    assert public + "/todo" in mail
    assert [address for address in re.findall(re.escape(public) + r"(\S*)", mail) if not is_portal_path(address)] == []


def test_the_mail_keeps_typed_addresses_as_text(app, world):
    officer = world.users[Role.UNIT_OFFICER]
    body = mail_body(notes_of(officer)[0])
    public = app.config["PUBLIC_URL"]
    assert f"{public}//evil" not in body and f"{public}/\\evil" not in body
    assert "//evil.example/x" in body


@pytest.mark.parametrize("link", OUTSIDE_TARGETS + ["evil.example/x", "/ok\n//evil", "/\u202eok"])
def test_a_notification_is_never_written_with_an_outside_link(app, link):
    user = make_user(Role.COUNCIL)
    with pytest.raises(ValueError):
        notify([user], NotificationKind.DECISION, "Quyết định", "Nội dung", link)
    [kept] = notify([user], NotificationKind.DECISION, "Quyết định", "Nội dung", "/recommendations/7?tab=2")
    assert kept.link == "/recommendations/7?tab=2"


def test_opening_by_get_changes_nothing_and_by_post_marks_read(login, world):
    officer = world.users[Role.UNIT_OFFICER]
    [note] = notes_of(officer)
    client = login(officer)

    followed = client.get(f"/notifications/{note.id}/open")
    db.session.expire_all()
    assert followed.status_code == 302 and followed.headers["Location"] == note.link
    assert note.read_at is None
    assert 'notification-count">1<' in client.get("/").get_data(as_text=True)

    opened = client.post(f"/notifications/{note.id}/open")
    db.session.expire_all()
    assert opened.status_code == 302 and opened.headers["Location"] == "/recommendations/1"
    assert note.read_at is not None
    assert "notification-count" not in client.get("/").get_data(as_text=True)


def test_the_list_opens_a_notification_with_a_form_not_a_link(login, world):
    officer = world.users[Role.UNIT_OFFICER]
    [note] = notes_of(officer)
    html = login(officer).get("/notifications/").get_data(as_text=True)

    open_path = f"/notifications/{note.id}/open"
    assert f'href="{open_path}"' not in html
    assert re.search(rf'<form id="open-{note.id}" method="post" action="{open_path}">', html)
    assert f'form="open-{note.id}"' in html


@pytest.mark.parametrize("stored", ["//evil.example/x", "/\\evil.example", "https://evil.example", "/\t/evil.example"])
def test_a_stored_outside_link_is_not_followed(login, world, stored):
    officer = world.users[Role.UNIT_OFFICER]
    [note] = notes_of(officer)
    note.link = stored  # a row written before links were checked
    db.session.commit()
    client = login(officer)

    assert client.get(f"/notifications/{note.id}/open").headers["Location"] == "/notifications/"
    assert client.post(f"/notifications/{note.id}/open").headers["Location"] == "/notifications/"
