"""Properties of working-day arithmetic for any date 2000–2100, with or without admin days."""

from datetime import date, timedelta
from functools import reduce

from hypothesis import given, settings
from hypothesis import strategies as st

from inspection.calendar.workdays import Calendar, is_statutory_day_off, is_weekend, public_holidays

starts = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))
counts = st.integers(min_value=0, max_value=200)


@st.composite
def calendars(draw):
    """The statutory calendar, or one with admin days around a random date: days off on working days,
    make-up days on weekends and holidays (what the admin form allows)."""
    if draw(st.booleans()):
        return Calendar()
    around = draw(starts)
    window = [around + timedelta(days=offset) for offset in range(120)]
    picked = draw(st.lists(st.sampled_from(window), max_size=15, unique=True))
    return Calendar.of(days_off=[day for day in picked if not is_statutory_day_off(day)],
                       working_days=[day for day in picked if is_statutory_day_off(day)])


common = settings(max_examples=300, deadline=None)


@common
@given(starts, st.integers(min_value=1, max_value=200))
def test_n_working_days_never_land_on_a_weekend_or_holiday(start, n):
    end = Calendar().add_working_days(start, n)
    assert end > start
    assert not is_weekend(end)
    assert end not in public_holidays(end.year)


@common
@given(starts, st.integers(min_value=1, max_value=200), calendars())
def test_with_admin_days_n_working_days_land_on_a_working_day(start, n, calendar):
    end = calendar.add_working_days(start, n)
    assert calendar.is_working_day(end)
    assert end not in calendar.extra_days_off


@common
@given(starts, counts, calendars())
def test_adding_step_by_step_equals_adding_at_once(start, n, calendar):
    one_by_one = reduce(lambda day, _: calendar.add_working_days(day, 1), range(n), start)
    assert one_by_one == calendar.add_working_days(start, n)


@common
@given(starts, counts, counts, calendars())
def test_adding_is_additive(start, first, second, calendar):
    assert calendar.add_working_days(calendar.add_working_days(start, first), second) == \
        calendar.add_working_days(start, first + second)


@common
@given(starts, counts, calendars())
def test_working_days_between_inverts_add_working_days(start, n, calendar):
    assert calendar.working_days_between(start, calendar.add_working_days(start, n)) == n


@common
@given(starts, st.integers(min_value=0, max_value=400), calendars())
def test_add_working_days_inverts_working_days_between_on_working_days(start, span, calendar):
    end = start + timedelta(days=span)
    if calendar.is_working_day(end):
        assert calendar.add_working_days(start, calendar.working_days_between(start, end)) == end


@common
@given(starts, counts)
def test_no_working_day_is_skipped(start, n):
    """Every day strictly between consecutive results is a day off."""
    calendar = Calendar()
    previous, following = calendar.add_working_days(start, n), calendar.add_working_days(start, n + 1)
    gap = [previous + timedelta(days=offset) for offset in range(1, (following - previous).days)]
    assert not any(calendar.is_working_day(day) for day in gap)
