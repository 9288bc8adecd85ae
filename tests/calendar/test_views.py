"""The calendar page: admins add and remove days, the council reads, others are kept out."""

from datetime import date

import pytest
from sqlalchemy import select

from inspection.audit import AuditEntry
from inspection.auth.models import Role
from inspection.calendar import services
from inspection.calendar.models import CalendarDay, DayKind
from inspection.extensions import db
from tests.factories import make_unit, make_user


def add(day: date, kind: DayKind, note: str) -> CalendarDay:
    entry = services.add_day(make_user(Role.ADMIN), day, kind, note)
    db.session.commit()
    return entry


def test_the_year_page_lists_holidays_with_names_and_the_admin_days(app, client_as):
    add(date(2026, 8, 31), DayKind.DAY_OFF, "Nghỉ bù Quốc khánh theo Thông báo 123/TB-BNV")
    page = client_as(Role.COUNCIL).get("/calendar/?year=2026").get_data(as_text=True)
    assert "Lịch ngày làm việc năm 2026" in page
    assert "Năm 2026 có 249 ngày làm việc." in page  # 250 by law, less the admin's day off
    assert "17/02/2026" in page and "Tết Nguyên Đán" in page and "Giao thừa Tết Nguyên Đán" in page
    assert "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)" in page and "Quốc khánh (ngày liền kề)" in page
    assert "31/08/2026" in page and "Nghỉ bù Quốc khánh theo Thông báo 123/TB-BNV" in page
    assert "Tháng 12" in page


def test_council_reads_but_cannot_change(app, client_as):
    entry = add(date(2026, 8, 31), DayKind.DAY_OFF, "Nghỉ bù")
    council = client_as(Role.COUNCIL)
    page = council.get("/calendar/?year=2026").get_data(as_text=True)
    assert 'action="/calendar/days' not in page and f"/calendar/days/{entry.id}/delete" not in page
    assert council.post("/calendar/days", data={"day": "01/09/2025", "kind": "day_off", "note": "x"}).status_code == 403
    assert council.post(f"/calendar/days/{entry.id}/delete").status_code == 403
    assert db.session.scalar(select(CalendarDay.id)) == entry.id


@pytest.mark.parametrize("role", [Role.INSPECTOR, Role.UNIT_OFFICER])
def test_other_roles_are_refused(app, client_as, role):
    client = client_as(role, units=[make_unit()] if role == Role.UNIT_OFFICER else [])
    assert client.get("/calendar/").status_code == 403
    assert client.post("/calendar/days", data={"day": "31/08/2026", "kind": "day_off", "note": "x"}).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get("/calendar/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_admin_adds_a_day_and_sees_it_with_its_history(app, client_as):
    admin = client_as(Role.ADMIN)
    response = admin.post("/calendar/days?year=2026",
                          data={"day": "22/08/2026", "kind": "working_day", "note": "Làm bù cho thứ Hai 31/08"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/calendar/?year=2026")
    page = admin.get(response.headers["Location"]).get_data(as_text=True)
    assert "Đã thêm ngày làm việc bù 22/08/2026." in page
    assert "Làm bù cho thứ Hai 31/08" in page
    assert "Thêm ngày làm việc bù 22/08/2026 (thứ Bảy)" in page  # the history table
    entry = db.session.scalar(select(CalendarDay))
    assert (entry.day, entry.kind) == (date(2026, 8, 22), DayKind.WORKING_DAY)


def test_admin_removes_a_day_and_the_history_keeps_it(app, client_as):
    entry = add(date(2026, 8, 31), DayKind.DAY_OFF, "Nghỉ bù")
    admin = client_as(Role.ADMIN)
    response = admin.post(f"/calendar/days/{entry.id}/delete", data={"confirmed": "1"})
    assert response.status_code == 302
    page = admin.get(response.headers["Location"]).get_data(as_text=True)
    assert "Đã xóa ngày nghỉ 31/08/2026." in page
    assert "Xóa ngày nghỉ 31/08/2026 (thứ Hai)" in page and "Thêm ngày nghỉ 31/08/2026 (thứ Hai)" in page
    assert db.session.scalar(select(CalendarDay)) is None
    assert admin.post(f"/calendar/days/{entry.id}/delete").status_code == 404


def test_history_is_per_year(app, client_as):
    add(date(2026, 8, 31), DayKind.DAY_OFF, "Nghỉ bù")
    add(date(2025, 5, 2), DayKind.DAY_OFF, "Hoán đổi 30/4")
    page = client_as(Role.COUNCIL).get("/calendar/?year=2025").get_data(as_text=True)
    assert "Thêm ngày nghỉ 02/05/2025 (thứ Sáu)" in page and "31/08/2026" not in page


@pytest.mark.parametrize(("data", "message"), [
    ({"day": "31/02/2026", "kind": "day_off", "note": "x"},
     "Ngày: “31/02/2026” không phải ngày hợp lệ; nhập theo dạng dd/mm/yyyy"),
    ({"day": "", "kind": "day_off", "note": "x"}, "Ngày: "),
    ({"day": "29/08/2026", "kind": "day_off", "note": "x"},
     "Ngày: Ngày 29/08/2026 (thứ Bảy) vốn đã là ngày nghỉ cuối tuần. Ngày nghỉ thêm phải là một ngày làm việc."),
    ({"day": "26/08/2026", "kind": "working_day", "note": "x"},
     "Ngày: Ngày 26/08/2026 (thứ Tư) vốn là ngày làm việc. Ngày làm việc bù phải là thứ Bảy, Chủ nhật hoặc ngày lễ."),
    ({"day": "31/08/2026", "kind": "day_off", "note": ""}, "Căn cứ, ghi chú: "),
    ({"day": "31/08/2026", "kind": "holiday", "note": "x"}, "Loại ngày: "),
])
def test_bad_input_is_refused_with_a_message_beside_the_field(app, client_as, data, message):
    response = client_as(Role.ADMIN).post("/calendar/days?year=2026", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Chưa lưu được" in page and message in page
    assert db.session.scalar(select(CalendarDay)) is None
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.target_type == "calendar_day")) is None


def test_a_date_already_in_the_calendar_is_refused(app, client_as):
    add(date(2026, 8, 31), DayKind.DAY_OFF, "Nghỉ bù")
    page = client_as(Role.ADMIN).post("/calendar/days", data={
        "day": "31/08/2026", "kind": "day_off", "note": "Lần nữa"}).get_data(as_text=True)
    assert "Ngày 31/08/2026 đã có trong lịch (Ngày nghỉ)" in page
    assert len(db.session.scalars(select(CalendarDay)).all()) == 1


def test_calculator_answers_n_working_days_from_a_date(app, client_as):
    page = client_as(Role.COUNCIL).get("/calendar/?year=2026&n=5&start=13/02/2026").get_data(as_text=True)
    assert "5 ngày làm việc kể từ ngày 13/02/2026 là thứ Sáu, ngày 27/02/2026." in page


def test_calculator_uses_the_admin_days(app, client_as):
    add(date(2026, 8, 22), DayKind.WORKING_DAY, "Làm bù")
    page = client_as(Role.COUNCIL).get("/calendar/?n=1&start=21/08/2026").get_data(as_text=True)
    assert "1 ngày làm việc kể từ ngày 21/08/2026 là thứ Bảy, ngày 22/08/2026." in page


@pytest.mark.parametrize(("query", "message"), [
    ("n=abc&start=13/02/2026", "Số ngày làm việc: Không phải số nguyên hợp lệ."),
    ("n=&start=13/02/2026", "Số ngày làm việc: "),
    ("n=5&start=31/02/2026", "Kể từ ngày: “31/02/2026” không phải ngày hợp lệ"),
    ("n=5000&start=13/02/2026", "Số ngày làm việc: "),
    ("n=5", "Kể từ ngày: "),
])
def test_calculator_bad_input(app, client_as, query, message):
    response = client_as(Role.COUNCIL).get(f"/calendar/?{query}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and message in page
    assert "role=\"status\"" not in page  # no answer


@pytest.mark.parametrize(("year", "message"), [
    ("abc", "Năm: Không phải số nguyên hợp lệ. Đang hiển thị năm"),
    ("3000", "Năm: Số phải nằm trong khoảng từ 1900 đến 2100. Đang hiển thị năm"),
    ("1500", "Năm: Số phải nằm trong khoảng từ 1900 đến 2100. Đang hiển thị năm"),
])
def test_a_bad_year_shows_the_current_one_with_a_message(app, client_as, year, message):
    from inspection.timeutil import today_vn

    response = client_as(Role.COUNCIL).get(f"/calendar/?year={year}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in page and f"Lịch ngày làm việc năm {today_vn().year}" in page


def test_a_blank_year_is_the_current_one_without_complaint(app, client_as):
    from inspection.timeutil import today_vn

    page = client_as(Role.COUNCIL).get("/calendar/?year=").get_data(as_text=True)
    assert f"Lịch ngày làm việc năm {today_vn().year}" in page and "Đang hiển thị năm" not in page


def test_the_page_runs_a_fixed_number_of_queries(app, client_as, count_queries):
    council = client_as(Role.COUNCIL)
    add(date(2026, 8, 31), DayKind.DAY_OFF, "Nghỉ bù")
    with count_queries() as few:
        council.get("/calendar/?year=2026&n=3&start=01/09/2026")
    for day in (date(2026, 1, 2), date(2026, 3, 2), date(2026, 6, 1), date(2026, 12, 31)):
        add(day, DayKind.DAY_OFF, "Nghỉ")
    for day in (date(2026, 1, 3), date(2026, 3, 7), date(2026, 6, 6)):
        add(day, DayKind.WORKING_DAY, "Làm bù")
    with count_queries() as many:
        council.get("/calendar/?year=2026&n=3&start=01/09/2026")
    assert many.count == few.count
    # Ceiling = the page's fixed query budget (measured 5 on SQLite, plus a small margin).
    assert many.count <= 6


def test_the_navigation_links_to_the_calendar_for_admin_and_council(app, client_as):
    for role in (Role.ADMIN, Role.COUNCIL):
        assert 'href="/calendar/"' in client_as(role).get("/", follow_redirects=True).get_data(as_text=True)
    assert 'href="/calendar/"' not in client_as(Role.INSPECTOR).get("/").get_data(as_text=True)
