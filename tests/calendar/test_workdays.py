"""Counting working days: weekends, holidays, and the days an admin added."""

from datetime import date

import pytest

from inspection.calendar.workdays import (
    Calendar,
    add_working_days,
    is_working_day,
    working_days_between,
)


def test_five_working_days_from_the_friday_before_tet_2026_land_after_the_break():
    friday = date(2026, 2, 13)
    # 14–15/02 weekend, 16–20/02 Tết, 21–22/02 weekend: the first working day is Monday 23/02
    assert add_working_days(friday, 1) == date(2026, 2, 23)
    assert add_working_days(friday, 5) == date(2026, 2, 27)
    assert working_days_between(friday, date(2026, 2, 27)) == 5


def test_n_working_days_start_counting_the_day_after():
    monday = date(2026, 3, 2)
    assert add_working_days(monday, 0) == monday
    assert add_working_days(monday, 1) == date(2026, 3, 3)
    assert add_working_days(monday, 5) == date(2026, 3, 9)  # over the weekend
    saturday = date(2026, 3, 7)
    assert add_working_days(saturday, 0) == saturday  # N = 0 is the start, whatever it is
    assert add_working_days(saturday, 1) == date(2026, 3, 9)


def test_across_reunification_day_labour_day_and_national_day():
    assert add_working_days(date(2026, 4, 29), 1) == date(2026, 5, 4)  # 30/4, 1/5, then the weekend
    assert add_working_days(date(2026, 8, 31), 1) == date(2026, 9, 3)  # 1/9 and 2/9 off
    assert add_working_days(date(2026, 4, 24), 1) == date(2026, 4, 28)  # Giỗ Tổ on Sunday, off on Monday


def test_across_the_year_end():
    assert add_working_days(date(2025, 12, 31), 1) == date(2026, 1, 2)
    assert add_working_days(date(2024, 12, 31), 20) == date(2025, 2, 5)  # Tết 27/01–31/01/2025


def test_make_up_working_day_and_admin_day_off_are_honoured():
    # 2026: the government swapped Monday 31/08 off for Saturday 22/08 worked
    swap = Calendar.of(days_off=[date(2026, 8, 31)], working_days=[date(2026, 8, 22)])
    assert swap.is_working_day(date(2026, 8, 22)) and not is_working_day(date(2026, 8, 22))
    assert not swap.is_working_day(date(2026, 8, 31)) and is_working_day(date(2026, 8, 31))
    assert swap.add_working_days(date(2026, 8, 21), 1) == date(2026, 8, 22)
    assert add_working_days(date(2026, 8, 21), 1) == date(2026, 8, 24)
    assert swap.add_working_days(date(2026, 8, 28), 1) == date(2026, 9, 3)  # 31/08, 01/09, 02/09 off
    assert swap.working_days_between(date(2026, 8, 20), date(2026, 9, 4)) == 9
    assert working_days_between(date(2026, 8, 20), date(2026, 9, 4)) == 9


def test_a_make_up_day_on_a_holiday_is_worked():
    calendar = Calendar.of(working_days=[date(2026, 9, 1)])
    assert calendar.is_working_day(date(2026, 9, 1))
    assert calendar.add_working_days(date(2026, 8, 31), 1) == date(2026, 9, 1)


def test_working_days_between_counts_after_first_up_to_last():
    assert working_days_between(date(2026, 3, 2), date(2026, 3, 2)) == 0
    assert working_days_between(date(2026, 3, 2), date(2026, 3, 9)) == 5
    assert working_days_between(date(2026, 3, 9), date(2026, 3, 2)) == -5
    # 261 weekdays, 11 of them holidays (01/01, 16–20/02, 27/04, 30/04, 01/05, 01/09, 02/09)
    assert working_days_between(date(2025, 12, 31), date(2026, 12, 31)) == 250


def test_negative_n_is_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 3, 2), -1)
