"""A year laid out month by month, Monday first, each day marked with why it is worked or not."""

import calendar as stdlib_calendar
from dataclasses import dataclass
from datetime import date

from inspection.calendar import workdays
from inspection.calendar.models import DayKind
from inspection.calendar.workdays import Calendar

WORKING, WEEKEND, HOLIDAY, DAY_OFF, MAKE_UP = "working", "weekend", "holiday", "day_off", "make_up"


@dataclass(frozen=True)
class DayCell:
    day: date
    state: str
    #: the holiday's name or the admin's note, for the cell's tooltip
    label: str = ""

    @property
    def is_working(self) -> bool:
        return self.state in (WORKING, MAKE_UP)


@dataclass(frozen=True)
class Month:
    number: int
    weeks: list[list[DayCell | None]]


def year_grid(year: int, calendar: Calendar, notes: dict[date, str]) -> list[Month]:
    """Twelve months; `notes` are the admin's notes of their days."""
    weeks_of = stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar
    return [Month(month, [[_cell(day, calendar, notes) if day.month == month else None for day in week]
                          for week in weeks_of(year, month)])
            for month in range(1, 13)]


def _cell(day: date, calendar: Calendar, notes: dict[date, str]) -> DayCell:
    if day in calendar.extra_working_days:
        return DayCell(day, MAKE_UP, notes.get(day, ""))
    if day in calendar.extra_days_off:
        return DayCell(day, DAY_OFF, notes.get(day, ""))
    if name := workdays.holiday_name(day):
        return DayCell(day, HOLIDAY, name)
    return DayCell(day, WEEKEND if workdays.is_weekend(day) else WORKING)


def working_day_count(months: list[Month]) -> int:
    return sum(1 for month in months for week in month.weeks for cell in week if cell and cell.is_working)


def exceptions_of_year(year: int, calendar: Calendar) -> tuple[dict[date, str], list[date]]:
    """What the date picker marks beside weekends: the days not worked (public holidays with their names,
    the admin's days off named by their kind) and the weekend days worked (make-up days)."""
    names = {DAY_OFF: str(DayKind.DAY_OFF.label)}
    cells = [cell for month in year_grid(year, calendar, {}) for week in month.weeks for cell in week if cell]
    off = {cell.day: names.get(cell.state, cell.label) for cell in cells if cell.state in (HOLIDAY, DAY_OFF)}
    return off, [cell.day for cell in cells if cell.state == MAKE_UP]
