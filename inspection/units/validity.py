"""Whether a unit existed when a record says it acted: the one check for every record that names a unit on a
date or over a period (dossiers by form and by import, missions, working sessions, self-reports, findings,
recommendations), and the Vietnamese message that gives the unit's validity ("chỉ tồn tại từ 01/07/2025",
"đã giải thể từ 01/07/2025 (kế thừa: …)"). The caller says which date counts for its record."""

from collections.abc import Iterable
from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from inspection.extensions import db
from inspection.formatting import vn_date
from inspection.rules import RuleViolation
from inspection.units.models import ENDING_KINDS, EventKind, LinkRole, Unit, UnitEvent, UnitEventLink


def existed_during(valid_from: date | None, valid_to: date | None, first: date, last: date) -> bool:
    """Whether a unit with these bounds existed on at least one day from `first` to `last` (both included);
    a bound that is None is open. Cheap enough for every row of an import."""
    return (valid_from is None or valid_from <= last) and (valid_to is None or first <= valid_to)


def year_span(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def when_year(year: int) -> str:
    return _("năm thi đua %(year)d", year=year)


def when_day(day: date) -> str:
    return _("ngày %(day)s", day=vn_date(day))


def when_period(first: date, last: date) -> str:
    return _("thời kỳ kiểm tra %(first)s – %(last)s", first=vn_date(first), last=vn_date(last))


def require_existed(units: Unit | Iterable[Unit], first: date, last: date | None = None, *, field: str,
                    when: str) -> None:
    """Refuse (RuleViolation on `field`, which the form shows beside it and an import as the row's column) when
    a unit did not exist on any day from `first` to `last` (one day when `last` is None). The message names
    each such unit with its validity, and the date that counts (`when`, e.g. when_year(2017))."""
    units = [units] if isinstance(units, Unit) else list(units)
    problems = [problem for unit in units if (problem := validity_problem(unit, first, last or first))]
    if problems:
        raise RuleViolation(_("%(problems)s – không tồn tại vào %(when)s.", problems="; ".join(problems),
                              when=when), field=field)


def validity_problem(unit: Unit, first: date, last: date) -> str | None:
    """None when the unit existed on some day from `first` to `last`; else the unit and its validity."""
    words = validity_words(unit, first, last)
    if words is None:
        return None
    day = unit.valid_from if unit.valid_from is not None and last < unit.valid_from else unit.valid_to
    return _("Đơn vị %(unit)s %(validity)s", unit=_named(unit, day), validity=words)


def validity_words(unit: Unit, first: date, last: date, event: "UnitEvent | None | bool" = False) -> str | None:
    """None when the unit existed on some day from `first` to `last`; else when it existed ("chỉ tồn tại từ
    01/07/2025") or how and when it ended ("đã sáp nhập, hợp nhất từ 01/07/2025 (kế thừa: …)"). `event`: its
    ending event when the caller read it already (ending_events), else it is read here."""
    if existed_during(unit.valid_from, unit.valid_to, first, last):
        return None
    if unit.valid_from is not None and last < unit.valid_from:
        return _not_yet(unit)
    return _ended(unit, ending_event(unit) if event is False else event)


def _named(unit: Unit, day: date) -> str:
    return f"{unit.name_on(day)} ({unit.code})"


def _not_yet(unit: Unit) -> str:
    if unit.valid_to is None:
        return _("chỉ tồn tại từ %(start)s", start=vn_date(unit.valid_from))
    return _("chỉ tồn tại từ %(start)s đến %(end)s", start=vn_date(unit.valid_from), end=vn_date(unit.valid_to))


def _ended(unit: Unit, event: "UnitEvent | None") -> str:
    """How and when the unit ended (the day after its last day) and who carries on its work."""
    ended_on = unit.valid_to + timedelta(days=1)
    words = {EventKind.DISSOLVE: _("đã giải thể"), EventKind.MERGE: _("đã sáp nhập, hợp nhất"),
             EventKind.SPLIT: _("đã chia, tách")}.get(event.kind if event else None, _("đã chấm dứt hoạt động"))
    text = _("%(ended)s từ %(day)s", ended=words, day=vn_date(ended_on))
    successors = event.units_in(LinkRole.SUCCESSOR) if event else []
    if successors:
        text += " " + _("(kế thừa: %(units)s)", units=", ".join(_named(other, ended_on) for other in successors))
    return text


def ending_event(unit: Unit) -> UnitEvent | None:
    """The merger, split or dissolution that ended the unit (the latest, should bad data hold several)."""
    return ending_events([unit]).get(unit.id)


def ending_events(units: Iterable[Unit]) -> dict[int, UnitEvent]:
    """unit id → the merger, split or dissolution that ended it (the latest, should bad data hold several), for
    many units in one query (the picker's answer)."""
    ids = [unit.id for unit in units if unit.valid_to is not None]
    if not ids:
        return {}
    rows = db.session.execute(
        select(UnitEventLink.unit_id, UnitEvent).join(UnitEventLink.event)
        .where(UnitEventLink.unit_id.in_(ids), UnitEventLink.role == LinkRole.PREDECESSOR,
               UnitEvent.kind.in_(ENDING_KINDS))
        .options(selectinload(UnitEvent.links).selectinload(UnitEventLink.unit).selectinload(Unit.names))
        .order_by(UnitEvent.effective_date))
    return {unit_id: event for unit_id, event in rows}  # the latest wins
