"""The due date shown before saving (calendar.due_date): counted by the DeadlineField the forms save with, on
the council's calendar; bad input gets the field's Vietnamese message, never a 500."""

from datetime import date

import pytest
from sqlalchemy import select

from inspection.auth.models import Role
from inspection.calendar import services
from inspection.calendar.models import DayKind
from inspection.extensions import db
from inspection.findings.models import Recommendation
from tests.factories import make_unit, make_user
from tests.findings.builders import make_world

URL = "/calendar/due-date"


def ask(client, due: str, start: str = ""):
    return client.get(URL, query_string={"due": due, "start": start})


def due_of(client, due: str, start: str = "") -> str:
    response = ask(client, due, start)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["due"]


def test_working_days_skip_the_weekend(client_as):
    answer = ask(client_as(Role.INSPECTOR), "1 ngày làm việc", "01/12/2017").get_json()  # a Friday
    assert answer == {"due": "04/12/2017",
                      "text": "Hạn: Thứ Hai, 04/12/2017 (1 ngày làm việc kể từ 01/12/2017)"}


def test_working_days_skip_the_public_holidays(client_as):
    # Friday 13/02/2026, then Tết from 16 to 20/02: the 5th working day is Friday 27/02
    client = client_as(Role.COUNCIL)
    assert due_of(client, "5 ngày làm việc", "13/02/2026") == "27/02/2026"
    assert due_of(client, "5 ngay lam viec ke tu 13/02/2026") == "27/02/2026"  # the start typed in the field wins


def test_the_councils_days_off_and_make_up_days_count(app, client_as):
    admin = make_user(Role.ADMIN)
    services.add_day(admin, date(2017, 12, 4), DayKind.DAY_OFF, "Nghỉ bù")
    db.session.commit()
    client = client_as(Role.INSPECTOR)
    assert due_of(client, "1 ngày làm việc", "01/12/2017") == "05/12/2017"
    services.add_day(admin, date(2017, 12, 2), DayKind.WORKING_DAY, "Làm bù thứ Bảy")
    db.session.commit()
    assert due_of(client, "1 ngày làm việc", "01/12/2017") == "02/12/2017"


def test_a_date_is_shown_with_its_weekday(client_as):
    answer = ask(client_as(Role.ADMIN), "15/12/2017").get_json()
    assert answer == {"due": "15/12/2017", "text": "Hạn: Thứ Sáu, 15/12/2017"}


def test_nothing_typed_shows_nothing(client_as):
    client = client_as(Role.INSPECTOR)
    assert client.get(URL).get_json() == {"due": None, "text": ""}
    assert ask(client, "   ").get_json() == {"due": None, "text": ""}


def test_in_english(client_as):
    client = client_as(Role.INSPECTOR)
    client.post("/language", data={"locale": "en", "next": "/"})
    assert ask(client, "15/12/2017").get_json()["text"] == "Due: Friday, 15/12/2017"
    assert ask(client, "2 ngày làm việc", "15/12/2017").get_json()["text"] == \
        "Due: Tuesday, 19/12/2017 (2 working days from 15/12/2017)"


@pytest.mark.parametrize(("due", "start", "message"), [
    ("abc", "", "Thời hạn: “abc” không phải ngày hợp lệ hay số ngày làm việc; nhập dạng 30/06/2018, "
                "“15 ngày làm việc” hoặc “15 ngày làm việc kể từ 04/11/2017”."),
    ("31/02/2017", "", "Thời hạn: “31/02/2017” không phải ngày hợp lệ hay số ngày làm việc"),
    ("15 ngày làm việc", "", "Thời hạn: Ghi rõ ngày bắt đầu tính, ví dụ “15 ngày làm việc kể từ 04/11/2017”, "
                             "hoặc nhập đúng “Ngày bắt đầu tính”."),
    ("15 ngày làm việc", "31/02/2017", "hoặc nhập đúng “Ngày bắt đầu tính”"),
    ("15 ngày làm việc kể từ 99/99/2017", "", "Thời hạn: “99/99/2017” không phải ngày hợp lệ"),
    ("0 ngày làm việc", "01/12/2017", "Thời hạn: Số ngày làm việc phải từ 1 đến 1000."),
    ("1001 ngày làm việc", "01/12/2017", "Thời hạn: Số ngày làm việc phải từ 1 đến 1000."),
    (f"{10**20} ngày làm việc", "01/12/2017", "Thời hạn: Số ngày làm việc phải từ 1 đến 1000."),
    ("9" * 5000 + " ngày làm việc", "01/12/2017", "Thời hạn: Số ngày làm việc phải từ 1 đến 1000."),
])
def test_bad_input_gets_the_fields_message(client_as, due, start, message):
    response = ask(client_as(Role.INSPECTOR), due, start)
    assert response.status_code == 400
    assert response.get_json()["field"] == "due"
    assert message in response.get_json()["error"]


def test_a_bad_start_does_not_matter_to_a_date(client_as):
    assert due_of(client_as(Role.INSPECTOR), "15/12/2017", "31/02/2017") == "15/12/2017"


def test_the_preview_shows_the_date_saving_stores(app, login):
    world = make_world()
    client = login(world.member)
    shown = due_of(client, "15 ngày làm việc", "04/11/2017")
    response = client.post(f"/findings/{world.finding.id}/recommendations/new", data={
        "text": "Bổ sung hồ sơ khen thưởng còn thiếu", "issued_on": "04/11/2017", "due": "15 ngày làm việc",
        "responsible_units": "KG"})
    assert response.status_code == 302
    saved = db.session.scalar(select(Recommendation.current_due).where(
        Recommendation.text == "Bổ sung hồ sơ khen thưởng còn thiếu"))
    assert shown == saved.strftime("%d/%m/%Y") == "24/11/2017"


@pytest.mark.parametrize("role", [Role.ADMIN, Role.COUNCIL, Role.INSPECTOR])
def test_the_roles_that_set_deadlines_may_ask(client_as, role):
    assert ask(client_as(role), "15/12/2017").status_code == 200


def test_unit_officers_and_visitors_may_not(client, client_as):
    assert ask(client_as(Role.UNIT_OFFICER, units=[make_unit()]), "15/12/2017").status_code == 403
    response = ask(client, "15/12/2017")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_only_get(client_as):
    assert client_as(Role.INSPECTOR).post(URL, data={"due": "15/12/2017"}).status_code == 405


def test_one_query_per_answer(client_as, count_queries):
    client = client_as(Role.INSPECTOR)
    with count_queries() as counted:
        assert due_of(client, "30 ngày làm việc", "01/12/2017") == "15/01/2018"  # 1/1 is a holiday
    assert counted.count <= 4  # the session check, the user, the calendar's days
