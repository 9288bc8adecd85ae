"""What the unit picker's two JSON endpoints (units.lookup, units.tree) say about each unit, as of the day the
record being entered counts.

One parameter scheme for both: `?on=dd/mm/yyyy` (a day: a working session's, a recommendation's issue) or
`?from=dd/mm/yyyy&to=dd/mm/yyyy` (a period: a mission's inspected period, a dossier's emulation year; one end
alone counts as that day). With it, the units that existed on some day of it come first, each named as it was
then and with its parent of then; the others are muted with validity.py's words ("chỉ tồn tại từ 01/07/2025",
"đã sáp nhập, hợp nhất từ 01/07/2025 (kế thừa: …)"). Without it, as of today. The server's check
(validity.require_existed) stays the authority: the picker only helps to pick a unit it will accept."""

from collections.abc import Mapping
from datetime import date

from flask_babel import gettext as _

from inspection.dates import read_vn_date
from inspection.formatting import vn_date
from inspection.units import validity
from inspection.units.models import Unit

#: the longest date text read (dd/mm/yyyy and its variants are 10 characters)
MAX_DATE_TEXT = 20


class BadPeriod(ValueError):
    """A day or period the picker cannot use; str() is the Vietnamese message."""


def asked_period(args: Mapping[str, str]) -> tuple[date, date] | None:
    """The period (first, last day) the query string asks for, None when it asks for none; BadPeriod when a
    date is malformed or out of range, when `on` comes with `from`/`to`, or when `to` is before `from`."""
    on, first, last = (args.get(name, "").strip()[:MAX_DATE_TEXT] for name in ("on", "from", "to"))
    if on and (first or last):
        raise BadPeriod(_("Chỉ dùng một trong hai: ngày (on) hoặc thời kỳ (from, to)."))
    if on:
        day = _day(on)
        return day, day
    first_day, last_day = _day(first), _day(last)
    if first_day is None and last_day is None:
        return None
    first_day, last_day = first_day or last_day, last_day or first_day
    if last_day < first_day:
        raise BadPeriod(_("Ngày cuối phải không trước ngày đầu."))
    return first_day, last_day


def _day(text: str) -> date | None:
    if not text:
        return None
    try:
        return read_vn_date(text)
    except ValueError as bad:
        raise BadPeriod(str(bad)) from None


def choices(units: list[Unit], period: tuple[date, date] | None, today: date) -> list[dict]:
    """Each unit as the picker offers it: code, name, parent line, whether it existed in the period (`current`:
    not muted; today without a period) and its validity."""
    if period is None:
        return [_choice_today(unit, today) for unit in units]
    first, last = period
    missing = [unit for unit in units if not validity.existed_during(unit.valid_from, unit.valid_to, first, last)]
    events = validity.ending_events(missing)
    return [_choice_in(unit, first, last, today, events) for unit in units]


def _choice_today(unit: Unit, today: date) -> dict:
    return {"code": unit.code, "name": unit.name, "current": unit.exists_on(today),
            "parent": _parent_line(unit.parent, today), "validity": _validity_today(unit, today)}


def _choice_in(unit: Unit, first: date, last: date, today: date, events: dict) -> dict:
    day = _day_within(unit, last)
    words = validity.validity_words(unit, first, last, events.get(unit.id))
    return {"code": unit.code, "name": unit.name_on(day), "current": words is None,
            "parent": _parent_line(unit.parent_on(day), day),
            "validity": _validity_today(unit, today) if words is None else words}


def _day_within(unit: Unit, day: date) -> date:
    """The day closest to `day` on which the unit existed: the day whose name and parent it is offered with."""
    if unit.valid_to is not None and unit.valid_to < day:
        day = unit.valid_to
    if unit.valid_from is not None and day < unit.valid_from:
        day = unit.valid_from
    return day


def _parent_line(parent: Unit | None, day: date) -> str:
    return f"{parent.name_on(day)} ({parent.code})" if parent else ""


def _validity_today(unit: Unit, today: date) -> str:
    if unit.exists_on(today):
        return _("Đang hoạt động") if unit.valid_from is None else _("Hoạt động từ %(day)s",
                                                                       day=vn_date(unit.valid_from))
    if unit.valid_to is not None and unit.valid_to < today:
        return _("Đã chấm dứt (hoạt động đến %(day)s)", day=vn_date(unit.valid_to))
    return _("Hoạt động từ %(day)s", day=vn_date(unit.valid_from))
