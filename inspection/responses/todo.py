"""The unit officer's to-do page ("Việc cần làm"): their units' open recommendations, overdue first, then
due within two weeks, then the rest, with what is waiting on the unit. Fixed number of queries."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import contains_eager, selectinload

from inspection.extensions import db
from inspection.findings.models import Finding, Recommendation, Responsibility, UnitStatus, VerifiedStatus
from inspection.idsets import among, usually
from inspection.missions.models import Mission
from inspection.responses.models import DueDateChange, ExtensionStatus, Message
from inspection.timeutil import today_vn
from inspection.units.models import Unit
from inspection.units.queries import subtree_ids

DUE_SOON = timedelta(days=14)
#: earlier than any message: "no message" in a comparison of message times
NEVER = datetime(1970, 1, 1)

NOT_REPORTED = (_l("Chưa báo cáo tiến độ"), "warning")
ASKED_FOR_MORE = (_l("Đoàn kiểm tra đề nghị bổ sung"), "danger")
EXTENSION_REFUSED = (_l("Gia hạn bị từ chối"), "danger")
EXTENSION_PENDING = (_l("Chờ quyết định gia hạn"), "info")
AWAITING_CHECK = (_l("Đã báo cáo, chờ đoàn kiểm tra xác minh"), "secondary")


@dataclass(frozen=True)
class ShareRow:
    """What the page needs to place and describe a share, read without building the ORM objects."""
    id: int
    recommendation_id: int
    unit_id: int
    status: UnitStatus
    due: date | None


@dataclass
class TodoItem:
    row: ShareRow
    days_overdue: int
    days_left: int | None
    #: (label, Bootstrap colour) of what the unit has to do next
    waiting: list[tuple] = field(default_factory=list)
    #: the share with its recommendation, finding, mission and units
    share: Responsibility | None = None

    @property
    def recommendation(self) -> Recommendation:
        return self.share.recommendation


@dataclass
class Section:
    anchor: str
    title: str
    #: the register's query string that lists the section whole
    register_filters: dict
    #: how many open shares the section holds; `items` are the first SECTION_LIMIT of them, most urgent first
    count: int = 0
    items: list[TodoItem] = field(default_factory=list)

    @property
    def rest(self) -> int:
        return self.count - len(self.items)


@dataclass
class Todo:
    units: list[Unit]
    #: overdue, due soon, the rest, reported done (the page's order; the SQL's section numbers 0–3)
    sections: list[Section]

    @property
    def total(self) -> int:
        return sum(section.count for section in self.sections)

    def section(self, anchor: str) -> Section:
        return next(section for section in self.sections if section.anchor == anchor)


#: a province's focal point may have well over a thousand open items: each section shows the most urgent
#: ones and links to the register for the rest, so the page stays readable and quick
SECTION_LIMIT = 25


def _vn(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def empty_sections(today: date) -> list[Section]:
    soon = today + DUE_SOON
    return [Section("qua-han", _l("Quá hạn"), {"overdue": "y"}),
            Section("sap-den-han", _l("Sắp đến hạn (trong 14 ngày)"),
                    {"verified": "open", "due_from": _vn(today), "due_to": _vn(soon)}),
            Section("con-lai", _l("Các kiến nghị khác đang thực hiện"),
                    {"verified": "open", "due_from": _vn(soon + timedelta(days=1))}),
            Section("cho-xac-minh", _l("Đã báo cáo hoàn thành, chờ xác minh"),
                    {"verified": "open", "unit_status": "reported_done"})]


def todo_context(user) -> dict:
    """Variables for templates/home/unit_officer.html (one key, `todo`)."""
    today = today_vn()
    own_ids = {unit.id for unit in user.units}
    todo = Todo(units=_units_with_names(own_ids), sections=empty_sections(today))
    rows = _first_rows(subtree_ids(own_ids), today)
    recommendation_ids = {row.recommendation_id for row, _section, _count in rows}
    last_messages = _last_message_times(recommendation_ids)
    last_requests = _last_extension_status(recommendation_ids)
    words = _translated()
    for row, number, count in rows:
        item = _item(row, today, last_messages, last_requests)
        item.waiting = [words[id(label)] for label in item.waiting]
        todo.sections[number].count = count
        todo.sections[number].items.append(item)
    _load_shown(todo)
    return {"todo": todo}


def _translated() -> dict[int, tuple]:
    """What waits on the unit, translated once a page rather than once an item (a hundred items)."""
    return {id(label): (str(label[0]), label[1])
            for label in (NOT_REPORTED, ASKED_FOR_MORE, EXTENSION_REFUSED, EXTENSION_PENDING, AWAITING_CHECK)}


def _load_shown(todo: Todo) -> None:
    """The full shares of the items the page shows, in one query."""
    shown = [item for section in todo.sections for item in section.items]
    shares = {share.id: share for share in _open_shares({item.row.id for item in shown})}
    for item in shown:
        item.share = shares[item.row.id]


def _units_with_names(ids: set[int]) -> list[Unit]:
    if not ids:
        return []
    query = select(Unit).where(Unit.id.in_(ids)).order_by(Unit.code).options(selectinload(Unit.names))
    return list(db.session.scalars(query))


def _first_rows(unit_ids: set[int], today: date) -> list[tuple[ShareRow, int, int]]:
    """(share, its section's number, the section's count) of the first SECTION_LIMIT open shares of each
    section, in one statement: the database places every open share of the units and keeps the first ones, so
    the rows built here are at most four sections' worth however large the backlog."""
    if not unit_ids:
        return []
    shares = (select(Responsibility.id, Responsibility.recommendation_id, Responsibility.unit_id,
                     Responsibility.status, Recommendation.current_due.label("due"),
                     _section_number(today).label("section"))
              .select_from(Responsibility).join(Responsibility.recommendation)
              .where(Responsibility.unit_id.in_(unit_ids), *_among_shares_of(unit_ids),
                     usually(Recommendation.verified_status == VerifiedStatus.OPEN))).subquery("shares")
    # overdue: the most days overdue first, i.e. the earliest due date, as in every other section
    urgency = (shares.c.due.asc().nulls_last(), shares.c.id)
    ranked = select(*shares.c, func.row_number().over(partition_by=shares.c.section, order_by=urgency).label("place"),
                    func.count().over(partition_by=shares.c.section).label("n")).subquery("ranked")
    query = (select(ranked.c.id, ranked.c.recommendation_id, ranked.c.unit_id, ranked.c.status, ranked.c.due,
                    ranked.c.section, ranked.c.n)
             .where(ranked.c.place <= SECTION_LIMIT).order_by(ranked.c.section, ranked.c.place))
    return [(ShareRow(*row[:5]), row.section, row.n) for row in db.session.execute(query)]


def _among_shares_of(unit_ids: set[int]) -> list:
    """On PostgreSQL, the recommendation is one the units share, said again as an id set (idsets.among): it then
    reads the province's few thousand recommendations by their key instead of hashing every open one in the
    country. SQLite already goes from the shares to their recommendations; the set would turn it round."""
    if db.session.get_bind().dialect.name != "postgresql":
        return []
    return [among(Recommendation.id, select(Responsibility.recommendation_id).where(
        Responsibility.unit_id.in_(unit_ids)))]


def _section_number(today: date):
    """The share's section (the index in Todo.sections): reported done and not asked for more, else by its due
    date (none: the rest)."""
    return case((and_(Responsibility.status == UnitStatus.REPORTED_DONE, ~_asked_for_more_sql()), 3),
                (Recommendation.current_due < today, 0),
                (Recommendation.current_due <= today + DUE_SOON, 1), else_=2)


def _asked_for_more_sql():
    """The team wrote on the recommendation after the unit last did (as _waiting_on_unit reads it)."""
    def last_message(unit_clause):
        return func.coalesce(select(func.max(Message.created_at)).where(
            Message.recommendation_id == Responsibility.recommendation_id, unit_clause).scalar_subquery(), NEVER)
    return last_message(Message.unit_id.is_(None)) > last_message(Message.unit_id == Responsibility.unit_id)


SHOWN_RECOMMENDATION = (Recommendation.id, Recommendation.finding_id, Recommendation.number, Recommendation.text,
                        Recommendation.current_due, Recommendation.original_due)


def _open_shares(share_ids: set[int]) -> list[Responsibility]:
    if not share_ids:
        return []
    query = (select(Responsibility)
             .join(Responsibility.recommendation).join(Recommendation.finding).join(Finding.mission)
             .where(Responsibility.id.in_(share_ids))
             # what the page shows of the recommendation, its finding and mission, not their long texts
             .options(contains_eager(Responsibility.recommendation).load_only(*SHOWN_RECOMMENDATION),
                      contains_eager(Responsibility.recommendation).contains_eager(Recommendation.finding)
                      .load_only(Finding.id, Finding.title, Finding.category, Finding.mission_id),
                      contains_eager(Responsibility.recommendation).contains_eager(Recommendation.finding)
                      .contains_eager(Finding.mission).load_only(Mission.id, Mission.title),
                      selectinload(Responsibility.unit).selectinload(Unit.names),
                      selectinload(Responsibility.transferred_from).selectinload(Unit.names)))
    return list(db.session.scalars(query))


def _last_message_times(recommendation_ids: set[int]) -> dict[tuple[int, int | None], datetime]:
    """(recommendation, speaking unit or None for the team) → time of the latest message."""
    if not recommendation_ids:
        return {}
    query = (select(Message.recommendation_id, Message.unit_id, func.max(Message.created_at))
             .where(Message.recommendation_id.in_(recommendation_ids))
             .group_by(Message.recommendation_id, Message.unit_id))
    return {(rec_id, unit_id): at for rec_id, unit_id, at in db.session.execute(query)}


def _last_extension_status(recommendation_ids) -> dict[tuple[int, int], ExtensionStatus]:
    """(recommendation, unit) → status of the unit's latest extension request."""
    if not recommendation_ids:
        return {}
    query = (select(DueDateChange.recommendation_id, DueDateChange.unit_id, DueDateChange.status)
             .where(DueDateChange.recommendation_id.in_(recommendation_ids), DueDateChange.unit_id.is_not(None))
             .order_by(DueDateChange.requested_at, DueDateChange.id))
    return {(rec_id, unit_id): status for rec_id, unit_id, status in db.session.execute(query)}


def _item(row: ShareRow, today: date, last_messages: dict, last_requests: dict) -> TodoItem:
    days_left = (row.due - today).days if row.due is not None else None
    item = TodoItem(row, days_overdue=max(-(days_left or 0), 0), days_left=days_left)
    item.waiting = _waiting_on_unit(row, last_messages, last_requests)
    return item


def _waiting_on_unit(share: ShareRow, last_messages: dict, last_requests: dict) -> list[tuple]:
    key = (share.recommendation_id, share.unit_id)
    waiting = []
    if share.status == UnitStatus.NOT_STARTED:
        waiting.append(NOT_REPORTED)
    team_said, unit_said = last_messages.get((share.recommendation_id, None)), last_messages.get(key)
    if team_said is not None and (unit_said is None or unit_said < team_said):
        waiting.append(ASKED_FOR_MORE)
    request_status = last_requests.get(key)
    if request_status == ExtensionStatus.PENDING:
        waiting.append(EXTENSION_PENDING)
    elif request_status == ExtensionStatus.REFUSED and share.status != UnitStatus.REPORTED_DONE:
        waiting.append(EXTENSION_REFUSED)
    if share.status == UnitStatus.REPORTED_DONE and not _asked_for_more(waiting):
        waiting.append(AWAITING_CHECK)
    return waiting


def _asked_for_more(waiting: list[tuple]) -> bool:
    """By identity: `in` would compare the lazy labels, translating them once per item."""
    return any(label is ASKED_FOR_MORE for label in waiting)
