"""The unit officer's to-do page ("Việc cần làm"): their units' open recommendations, overdue first, then
due within two weeks, then the rest, with what is waiting on the unit. Fixed number of queries."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager, selectinload

from inspection.extensions import db
from inspection.findings.models import Finding, Recommendation, Responsibility, UnitStatus, VerifiedStatus
from inspection.idsets import usually
from inspection.missions.models import Mission
from inspection.responses.models import DueDateChange, ExtensionStatus, Message
from inspection.timeutil import today_vn
from inspection.units.models import Unit
from inspection.units.queries import subtree_ids

DUE_SOON = timedelta(days=14)

NOT_REPORTED = (_l("Chưa báo cáo tiến độ"), "warning")
ASKED_FOR_MORE = (_l("Đoàn kiểm tra đề nghị bổ sung"), "danger")
EXTENSION_REFUSED = (_l("Gia hạn bị từ chối"), "danger")
EXTENSION_PENDING = (_l("Chờ quyết định gia hạn"), "info")
AWAITING_CHECK = (_l("Đã báo cáo, chờ đoàn kiểm tra xác minh"), "secondary")


@dataclass(frozen=True)
class ShareRow:
    """What sorting a share into its section needs, read without building the ORM objects."""
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
    #: the share with its recommendation, finding, mission and units: loaded only for the items a section shows
    share: Responsibility | None = None

    @property
    def recommendation(self) -> Recommendation:
        return self.share.recommendation


@dataclass
class Todo:
    units: list[Unit]
    overdue: list[TodoItem] = field(default_factory=list)
    due_soon: list[TodoItem] = field(default_factory=list)
    later: list[TodoItem] = field(default_factory=list)
    reported: list[TodoItem] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.overdue) + len(self.due_soon) + len(self.later) + len(self.reported)

    def sections(self) -> list[tuple[str, str, list[TodoItem], dict]]:
        """(anchor, title, items, register filters) of each section; the register lists a section whole."""
        today = today_vn()
        soon = today + DUE_SOON
        return [("qua-han", _l("Quá hạn"), self.overdue, {"overdue": "y"}),
                ("sap-den-han", _l("Sắp đến hạn (trong 14 ngày)"), self.due_soon,
                 {"verified": "open", "due_from": _vn(today), "due_to": _vn(soon)}),
                ("con-lai", _l("Các kiến nghị khác đang thực hiện"), self.later,
                 {"verified": "open", "due_from": _vn(soon + timedelta(days=1))}),
                ("cho-xac-minh", _l("Đã báo cáo hoàn thành, chờ xác minh"), self.reported,
                 {"verified": "open", "unit_status": "reported_done"})]


#: a province's focal point may have well over a thousand open items: each section shows the most urgent
#: ones and links to the register for the rest, so the page stays readable and quick
SECTION_LIMIT = 25


def _vn(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def todo_context(user) -> dict:
    """Variables for templates/home/unit_officer.html (one key, `todo`)."""
    today = today_vn()
    own_ids = {unit.id for unit in user.units}
    unit_ids = subtree_ids(own_ids)
    rows = _open_share_rows(unit_ids)
    # the recommendations as a subquery, not their ids: a province's thousands of bound ids cost more to pass
    recommendation_ids = _open_shares_of(unit_ids, Responsibility.recommendation_id) if rows else None
    last_messages = _last_message_times(recommendation_ids)
    last_requests = _last_extension_status(recommendation_ids)
    todo = Todo(units=_units_with_names(own_ids))
    for row in rows:
        item = _item(row, today, last_messages, last_requests)
        _bucket(todo, item).append(item)
    _sort(todo)
    _load_shown(todo)
    return {"todo": todo, "section_limit": SECTION_LIMIT}


def _load_shown(todo: Todo) -> None:
    """The full shares of the items the page shows (SECTION_LIMIT a section), in one query: a province's
    officer has thousands of open shares, and building every one of them was most of the page's time."""
    shown = [item for _anchor, _title, items, _filters in todo.sections() for item in items[:SECTION_LIMIT]]
    shares = {share.id: share for share in _open_shares({item.row.id for item in shown})}
    for item in shown:
        item.share = shares[item.row.id]


def _units_with_names(ids: set[int]) -> list[Unit]:
    if not ids:
        return []
    query = select(Unit).where(Unit.id.in_(ids)).order_by(Unit.code).options(selectinload(Unit.names))
    return list(db.session.scalars(query))


def _open_shares_of(unit_ids: set[int], *columns):
    """SELECT columns of the open shares of the units."""
    return (select(*columns).select_from(Responsibility).join(Responsibility.recommendation)
            .where(Responsibility.unit_id.in_(unit_ids),
                   usually(Recommendation.verified_status == VerifiedStatus.OPEN)))


def _open_share_rows(unit_ids: set[int]) -> list[ShareRow]:
    """Every open share of the units: the columns that place it in a section, no ORM object."""
    if not unit_ids:
        return []
    query = _open_shares_of(unit_ids, Responsibility.id, Responsibility.recommendation_id, Responsibility.unit_id,
                            Responsibility.status, Recommendation.current_due)
    return [ShareRow(*row) for row in db.session.execute(query)]


def _open_shares(share_ids: set[int]) -> list[Responsibility]:
    if not share_ids:
        return []
    query = (select(Responsibility)
             .join(Responsibility.recommendation).join(Recommendation.finding).join(Finding.mission)
             .where(Responsibility.id.in_(share_ids))
             .options(contains_eager(Responsibility.recommendation).contains_eager(Recommendation.finding)
                      # what the page shows of the mission: its document numbers are not parsed for nothing
                      .contains_eager(Finding.mission).load_only(Mission.id, Mission.title),
                      selectinload(Responsibility.unit).selectinload(Unit.names),
                      selectinload(Responsibility.transferred_from).selectinload(Unit.names)))
    return list(db.session.scalars(query))


def _last_message_times(recommendation_ids) -> dict[tuple[int, int | None], datetime]:
    """(recommendation, speaking unit or None for the team) → time of the latest message (recommendation_ids:
    a subquery, or None for none)."""
    if recommendation_ids is None:
        return {}
    query = (select(Message.recommendation_id, Message.unit_id, func.max(Message.created_at))
             .where(Message.recommendation_id.in_(recommendation_ids))
             .group_by(Message.recommendation_id, Message.unit_id))
    return {(rec_id, unit_id): at for rec_id, unit_id, at in db.session.execute(query)}


def _last_extension_status(recommendation_ids) -> dict[tuple[int, int], ExtensionStatus]:
    """(recommendation, unit) → status of the unit's latest extension request."""
    if recommendation_ids is None:
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


def _bucket(todo: Todo, item: TodoItem) -> list[TodoItem]:
    if item.row.status == UnitStatus.REPORTED_DONE and not _asked_for_more(item.waiting):
        return todo.reported
    if item.days_overdue > 0:
        return todo.overdue
    if item.days_left is not None and item.days_left <= DUE_SOON.days:
        return todo.due_soon
    return todo.later


def _sort(todo: Todo) -> None:
    far = date.max.toordinal()
    todo.overdue.sort(key=lambda item: (-item.days_overdue, item.row.id))
    for items in (todo.due_soon, todo.later, todo.reported):
        items.sort(key=lambda item: (item.days_left if item.days_left is not None else far, item.row.id))
