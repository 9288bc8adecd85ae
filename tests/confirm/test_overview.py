"""One "Tổng quan": the council lands on the dashboard, which names today's open review session."""

from datetime import timedelta

from inspection.auth.models import Role
from inspection.council import services as council
from inspection.extensions import db
from inspection.timeutil import today_vn
from tests.factories import make_user


def _open(user, title, day):
    return council.open_session(user, council.SessionDetails(title=title, held_on=day, participants="Chủ tịch",
                                                             overdue_days=30, place="Phòng họp số 1"))


def test_the_council_lands_on_the_dashboard_which_shows_todays_open_session(app, login):
    user = make_user(Role.COUNCIL)
    today = today_vn()
    meeting = _open(user, "Phiên họp hôm nay", today)
    _open(user, "Phiên họp tuần trước", today - timedelta(days=7))
    closed = _open(user, "Phiên họp sáng nay đã xong", today)
    council.close_session(user, closed, minutes_ref="01/BB-HĐTĐKT", conclusion="Xong", version=closed.version)
    db.session.commit()
    client = login(user)

    home = client.get("/")
    assert home.status_code == 302 and home.headers["Location"] == "/dashboard/"
    page = client.get("/dashboard/").get_data(as_text=True)
    assert page.count("data-meeting-today") == 1
    assert f'href="/council/sessions/{meeting.id}">Phiên họp hôm nay</a>' in page
    assert "tuần trước" not in page and "đã xong" not in page
    assert page.count(">Tổng quan<") == 2  # the heading and the one menu link of that name


def test_no_meeting_today_no_notice_and_other_roles_keep_their_home(app, login, client_as):
    user = make_user(Role.COUNCIL)
    db.session.commit()
    client = login(user)
    assert "data-meeting-today" not in client.get("/dashboard/").get_data(as_text=True)
    for role in (Role.ADMIN, Role.INSPECTOR):
        assert client_as(role).get("/").status_code == 200
