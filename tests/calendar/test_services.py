"""Admin days in the database: the rules for adding them, their audit trail, and the calendar built from them."""

from datetime import date

import pytest
from sqlalchemy import select

from inspection.audit import AuditEntry
from inspection.auth.models import Role
from inspection.calendar import services
from inspection.calendar.models import CalendarDay, DayKind
from inspection.extensions import db
from inspection.rules import RuleViolation
from tests.factories import make_user


@pytest.fixture
def admin(app):
    return make_user(Role.ADMIN, full_name="Nguyễn Quản Trị")


def entries(action: str) -> list[AuditEntry]:
    return list(db.session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def test_add_a_swap_and_its_make_up_saturday_with_audit(admin):
    off = services.add_day(admin, date(2026, 8, 31), DayKind.DAY_OFF, "  Nghỉ bù Quốc khánh  ")
    worked = services.add_day(admin, date(2026, 8, 22), DayKind.WORKING_DAY, "Làm bù cho 31/08")
    assert off.note == "Nghỉ bù Quốc khánh" and off.created_by_id == admin.id
    [first, second] = sorted(entries("calendar_day.add"), key=lambda entry: entry.id)
    assert first.summary == "Thêm ngày nghỉ 31/08/2026 (thứ Hai)"
    assert first.after == {"day": "2026-08-31", "kind": "day_off", "note": "Nghỉ bù Quốc khánh"}
    assert first.actor_id == admin.id and first.target_id == off.id
    assert second.summary == "Thêm ngày làm việc bù 22/08/2026 (thứ Bảy)"
    assert worked.kind == DayKind.WORKING_DAY


def test_a_date_is_entered_once(admin):
    services.add_day(admin, date(2026, 8, 31), DayKind.DAY_OFF, "Nghỉ bù")
    with pytest.raises(RuleViolation) as refused:
        services.add_day(admin, date(2026, 8, 31), DayKind.DAY_OFF, "Lần nữa")
    assert refused.value.field == "day"
    assert refused.value.message.startswith("Ngày 31/08/2026 đã có trong lịch (Ngày nghỉ)")


@pytest.mark.parametrize(("day", "fragment"), [
    (date(2026, 8, 29), "(thứ Bảy) vốn đã là ngày nghỉ cuối tuần."),
    (date(2026, 8, 30), "(Chủ nhật) vốn đã là ngày nghỉ cuối tuần."),
    (date(2026, 9, 2), "(thứ Tư) vốn đã là ngày nghỉ lễ: Quốc khánh."),
])
def test_a_day_off_must_be_a_working_day(admin, day, fragment):
    with pytest.raises(RuleViolation) as refused:
        services.add_day(admin, day, DayKind.DAY_OFF, "x")
    assert fragment in refused.value.message and refused.value.field == "day"


def test_a_make_up_day_must_be_a_weekend_or_holiday(admin):
    with pytest.raises(RuleViolation) as refused:
        services.add_day(admin, date(2026, 8, 26), DayKind.WORKING_DAY, "x")
    assert refused.value.message == ("Ngày 26/08/2026 (thứ Tư) vốn là ngày làm việc. Ngày làm việc bù phải là "
                                     "thứ Bảy, Chủ nhật hoặc ngày lễ.")
    services.add_day(admin, date(2026, 9, 1), DayKind.WORKING_DAY, "Làm việc ngày liền kề")  # a holiday: allowed


def test_remove_day_is_audited_with_what_was_removed(admin):
    entry = services.add_day(admin, date(2026, 8, 31), DayKind.DAY_OFF, "Nghỉ bù")
    entry_id = entry.id
    services.remove_day(admin, entry)
    assert db.session.get(CalendarDay, entry_id) is None
    [removal] = entries("calendar_day.remove")
    assert removal.summary == "Xóa ngày nghỉ 31/08/2026 (thứ Hai)"
    assert removal.before == {"day": "2026-08-31", "kind": "day_off", "note": "Nghỉ bù"}
    assert removal.target_id == entry_id


def test_calendar_for_loads_the_years_in_one_query(admin, count_queries):
    services.add_day(admin, date(2026, 8, 31), DayKind.DAY_OFF, "Nghỉ bù")
    services.add_day(admin, date(2026, 8, 22), DayKind.WORKING_DAY, "Làm bù")
    services.add_day(admin, date(2027, 1, 4), DayKind.DAY_OFF, "Khác năm")
    with count_queries() as counter:
        calendar = services.calendar_for([2026])
    assert counter.count == 1
    assert calendar.extra_days_off == {date(2026, 8, 31)} and calendar.extra_working_days == {date(2026, 8, 22)}
    assert services.calendar_for([2026, 2027]).extra_days_off == {date(2026, 8, 31), date(2027, 1, 4)}
    assert services.calendar_for([]).extra_days_off == frozenset()


def test_due_date_after_counts_on_the_admin_calendar(admin, count_queries):
    assert services.due_date_after(date(2026, 8, 21), 1) == date(2026, 8, 24)
    services.add_day(admin, date(2026, 8, 22), DayKind.WORKING_DAY, "Làm bù")
    services.add_day(admin, date(2026, 8, 31), DayKind.DAY_OFF, "Nghỉ bù")
    with count_queries() as counter:
        assert services.due_date_after(date(2026, 8, 21), 1) == date(2026, 8, 22)
    assert counter.count == 1
    assert services.due_date_after(date(2026, 8, 28), 1) == date(2026, 9, 3)
    assert services.due_date_after(date(2026, 8, 31), 0) == date(2026, 8, 31)
