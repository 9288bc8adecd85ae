"""Who is reminded of what on a given day. Everything is computed from the current data, so a reminder
stops by itself once its item is verified, re-dated past the window or moved to another unit.

Five queries whatever the data size: the open items in the reminder window with their responsible units,
the unit officers, the mission members, the council, and who was already reminded that day. The audience
is joined to the items in Python through dictionaries, rather than in SQL, so that the council's
"everything overdue by more than 60 days" is not multiplied by the number of council members in the
database's result."""

import enum
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from inspection.auth.models import Role, User, user_units
from inspection.extensions import db
from inspection.findings.models import Finding, Recommendation, Responsibility, UnitStatus, VerifiedStatus
from inspection.missions.models import MissionMember
from inspection.reminders.models import ReminderDispatch
from inspection.units.models import Unit

#: a reminder line quotes this much of the recommendation's text
TEXT_EXCERPT = 200


class Reason(enum.IntEnum):
    """Why a person hears of an item; the lower value wins when several apply, and sections follow it."""

    OVERDUE = 1  # a unit of yours has not done it and the due date has passed
    DUE_SOON = 2  # a unit of yours has not done it and the due date is near
    SUBORDINATE_OVERDUE = 3  # a unit you supervise is late by more than ESCALATE_TO_SUPERVISOR_DAYS
    MISSION_OVERDUE = 4  # an item of your mission is overdue
    AWAITING_VERIFICATION = 5  # every responsible unit reported it done: your mission must verify it
    COUNCIL_OVERDUE = 6  # overdue by more than ESCALATE_TO_COUNCIL_DAYS

    @property
    def is_overdue(self) -> bool:
        return self in (Reason.OVERDUE, Reason.SUBORDINATE_OVERDUE, Reason.MISSION_OVERDUE, Reason.COUNCIL_OVERDUE)


@dataclass(frozen=True)
class Thresholds:
    due_soon: int
    supervisor: int
    council: int

    @classmethod
    def from_config(cls) -> "Thresholds":
        config = current_app.config
        return cls(due_soon=config["REMINDER_DUE_SOON_DAYS"], supervisor=config["ESCALATE_TO_SUPERVISOR_DAYS"],
                   council=config["ESCALATE_TO_COUNCIL_DAYS"])


@dataclass(frozen=True)
class Share:
    unit_id: int
    parent_id: int | None
    done: bool  # reported done: the unit now waits for the inspectors


@dataclass
class Item:
    id: int
    text: str
    due: date
    mission_id: int
    #: the recommendation's number ("KN-03/Đ12-2017"), which the notice names it by
    number: str = ""
    shares: list[Share] = field(default_factory=list)

    def days_overdue(self, day: date) -> int:
        """Positive: days past the due date; zero or negative: days left."""
        return (day - self.due).days


@dataclass(frozen=True)
class Entry:
    """One line of a reminder. Frozen: the same entry is handed to every recipient of the item."""

    reason: Reason
    item: Item
    #: the units the line is about: the recipient's own, or the late ones
    unit_ids: tuple[int, ...]


@dataclass
class Digest:
    """One person's reminder for the day: at most one entry per item."""

    user_id: int
    entries: dict[int, Entry] = field(default_factory=dict)

    def add(self, entry: Entry) -> None:
        current = self.entries.get(entry.item.id)
        if current is None or entry.reason < current.reason:
            self.entries[entry.item.id] = entry
        elif entry.reason == current.reason and entry.unit_ids != current.unit_ids:
            merged = tuple(dict.fromkeys(current.unit_ids + entry.unit_ids))
            self.entries[entry.item.id] = Entry(entry.reason, entry.item, merged)

    def by_reason(self) -> dict[Reason, list[Entry]]:
        """The entries in sections, in the order of Reason; empty sections left out."""
        sections: dict[Reason, list[Entry]] = {reason: [] for reason in Reason}
        for entry in self.entries.values():
            sections[entry.reason].append(entry)
        return {reason: entries for reason, entries in sections.items() if entries}


@dataclass
class Audience:
    officers: dict[int, list[int]]  # unit id → its officers
    members: dict[int, list[int]]  # mission id → its members who have an account
    council: list[int]


@dataclass
class Plan:
    day: date
    thresholds: Thresholds
    digests: list[Digest]
    #: people who would have been reminded but already were that day
    already_reminded: int
    #: the responsible units of the items, whose names the lines show
    unit_ids: set[int]


def plan_reminders(day: date, thresholds: Thresholds | None = None) -> Plan:
    """The reminders due on `day`, leaving out the people already reminded that day."""
    thresholds = thresholds or Thresholds.from_config()
    items = open_items_due_by(day + timedelta(days=thresholds.due_soon))
    digests = assign(items, load_audience(), day, thresholds)
    done = already_reminded(day)
    waiting = [digest for user_id, digest in sorted(digests.items()) if user_id not in done]
    unit_ids = {share.unit_id for item in items for share in item.shares}
    return Plan(day, thresholds, waiting, len(digests) - len(waiting), unit_ids)


def open_items_due_by(last_day: date) -> list[Item]:
    """Open recommendations due on or before `last_day` (overdue included), with their responsible units."""
    query = (select(Recommendation.id, func.substr(Recommendation.text, 1, TEXT_EXCERPT),
                    Recommendation.current_due, Finding.mission_id, Recommendation.number, Responsibility.unit_id,
                    Unit.parent_id, Responsibility.status)
             .join(Recommendation.finding).join(Recommendation.responsibilities).join(Responsibility.unit)
             .where(Recommendation.verified_status == VerifiedStatus.OPEN, Recommendation.current_due <= last_day)
             .order_by(Recommendation.id, Responsibility.id))
    items: dict[int, Item] = {}
    for rec_id, text, due, mission_id, number, unit_id, parent_id, status in db.session.execute(query):
        item = items.get(rec_id) or items.setdefault(rec_id, Item(rec_id, text, due, mission_id, number))
        item.shares.append(Share(unit_id, parent_id, status == UnitStatus.REPORTED_DONE))
    return list(items.values())


def load_audience() -> Audience:
    active = User.is_active_account.is_(True)
    officers = (select(user_units.c.unit_id, User.id).join(User, User.id == user_units.c.user_id)
                .where(active, User.role == Role.UNIT_OFFICER))
    members = (select(MissionMember.mission_id, User.id).join(User, User.id == MissionMember.user_id)
               .where(active))
    council = select(User.id).where(active, User.role == Role.COUNCIL).order_by(User.id)
    return Audience(officers=_grouped(officers), members=_grouped(members),
                    council=list(db.session.scalars(council)))


def _grouped(query) -> dict[int, list[int]]:
    groups: dict[int, list[int]] = defaultdict(list)
    for key, user_id in db.session.execute(query):
        groups[key].append(user_id)
    return groups


def already_reminded(day: date) -> set[int]:
    return set(db.session.scalars(select(ReminderDispatch.user_id).where(ReminderDispatch.day == day)))


def assign(items: list[Item], audience: Audience, day: date, thresholds: Thresholds) -> dict[int, Digest]:
    digests: dict[int, Digest] = {}
    for item in items:
        for user_id, entry in recipients(item, audience, day, thresholds):
            (digests.get(user_id) or digests.setdefault(user_id, Digest(user_id))).add(entry)
    return digests


def recipients(item: Item, audience: Audience, day: date, thresholds: Thresholds):
    """(user id, entry) pairs for one item. A unit that reported its share done is not nagged: when all
    have, the item waits for the mission's inspectors, and only they hear of it."""
    late = [share for share in item.shares if not share.done]
    if not late:
        everyone = tuple(share.unit_id for share in item.shares)
        yield from _to(audience.members.get(item.mission_id, ()), Reason.AWAITING_VERIFICATION, item, everyone)
        return
    overdue = item.days_overdue(day)
    for share in late:
        yield from _to(audience.officers.get(share.unit_id, ()), Reason.OVERDUE if overdue > 0 else Reason.DUE_SOON,
                       item, (share.unit_id,))
        if overdue > thresholds.supervisor and share.parent_id is not None:
            yield from _to(audience.officers.get(share.parent_id, ()), Reason.SUBORDINATE_OVERDUE, item,
                           (share.unit_id,))
    late_ids = tuple(share.unit_id for share in late)
    if overdue > 0:
        yield from _to(audience.members.get(item.mission_id, ()), Reason.MISSION_OVERDUE, item, late_ids)
    if overdue > thresholds.council:
        yield from _to(audience.council, Reason.COUNCIL_OVERDUE, item, late_ids)


def _to(user_ids, reason: Reason, item: Item, unit_ids: tuple[int, ...]):
    entry = Entry(reason, item, unit_ids)
    for user_id in user_ids:
        yield user_id, entry


def unit_names(unit_ids: set[int], day: date) -> dict[int, str]:
    """Each unit's name on `day`, in one query (the names come joined, not one query per unit)."""
    if not unit_ids:
        return {}
    query = select(Unit).where(Unit.id.in_(unit_ids)).options(joinedload(Unit.names))
    return {unit.id: unit.name_on(day) for unit in db.session.scalars(query).unique()}
