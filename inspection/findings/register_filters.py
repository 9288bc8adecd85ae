"""The register's filters as WHERE clauses over Recommendation joined to Finding.

The register, its export and the dashboard all count through `register_conditions`, so a number on the
dashboard and the list it links to agree by construction. Dates are compared with boundaries computed here in
Python (no SQL date functions), which keeps the SQL the same on SQLite and PostgreSQL. `verified_at` is a UTC
timestamp: a Vietnamese calendar day is turned into the UTC instants where it begins and ends."""

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import aliased

from inspection import textsearch
from inspection.extensions import db
from inspection.findings.access import visible_recommendations_clause
from inspection.findings.models import (
    CLOSED_STATUSES,
    Finding,
    FindingCategory,
    Recommendation,
    Responsibility,
    Severity,
    UnitStatus,
    VerifiedStatus,
)
from inspection.findings.numbering import canonical
from inspection.groups.models import GroupMember
from inspection.idsets import among
from inspection.missions.access import my_missions_clause
from inspection.missions.models import Mission
from inspection.notifications.compose import RECOMMENDATION
from inspection.notifications.models import ANSWER_KINDS, Notification
from inspection.params import MAX_ID
from inspection.timeutil import VIETNAM
from inspection.units.queries import reference_day, subtree_ids

#: overdue by (at least, at most) days; None: no upper bound
AGING_BUCKETS = {"1-30": (1, 30), "31-60": (31, 60), "61-90": (61, 90), "91+": (91, None)}
#: words in more findings or recommendations than this are looked for row by row (text_condition)
COMMON = 2000
#: the `verified` filter's value for "any verdict"
CLOSED = "closed"
#: a recommendation's number typed in the text filter ("12", "#12")
ASCII_NUMBER = re.compile(r"[0-9]{1,19}")

def register_conditions(user, filters: dict, today: date) -> list:
    """The WHERE clauses of the register for this user: what they may see, then every filter given."""
    visible = visible_recommendations_clause(user)
    conditions = [] if visible is None else [visible]
    if filters.get("my_missions"):
        conditions.append(my_missions_condition(user))
    if filters.get("waiting"):
        conditions.append(WAITING[filters["waiting"]](user))
    return conditions + filter_conditions(filters, today)


def filter_conditions(filters: dict, today: date) -> list:
    """The clauses of the filters alone (no user scope); absent or empty filters add nothing."""
    given = {name: value for name, value in filters.items() if value not in (None, "", False)}
    conditions = _share_conditions(given) + (_subtree(given["subtree"], given) if "subtree" in given else [])
    for name, build in _BUILDERS.items():
        if name in given:
            conditions += build(given[name], today)
    return conditions


def day_start(day: date) -> datetime:
    """The naive UTC instant at which the Vietnamese calendar day begins (as verified_at is stored)."""
    return datetime.combine(day, time(), VIETNAM).astimezone(UTC).replace(tzinfo=None)


def after_day(day: date) -> datetime:
    """The first instant after the Vietnamese day: `verified_at < after_day(d)` means "on or before d"."""
    return day_start(day + timedelta(days=1))


def my_missions_condition(user):
    """The finding came from a mission the user created or belongs to. An uncorrelated IN (the findings of
    those missions, found once) spares a lookup of every recommendation's finding."""
    # correlate(None): the outer query may join Mission or Finding, which must not swallow these FROMs
    mine = select(Mission.id).where(my_missions_clause(user)).correlate(None)
    return Recommendation.finding_id.in_(select(Finding.id).where(Finding.mission_id.in_(mine)).correlate(None))


def from_recommendations(*columns, where=(), finding: bool = False):
    """SELECT columns FROM recommendation WHERE …, joined to its finding only when a column or condition
    needs it (or `finding` asks): on SQLite the join costs a row lookup per recommendation, 20× the count."""
    query = select(*columns).select_from(Recommendation).where(*where)
    # the columns' and conditions' own FROMs, as the SELECT gathers them: get_final_froms() compiles the statement
    # (a few ms each, a dozen times per dashboard)
    if finding or Finding.__table__ in {*query.columns_clause_froms, *(t for w in where for t in w._from_objects)}:
        query = select(*columns).select_from(Recommendation).join(Recommendation.finding).where(*where)
    return query


# --- responsible units ----------------------------------------------------------------------------------------


def _share_conditions(filters: dict) -> list:
    """`unit_status` is the status of the unit named by `unit` or `responsible`, or of any unit without them."""
    status = filters.get("unit_status")
    conditions = []
    if "unit" in filters:
        unit_id = filters["unit"].id
        share = has_share(status, Responsibility.unit_id == unit_id)
        conditions.append(share if status else or_(share, Finding.unit_id == unit_id))
    if "responsible" in filters:
        conditions.append(has_share(status, Responsibility.unit_id == filters["responsible"].id))
    if status and not {"unit", "responsible"} & filters.keys():
        conditions.append(has_share(status))
    return conditions


def has_share(status=None, *criteria):
    """A responsible unit of the recommendation (with that status, meeting the criteria). With criteria (some
    units) the recommendations are looked up from their shares (idsets.among): an EXISTS tested on every
    recommendation made the count of a province's subtree read the whole table (1 s on the national data set).
    A status alone stays an EXISTS: it holds for much of the table, which the first page reads in due order."""
    if criteria:
        shares = select(Responsibility.recommendation_id).where(*criteria)
        if status:
            shares = shares.where(Responsibility.status == UnitStatus(status))
        return among(Recommendation.id, shares)
    share = select(Responsibility.id).where(Responsibility.recommendation_id == Recommendation.id)
    if status:
        share = share.where(Responsibility.status == UnitStatus(status))
    # correlate_except: the dashboard joins Responsibility itself; this subquery keeps its own
    return exists(share.correlate_except(Responsibility))


def _subtree(unit, filters: dict) -> list:
    """The unit's subordinates as they stood in the period filtered on (issue dates), else today's."""
    day = reference_day(unit, *_issue_period(filters))
    return [has_share(None, Responsibility.unit_id.in_(subtree_ids({unit.id}, on=day)))]


def names_day(filters: dict) -> date:
    """The day whose names of units the register shows: the end of the issue period filtered on (a 2017 register
    says "UBND thị xã Hà Tiên"), else today."""
    return reference_day(None, *_issue_period(filters))


def _issue_period(filters: dict) -> tuple[date | None, date | None]:
    """(last day, first day) of the issue dates filtered on: the cohort year and issued_from/issued_to."""
    cohort = filters.get("cohort")
    ends = [day for day in (filters.get("issued_to"), date(cohort, 12, 31) if cohort else None) if day]
    starts = [day for day in (filters.get("issued_from"), date(cohort, 1, 1) if cohort else None) if day]
    return min(ends, default=None), max(starts, default=None)


def _group(group_id, _today) -> list:
    """A share of one of the group's members: the members read once, as the subtree's units are, so that the
    planner sees the few units (with the subquery, PostgreSQL read every share of a small data set each time)."""
    members = db.session.scalars(select(GroupMember.unit_id).where(GroupMember.group_id == int(group_id)))
    return [has_share(None, Responsibility.unit_id.in_(list(members)))]


# --- status and dates ---------------------------------------------------------------------------------------------


def _verified(value, _today) -> list:
    if value == CLOSED:
        return [Recommendation.verified_status.in_(CLOSED_STATUSES)]
    return [Recommendation.verified_status == VerifiedStatus(value)]


def is_open():
    return Recommendation.verified_status == VerifiedStatus.OPEN


def _overdue(_value, today: date) -> list:
    return [is_open(), Recommendation.current_due < today]


def _aging(bucket: str, today: date) -> list:
    """Open and overdue by so many days: current_due = today − days."""
    least, most = AGING_BUCKETS[bucket]
    conditions = [is_open(), Recommendation.current_due <= today - timedelta(days=least)]
    if most is not None:
        conditions.append(Recommendation.current_due >= today - timedelta(days=most))
    return conditions


def open_on(day: date):
    """Issued by `day` and not yet verified at its end (still open now, or verified later)."""
    return and_(Recommendation.issued_on <= day,
                or_(is_open(), Recommendation.verified_at >= after_day(day)))


def text_condition(text: str):
    """The recommendation's number or text, or its finding's title, holds the words (case and accents
    ignored), or the text is the recommendation's number however written ("kn 3/đ12-2017") or its id ("12")."""
    condition = _words_condition(text)
    number = text.strip().lstrip("#")
    if ASCII_NUMBER.fullmatch(number) and int(number) <= MAX_ID:  # not isdigit(): "²" is a digit to Python
        condition = or_(condition, Recommendation.id == int(number))
    if (typed := canonical(text)) is not None:
        condition = or_(condition, Recommendation.number == typed)
    return condition


def _words_condition(text: str):
    """Which of two plans answers "the recommendation or its finding holds the words" depends on how common
    the words are, which the database cannot guess through the OR: words in thousands of rows are checked
    row by row as the list is read in its order (the first page meets its matches at once; collecting the
    60.000 findings holding "khen thưởng" first cost 100 ms a query), rarer ones are collected by the trigram
    indexes (reading the list row by row for 40 matches read all 140.000 recommendations: 450 ms)."""
    if _common(text):
        finding = aliased(Finding)
        title = select(finding.search_text).where(finding.id == Recommendation.finding_id).correlate(Recommendation)
        return or_(textsearch.scanned(Recommendation, text),
                   title.scalar_subquery().like(textsearch.like_pattern(text), escape="\\"))
    findings = select(Finding.id).where(textsearch.matches(Finding, text))
    return or_(textsearch.matches(Recommendation, text), among(Recommendation.finding_id, findings))


def _common(text: str) -> bool:
    """Looked up once per database session (the page and its count build the same conditions)."""
    known = db.session.info.setdefault("register_common_words", {})
    if (text, COMMON) not in known:
        known[text, COMMON] = any(textsearch.more_than(db.session, model, text, COMMON)
                                  for model in (Finding, Recommendation))
    return known[text, COMMON]


def _cohort(year: int, _today) -> list:
    return [Recommendation.issued_on >= date(year, 1, 1), Recommendation.issued_on <= date(year, 12, 31)]


_BUILDERS = {
    "q": lambda text, _today: [text_condition(text)] if textsearch.normalise(text) else [],
    "verified": _verified,
    "group": _group,
    "mission": lambda value, _today: [Finding.mission_id == int(value)],
    "category": lambda value, _today: [Finding.category == FindingCategory(value)],
    "severity": lambda value, _today: [Finding.severity == Severity(value)],
    "due_from": lambda day, _today: [Recommendation.current_due >= day],
    "due_to": lambda day, _today: [Recommendation.current_due <= day],
    "overdue": _overdue,
    "aging": _aging,
    "issued_from": lambda day, _today: [Recommendation.issued_on >= day],
    "issued_to": lambda day, _today: [Recommendation.issued_on <= day],
    "cohort": _cohort,
    "verified_from": lambda day, _today: [Recommendation.verified_at >= day_start(day)],
    "verified_to": lambda day, _today: [Recommendation.verified_at < after_day(day)],
    "verified_before": lambda day, _today: [Recommendation.verified_at < after_day(day)],
    "open_on": lambda day, _today: [open_on(day)],
    "overdue_on": lambda day, _today: [open_on(day), Recommendation.current_due < day],
    "escalated": lambda _value, _today: [Recommendation.escalated_at.is_not(None)],
}


def register_args(filters: dict) -> dict[str, str]:
    """Typed filters as the register's query string writes them: units by code, days as dd/mm/yyyy, "y"."""
    return {name: _arg(value) for name, value in filters.items() if value not in (None, "", False)}


def _arg(value) -> str:
    if value is True:
        return "y"
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return getattr(value, "code", None) or str(value)


# --- what waits on the user (`waiting=…`, the inspector's desk counts through the same clauses) ------------------

#: name → clause builder taking the user; the responses feature adds "extension" (its table, above this layer)
WAITING: dict[str, Callable] = {}


def waiting_clause(name: str) -> Callable:
    def declare(build: Callable) -> Callable:
        WAITING[name] = build
        return build
    return declare


@waiting_clause("verify")
def to_verify(_user):
    """Still open, and a responsible unit reported its share done: the team must verify it."""
    return and_(is_open(), has_share(UnitStatus.REPORTED_DONE))


@waiting_clause("unread")
def unread_answers(user):
    """A unit's message or evidence about it whose notice to this user is unread (opening the recommendation's
    page or the notice reads it)."""
    notice = select(Notification.id).where(Notification.user_id == user.id, Notification.read_at.is_(None),
                                           Notification.kind.in_(ANSWER_KINDS),
                                           Notification.about_type == RECOMMENDATION,
                                           Notification.about_id == Recommendation.id)
    return exists(notice.correlate_except(Notification))
