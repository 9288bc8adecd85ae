"""What the date picker marks (calendar.days_off): a year's holidays and days off, and its make-up days, as
the deadlines count them; every role may ask; a bad year gets the field's message, never a 500."""

from datetime import date

import pytest

from inspection.auth.models import Role
from inspection.calendar import services
from inspection.calendar.models import DayKind
from inspection.extensions import db
from tests.factories import make_unit, make_user

URL = "/calendar/days-off"


def test_the_years_holidays_with_their_names(client_as):
    answer = client_as(Role.INSPECTOR).get(URL, query_string={"year": 2026}).get_json()
    assert answer["year"] == 2026
    assert answer["off"]["17/02/2026"] == "Tết Nguyên Đán"
    assert answer["off"]["02/09/2026"] == "Quốc khánh"
    assert "21/02/2026" not in answer["off"]  # a Saturday is a weekend, marked as such by the picker itself
    assert answer["worked"] == []


def test_the_admins_days_count_and_their_notes_stay_on_the_calendar_page(client_as):
    admin = make_user(Role.ADMIN)
    services.add_day(admin, date(2026, 8, 31), DayKind.DAY_OFF, "Nghỉ bù theo Thông báo 123/TB-BNV")
    services.add_day(admin, date(2026, 8, 22), DayKind.WORKING_DAY, "Làm bù")
    db.session.commit()
    answer = client_as(Role.UNIT_OFFICER, units=[make_unit()]).get(URL, query_string={"year": 2026}).get_json()
    assert answer["off"]["31/08/2026"] == "Ngày nghỉ"
    assert answer["worked"] == ["22/08/2026"]
    assert "Thông báo" not in str(answer)


@pytest.mark.parametrize("role", list(Role))
def test_every_role_may_ask_for_this_year(client_as, role):
    client = client_as(role, units=[make_unit()] if role == Role.UNIT_OFFICER else [])
    response = client.get(URL)
    assert response.status_code == 200 and response.get_json()["year"] >= 2026


@pytest.mark.parametrize("year", ["abc", "1899", "2101", str(10**20), "9" * 5000, "-1"])
def test_a_bad_year_gets_the_fields_message(client_as, year):
    response = client_as(Role.COUNCIL).get(URL, query_string={"year": year})
    assert response.status_code == 400
    assert response.get_json()["error"].startswith("Năm: ")


def test_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
