"""The overdue recommendations of a dashboard scope listed by responsible unit (a joint recommendation under each
of its units), with the working days each is late by: two queries and the calendar's one, whatever the size."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from inspection.calendar.services import calendar_for
from inspection.dashboard.scope import Scope
from inspection.documents.official.model import Column, Table
from inspection.extensions import db
from inspection.findings.models import Finding, Recommendation, Responsibility
from inspection.findings.register_filters import filter_conditions, names_day
from inspection.missions.models import Mission
from inspection.official.builders.common import count, day
from inspection.units.models import Unit


@dataclass(frozen=True)
class Overdue:
    recommendation: Recommendation
    mission_title: str
    working_days: int


def by_unit(scope: Scope, today: datetime.date) -> list[tuple[str, list[Overdue]]]:
    """(unit name, its overdue items most late first), units by code."""
    query = (select(Responsibility.unit_id, Recommendation, Mission.title).select_from(Recommendation)
             .join(Recommendation.finding).join(Finding.mission)
             .join(Responsibility, Responsibility.recommendation_id == Recommendation.id)
             .where(*scope.where, *filter_conditions({"overdue": True}, today))
             .order_by(Recommendation.current_due, Recommendation.id))
    rows = db.session.execute(query).all()
    if not rows:
        return []
    first_year = min(rec.current_due.year for _unit, rec, _title in rows)
    calendar = calendar_for(range(first_year, today.year + 1))
    grouped: dict[int, list[Overdue]] = defaultdict(list)
    for unit_id, rec, title in rows:
        grouped[unit_id].append(Overdue(rec, title, calendar.working_days_between(rec.current_due, today)))
    units = _units(set(grouped))
    on = names_day(scope.filters)
    return [(units[unit_id].name_on(on), grouped[unit_id])
            for unit_id in sorted(grouped, key=lambda unit_id: units[unit_id].code)]


def _units(ids: set[int]) -> dict[int, Unit]:
    query = select(Unit).where(Unit.id.in_(ids)).options(selectinload(Unit.names))
    return {unit.id: unit for unit in db.session.scalars(query)}


COLUMNS = (Column("STT", 0.5, "center"), Column("Số kiến nghị", 1.4), Column("Nội dung kiến nghị", 3.6),
           Column("Đoàn kiểm tra", 2), Column("Thời hạn", 1.1, "center"),
           Column("Số ngày làm việc quá hạn", 1.1, "right"))


def table(lines: list[Overdue]) -> Table:
    return Table(COLUMNS, tuple((str(index), line.recommendation.number, line.recommendation.text, line.mission_title,
                                 day(line.recommendation.current_due), count(line.working_days))
                                for index, line in enumerate(lines, start=1)))
