"""The Vietnamese working-day calendar: pure functions, no Flask, no database.

A day is a working day unless it is a Saturday or Sunday, a public holiday, or a day off an admin
added; a make-up working day an admin added (ngày làm bù, e.g. a Saturday) is a working day whatever
else it is. "N ngày làm việc kể từ ngày X" ends on the N-th working day strictly after X.

Public holidays (Bộ luật Lao động 2019, Điều 112, and the earlier codes for earlier years) come from
the `holidays` package, which knows the rules year by year: Tết Dương lịch; Tết Nguyên Đán, five days
since 2013 (giao thừa and mùng 1 to mùng 4; four days before); Giỗ Tổ Hùng Vương on 10/3 âm lịch
since 2007; 30/4; 1/5; Quốc khánh 2/9, and since 2021 one adjoining day, 1/9 or 3/9; and a holiday
that falls on a weekend moved to the next working day (Điều 111 khoản 3; for Tết, a Saturday moves
to the working day before). Which of 1/9 and 3/9 adjoins Quốc khánh is the government's choice each
year; the package picks the one that joins a weekend, and when an announcement differs the admin
enters a make-up working day on the package's day and a day off on the announced one.

Where the package goes beyond the law as the portal's issue lists it, the portal leaves it out:

* the yearly swaps the government announces (the package has a few, from 2010 to 2026, and only
  their day off, not the Saturday worked in exchange): the admin enters each year's swaps, both halves;
* "Ngày Văn hóa Việt Nam" (24/11), which the package adds from 2026 after Nghị quyết 80-NQ/TW: not in
  the Labour Code's list; an admin adds it as a day off if and when it applies.

The package's lunar tables cover 1901–2100 only; for other years (a deadline set in late 2100 ends in
2101) the lunar dates come from `inspection.calendar.lunar`, which agrees with the tables on every year
they cover.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType

from holidays.countries.vietnam import Vietnam

from inspection.calendar import lunar

#: holidays the package has that the portal leaves to the admin (see the module docstring)
NOT_STATUTORY = ("Ngày Văn hóa Việt Nam", "Ngày nghỉ (thay cho ngày")
SATURDAY = 5
ONE_DAY = timedelta(days=1)
_FIRST_TABLE_YEAR, _LAST_TABLE_YEAR = 1901, 2100


class _LunarDates:
    """The package's lunar tables, continued by astronomy outside the years they cover."""

    def __init__(self, tables):
        self._tables = tables

    def __getattr__(self, name):
        return getattr(self._tables, name)

    def lunar_new_year_date(self, year: int, calendar=None):
        if _FIRST_TABLE_YEAR <= year <= _LAST_TABLE_YEAR:
            return self._tables.lunar_new_year_date(year)
        return lunar.lunar_new_year(year), False

    def hung_kings_date(self, year: int, calendar=None):
        if _FIRST_TABLE_YEAR <= year <= _LAST_TABLE_YEAR:
            return self._tables.hung_kings_date(year)
        return lunar.hung_kings_day(year), False


class _VietnamAnyYear(Vietnam):
    """The package's Vietnamese holidays for every year a `date` can hold (it stops at 1901–2100)."""

    start_year, end_year = date.min.year + 1, date.max.year - 1

    def __init__(self):
        super().__init__(language="vi")  # no years yet: they are filled in on first look-up
        self._chinese_calendar = _LunarDates(self._chinese_calendar)


@lru_cache(maxsize=512)
def public_holidays(year: int) -> Mapping[date, str]:
    """The statutory days off of a year, with their Vietnamese names, in date order."""
    package = _VietnamAnyYear()
    package.get(date(year, 1, 1))  # fills in the year
    days = {}
    for day, names in sorted(package.items()):
        kept = [name for name in names.split("; ") if not name.startswith(NOT_STATUTORY)]
        if day.year == year and kept:
            days[day] = "; ".join(_clearer_name(day, name) for name in kept)
    return MappingProxyType(days)


def _clearer_name(day: date, name: str) -> str:
    """The package calls both days of Quốc khánh "Quốc khánh"; say which one is the adjoining day."""
    if name == "Quốc khánh" and (day.month, day.day) != (9, 2):
        return "Quốc khánh (ngày liền kề)"
    return name


def is_weekend(day: date) -> bool:
    return day.weekday() >= SATURDAY


def holiday_name(day: date) -> str | None:
    return public_holidays(day.year).get(day)


def is_statutory_day_off(day: date) -> bool:
    """Off by law alone: a weekend or a public holiday (before any day the admin added)."""
    return is_weekend(day) or day in public_holidays(day.year)


@dataclass(frozen=True)
class Calendar:
    """The statutory calendar with the days an admin added: extra days off and make-up working days."""

    extra_days_off: frozenset[date] = field(default_factory=frozenset)
    extra_working_days: frozenset[date] = field(default_factory=frozenset)

    @classmethod
    def of(cls, days_off: Iterable[date] = (), working_days: Iterable[date] = ()) -> "Calendar":
        return cls(frozenset(days_off), frozenset(working_days))

    def is_working_day(self, day: date) -> bool:
        if day in self.extra_working_days:
            return True
        return day not in self.extra_days_off and not is_statutory_day_off(day)

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day strictly after `start` ("n ngày làm việc kể từ ngày start"); start itself when n = 0."""
        if n < 0:
            raise ValueError("n must be ≥ 0")
        day = start
        for _ in range(n):
            day = self.next_working_day(day)
        return day

    def next_working_day(self, after: date) -> date:
        day = after + ONE_DAY
        while not self.is_working_day(day):
            day += ONE_DAY
        return day

    def working_days_between(self, first: date, last: date) -> int:
        """How many working days lie after `first` up to and including `last`; negative when last < first.
        So working_days_between(start, add_working_days(start, n)) == n."""
        if last < first:
            return -self.working_days_between(last, first)
        return sum(1 for offset in range(1, (last - first).days + 1)
                   if self.is_working_day(first + timedelta(days=offset)))


#: the calendar with no admin days: the law alone
STATUTORY = Calendar()


def is_working_day(day: date, calendar: Calendar = STATUTORY) -> bool:
    return calendar.is_working_day(day)


def add_working_days(start: date, n: int, calendar: Calendar = STATUTORY) -> date:
    return calendar.add_working_days(start, n)


def working_days_between(first: date, last: date, calendar: Calendar = STATUTORY) -> int:
    return calendar.working_days_between(first, last)
