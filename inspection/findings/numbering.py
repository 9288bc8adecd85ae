"""Recommendation numbers: "KN-03/Đ12-2017" is recommendation 03 of mission (đoàn) 12, a mission of 2017.

A number is given once, when the recommendation is first written (a before_insert listener on the model, so
every way of creating one gets it: the services, the demo loaders, the tests' builders), and never changes:
edits, verdicts and transfers between units leave it alone. The mission's part is its id, not its decision
number: decision numbers repeat between issuers and years (every province has a 05/QĐ-HĐTĐKT) and can be
corrected later, while the id is unique and fixed when the mission is created. The year is the mission's:
its decision date, else its planned start, else the end of the period it inspects, and only without any of
these the day it was entered (a 2017 inspection entered in 2026 is still a mission of 2017). All
recommendations of a mission share the prefix of its first one, and the sequence goes on from the mission's
highest number.

Two inspectors adding to one mission at once: the sequence is read under a lock on the mission row (FOR NO
KEY UPDATE on PostgreSQL, which does not block the foreign-key checks of findings being inserted; SQLite
writes one transaction at a time), and the unique constraint on `number` refuses what could still collide,
which forms_util.commit_or_refuse reports as a lost race with nothing saved."""

import re

from sqlalchemy import func, select

from inspection.textsearch import normalise

#: the written form; the sequence has two digits at least ("KN-03", "KN-112")
FORMAT = "KN-{sequence:02d}/Đ{mission}-{year}"
#: what a person may type, after textsearch.normalise (lower case, no accents, đ → d): "kn-3/d12-2017",
#: "KN 03 / Đ12/2017", "số KN-03/Đ12-2017"
_TYPED = re.compile(r"^(?:so\s*)?(?:kn\s*[-.:]?\s*)?0*(\d{1,6})\s*/\s*d\s*0*(\d{1,12})\s*[-/.\s]\s*(\d{4})$")
#: a token that looks like a number, for telling a mistyped number from some other text
LOOKS_LIKE = re.compile(r"^(?:kn|d\d)|/\s*d\s*\d", re.IGNORECASE)


def format_number(mission_id: int, year: int, sequence: int) -> str:
    return FORMAT.format(sequence=sequence, mission=mission_id, year=year)


def canonical(text: str | None) -> str | None:
    """The stored form of a number typed any reasonable way, or None when `text` is not one."""
    match = _TYPED.match(normalise(text))
    if match is None:
        return None
    sequence, mission, year = (int(part) for part in match.groups())
    return format_number(mission, year, sequence) if sequence > 0 and mission > 0 else None


def mission_year(decided, planned_start, period_to, created) -> int:
    """The year in a mission's numbers: the first of its dates that is known, in that order."""
    return next(day for day in (decided, planned_start, period_to, created) if day is not None).year


def split(number: str) -> tuple[int, str]:
    """("KN-03/Đ12-2017") → (3, "Đ12-2017"): the sequence and the mission's part."""
    head, _, mission_part = number.partition("/")
    return int(head.removeprefix("KN-")), mission_part


def next_number(connection, tables, mission_id: int, given: dict[int, str]) -> str:
    """The next number of the mission, read under a lock on its row. `given` holds the last number handed out
    per mission in the current flush (its rows are not inserted yet when the next one is numbered)."""
    mission = tables[0]
    dates = connection.execute(
        select(mission.c.decision_date, mission.c.planned_start, mission.c.period_to, mission.c.created_at)
        .where(mission.c.id == mission_id).with_for_update(key_share=True)).one()
    highest = connection.scalar(_highest(tables, mission_id))
    if mission_id in given:
        highest = given[mission_id]  # handed out in this flush, so above anything stored
    if highest is None:
        return format_number(mission_id, mission_year(*dates), 1)
    sequence, prefix = split(highest)
    return f"KN-{sequence + 1:02d}/{prefix}"


def _highest(tables, mission_id: int):
    """The mission's highest number, one row read: its numbers share one prefix and pad the sequence to two
    digits, so a longer number is a higher one and, of equal length, the text orders as the sequence does."""
    _mission, finding, recommendation = tables
    return (select(recommendation.c.number).join(finding, finding.c.id == recommendation.c.finding_id)
            .where(finding.c.mission_id == mission_id, recommendation.c.number.is_not(None))
            .order_by(func.length(recommendation.c.number).desc(), recommendation.c.number.desc()).limit(1))
