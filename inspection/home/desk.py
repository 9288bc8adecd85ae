"""The inspector's desk: per mission of theirs and in total, what waits for them (reports of "done" to verify,
extension requests to decide, units' answers they have not read). Counted in SQL through the register's own
clauses (`waiting=…` with `my_missions`), so each number and the list it links to agree by construction:
two queries whatever the number of missions."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import case, func, select

from inspection.extensions import db
from inspection.findings.models import Finding
from inspection.findings.register_filters import WAITING, from_recommendations, register_conditions
from inspection.missions.models import Mission

#: the desk's columns, in order: the `waiting` filter values
KINDS = ("verify", "extension", "unread")


@dataclass
class DeskRow:
    mission_id: int | None  # None: the total
    title: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class Desk:
    rows: list[DeskRow]
    total: DeskRow


def inspector_desk(user, today: date) -> Desk:
    counted = _counts_by_mission(user, today)
    titles = _titles(counted)
    rows = [DeskRow(mission_id, titles.get(mission_id, ""), counts) for mission_id, counts in counted.items()]
    rows.sort(key=lambda row: (-row.total, row.title))
    total = DeskRow(None, "", {kind: sum(row.counts[kind] for row in rows) for kind in KINDS})
    return Desk(rows, total)


def _counts_by_mission(user, today: date) -> dict[int, dict[str, int]]:
    """mission id → {kind: recommendations}, for the missions with something waiting."""
    sums = [func.sum(case((WAITING[kind](user), 1), else_=0)) for kind in KINDS]
    where = register_conditions(user, {"my_missions": True}, today)
    query = from_recommendations(Finding.mission_id, *sums, where=where, finding=True).group_by(Finding.mission_id)
    counted = {mission_id: dict(zip(KINDS, (int(value or 0) for value in values), strict=True))
               for mission_id, *values in db.session.execute(query)}
    return {mission_id: counts for mission_id, counts in counted.items() if any(counts.values())}


def _titles(counted: dict) -> dict[int, str]:
    if not counted:
        return {}
    return dict(db.session.execute(select(Mission.id, Mission.title).where(Mission.id.in_(counted))).all())
