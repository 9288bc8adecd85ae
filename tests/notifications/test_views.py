"""The notification list, marking read, following a notification's link, and the bell's counter."""

import re
from datetime import timedelta

from inspection.auth.models import Role
from inspection.extensions import db
from inspection.notifications.models import Notification, NotificationKind
from inspection.notifications.services import notify
from inspection.timeutil import utcnow
from tests.factories import make_user


def _notes(user, count: int, link: str | None = "/recommendations/") -> list[Notification]:
    """`count` notifications, the last one newest."""
    notes = []
    for index in range(count):
        [note] = notify([user], NotificationKind.REMINDER, f"Thông báo số {index + 1}",
                        f"Nội dung {index + 1}\nXem: /recommendations/{index + 1}", link)
        note.created_at = utcnow() - timedelta(minutes=count - index)
        notes.append(note)
    db.session.commit()
    return notes


def _badge(html: str) -> str | None:
    match = re.search(r'class="badge rounded-pill[^"]*notification-count">([^<]*)<span class="visually-hidden">'
                      r" chưa đọc</span>", html)
    return match.group(1) if match else None


def test_the_bell_counts_unread_notifications(app, login):
    user = make_user(Role.UNIT_OFFICER)
    notes = _notes(user, 3)
    client = login(user)

    assert _badge(client.get("/").get_data(as_text=True)) == "3"

    client.post(f"/notifications/{notes[0].id}/read")
    assert _badge(client.get("/").get_data(as_text=True)) == "2"

    client.post("/notifications/read-all")
    html = client.get("/").get_data(as_text=True)
    assert _badge(html) is None and 'href="/notifications/"' in html


def test_the_bell_costs_one_count_query_and_nothing_for_visitors(app, login, client, count_queries):
    user = make_user(Role.INSPECTOR)  # whose "/" is a page, not a redirect
    _notes(user, 2)
    logged_in = login(user)
    logged_in.get("/")
    with count_queries() as counter:
        assert logged_in.get("/").status_code == 200
    counts = [sql for sql in counter.statements if "notification" in sql and "count(" in sql.lower()]
    assert len(counts) == 1

    with count_queries() as counter:
        html = client.get("/login").get_data(as_text=True)
    assert not any("notification" in sql for sql in counter.statements) and "chưa đọc" not in html


def test_the_list_shows_ones_own_newest_first_with_unread_highlighted(app, login):
    user, other = make_user(Role.INSPECTOR), make_user(Role.INSPECTOR)
    notes = _notes(user, 3)
    notify([other], NotificationKind.DECISION, "Thông báo của người khác", "Bí mật")
    notes[0].read_at = utcnow()
    db.session.commit()

    html = login(user).get("/notifications/").get_data(as_text=True)

    assert html.index("Thông báo số 3") < html.index("Thông báo số 2") < html.index("Thông báo số 1")
    assert "Thông báo của người khác" not in html
    assert html.count("notification-unread") == 2
    assert '<a href="/recommendations/3">/recommendations/3</a>' in html  # paths in the body are links


def test_unread_filter_and_pagination(app, login):
    user = make_user(Role.INSPECTOR)
    notes = _notes(user, 30)
    notes[-1].read_at = utcnow()
    db.session.commit()
    client = login(user)

    first = client.get("/notifications/").get_data(as_text=True)
    second = client.get("/notifications/?page=2").get_data(as_text=True)
    unread = client.get("/notifications/?unread=y").get_data(as_text=True)

    assert "Thông báo số 30" in first and "Thông báo số 5<" not in first and "Thông báo số 5<" in second
    assert "Thông báo số 30" not in unread and "Thông báo số 29" in unread


def test_marking_one_read_returns_to_the_same_page(app, login):
    user = make_user(Role.INSPECTOR)
    notes = _notes(user, 30)
    client = login(user)

    response = client.post(f"/notifications/{notes[0].id}/read", data={"page": "2", "unread": "y"})

    assert response.status_code == 302 and response.headers["Location"] == "/notifications/?page=2&unread=y"
    db.session.expire_all()
    assert notes[0].read_at is not None and notes[1].read_at is None


def test_opening_a_notification_marks_it_read_and_follows_only_internal_links(app, login):
    user = make_user(Role.UNIT_OFFICER)
    [inside] = _notes(user, 1, link="/todo")
    # rows stored before links were checked on writing (notify refuses them now)
    [outside, sneaky] = _notes(user, 2)
    outside.link, sneaky.link = "https://lua-dao.example.com/login", "//lua-dao.example.com"
    db.session.commit()
    client = login(user)

    assert client.post(f"/notifications/{inside.id}/open").headers["Location"] == "/todo"
    assert client.post(f"/notifications/{outside.id}/open").headers["Location"] == "/notifications/"
    assert client.post(f"/notifications/{sneaky.id}/open").headers["Location"] == "/notifications/"
    db.session.expire_all()
    assert all(note.read_at is not None for note in (inside, outside, sneaky))


def test_nobody_reads_or_marks_another_persons_notifications(app, login):
    owner, other = make_user(Role.COUNCIL), make_user(Role.COUNCIL)
    [note] = _notes(owner, 1)
    client = login(other)

    assert client.get(f"/notifications/{note.id}/open").status_code == 404
    assert client.post(f"/notifications/{note.id}/open").status_code == 404
    assert client.post(f"/notifications/{note.id}/read").status_code == 404
    assert client.post("/notifications/read-all").status_code == 302
    assert client.get("/notifications/999999/open").status_code == 404
    db.session.expire_all()
    assert note.read_at is None


def test_visitors_are_sent_to_the_login_page(client):
    assert client.get("/notifications/").headers["Location"].startswith("/login")
