"""Changes to units. Every change is audited; the caller commits once."""

from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import select

from inspection import access, audit
from inspection.documents.refs import DocRef
from inspection.extensions import db
from inspection.permissions import is_admin
from inspection.rules import RuleViolation, require_version
from inspection.units.models import (
    ENDING_KINDS,
    EventKind,
    LinkRole,
    Unit,
    UnitEvent,
    UnitEventLink,
    UnitKind,
    UnitName,
)
from inspection.units.placement import current_placement_start
from inspection.units.queries import all_predecessors, creates_cycle, unit_by_code

UNIT_FIELDS = ("code", "kind", "valid_from", "valid_to", "note")


def create_unit(actor, *, code: str, name: str, kind: UnitKind, parent: Unit | None = None,
                valid_from: date | None = None, legal_basis: DocRef | None = None,
                predecessors: list[Unit] = (), note: str | None = None, establish: bool = True) -> Unit:
    """A new unit with its first name, and an establishment event when a date is known
    (`establish=False` when a merge or split that follows will record how it came to be)."""
    access.require(actor, is_admin)
    _require_free_code(code)
    unit = Unit(code=code.strip(), kind=kind, parent=parent, valid_from=valid_from, note=note)
    unit.names.append(UnitName(name=name.strip(), valid_from=valid_from))
    db.session.add(unit)
    db.session.flush()
    if valid_from is not None and establish:
        _add_event(EventKind.ESTABLISH, valid_from, legal_basis, predecessors, [unit])
    audit.record(actor, "unit.create", unit, audit.text("Thêm đơn vị %(name)s", name=unit.name),
                 after=_snapshot(unit) | {"name": unit.name})
    return unit


def update_unit(actor, unit: Unit, *, code: str, kind: UnitKind, parent: Unit | None,
                valid_from: date | None, valid_to: date | None, note: str | None,
                version: int | None) -> Unit:
    """Edit a unit's attributes. Its name changes only through rename_unit; `version` is the one the
    form was opened with (a stale form is refused)."""
    access.require(actor, is_admin)
    require_version(unit, version, {"code": code.strip(), "kind": kind, "parent": parent, "valid_from": valid_from,
                                    "valid_to": valid_to, "note": note},
                    labels={"code": _("Mã đơn vị"), "kind": _("Loại đơn vị"), "parent": _("Cấp trên"),
                            "valid_from": _("Hoạt động từ ngày"), "valid_to": _("Hoạt động đến ngày"),
                            "note": _("Ghi chú")})
    if code.strip() != unit.code:
        _require_free_code(code)
    if parent is not None and creates_cycle(unit.id, parent.id, current_placement_start(unit)):
        raise RuleViolation(_("Đơn vị cấp trên không thể là chính đơn vị này hoặc đơn vị cấp dưới của nó."),
                            field="parent_code")
    _require_order(valid_from, valid_to)
    _require_start_before_history(unit, valid_from)
    before = _snapshot(unit)
    if unit.names and unit.names[0].valid_from == unit.valid_from:
        unit.names[0].valid_from = valid_from  # the first name starts with the unit
    unit.code, unit.kind, unit.parent, unit.note = code.strip(), kind, parent, note
    unit.valid_from, unit.valid_to = valid_from, valid_to
    db.session.flush()
    audit.record(actor, "unit.update", unit, audit.text("Sửa thông tin đơn vị %(name)s", name=unit.name),
                 before=before, after=_snapshot(unit))
    return unit


def _snapshot(unit: Unit) -> dict:
    """Attributes for the audit log; the parent by code, which a reader recognises."""
    return audit.changes(unit, UNIT_FIELDS) | {"parent": unit.parent.code if unit.parent else None}


def rename_unit(actor, unit: Unit, new_name: str, effective: date, legal_basis: DocRef | None,
                note: str | None = None, legal_basis_date: date | None = None) -> UnitEvent:
    """Close the current name the day before `effective` and open the new one."""
    access.require(actor, is_admin)
    current = unit.names[-1]
    if current.valid_from is not None and effective <= current.valid_from:
        raise RuleViolation(_("Ngày đổi tên phải sau ngày bắt đầu của tên hiện tại (%(day)s).",
                              day=current.valid_from.strftime("%d/%m/%Y")), field="effective_date")
    _require_exists_on(unit, effective)
    if new_name.strip() == current.name:
        raise RuleViolation(_("Tên mới trùng với tên hiện tại."), field="new_name")
    old_name = current.name
    current.valid_to = effective - timedelta(days=1)
    unit.names.append(UnitName(name=new_name.strip(), valid_from=effective))
    event = _add_event(EventKind.RENAME, effective, (legal_basis, legal_basis_date), [unit], [unit], note)
    audit.record(actor, "unit.rename", unit, audit.text("Đổi tên %(old)s thành %(new)s", old=old_name, new=new_name),
                 before={"name": old_name}, after={"name": new_name.strip(), "effective": effective,
                                                   "legal_basis": legal_basis})
    return event


def merge_units(actor, predecessors: list[Unit], successor: Unit, effective: date, legal_basis: DocRef | None,
                note: str | None = None, legal_basis_date: date | None = None) -> UnitEvent:
    """Predecessors cease the day before `effective`; the successor carries on (it may be one of them)."""
    access.require(actor, is_admin)
    ending = [unit for unit in predecessors if unit.id != successor.id]
    if not ending:
        raise RuleViolation(_("Cần ít nhất một đơn vị được sáp nhập khác đơn vị kế thừa."), field="related_codes")
    return _end_units(actor, EventKind.MERGE, ending, [successor], effective, (legal_basis, legal_basis_date), note)


def split_unit(actor, predecessor: Unit, successors: list[Unit], effective: date, legal_basis: DocRef | None,
               note: str | None = None, legal_basis_date: date | None = None) -> UnitEvent:
    access.require(actor, is_admin)
    if not successors or predecessor in successors:
        raise RuleViolation(_("Cần ít nhất một đơn vị kế thừa khác đơn vị bị chia, tách."), field="related_codes")
    return _end_units(actor, EventKind.SPLIT, [predecessor], successors, effective, (legal_basis, legal_basis_date),
                      note)


def dissolve_unit(actor, unit: Unit, effective: date, legal_basis: DocRef | None, successors: list[Unit] = (),
                  note: str | None = None, legal_basis_date: date | None = None) -> UnitEvent:
    """Dissolution; `successors` are the units that take over its functions, if any."""
    access.require(actor, is_admin)
    if unit in successors:
        raise RuleViolation(_("Đơn vị giải thể không thể tự kế thừa."), field="related_codes")
    return _end_units(actor, EventKind.DISSOLVE, [unit], list(successors), effective, (legal_basis, legal_basis_date),
                      note)


def _end_units(actor, kind, ending, successors, effective, basis, note) -> UnitEvent:
    """Check every unit against the dates first, so a refused event leaves nothing half-written."""
    for unit in ending:
        _require_exists_on(unit, effective - timedelta(days=1))
        _require_not_ended(unit)
    for successor in successors:
        _require_exists_on(successor, effective, field="related_codes")
        _require_no_cycle(successor, ending)
    for unit in ending:
        unit.valid_to = effective - timedelta(days=1)
    event = _add_event(kind, effective, basis, ending, successors, note)
    names = {"event": kind.label, "ending": ", ".join(u.name for u in ending),
             "successors": ", ".join(s.name for s in successors) or "—"}
    for unit in ending + list(successors):
        audit.record(actor, f"unit.{kind.value}", unit,
                     audit.text("%(event)s: %(ending)s; kế thừa: %(successors)s", **names),
                     before={"valid_to": None} if unit in ending else None,
                     after={"valid_to": unit.valid_to, "predecessors": [u.code for u in ending],
                            "successors": [s.code for s in successors], "legal_basis": basis[0]})
    return event


def _add_event(kind, effective, basis, predecessors, successors, note=None) -> UnitEvent:
    legal_basis, basis_date = basis if isinstance(basis, tuple) else (basis, None)
    if basis_date is not None and basis_date > effective:
        raise RuleViolation(_("Ngày ban hành văn bản phải trước hoặc bằng ngày có hiệu lực."),
                            field="legal_basis_date")
    event = UnitEvent(kind=kind, effective_date=effective, legal_basis=legal_basis, legal_basis_date=basis_date,
                      note=note)
    event.links = ([UnitEventLink(unit=u, role=LinkRole.PREDECESSOR) for u in predecessors]
                   + [UnitEventLink(unit=u, role=LinkRole.SUCCESSOR) for u in successors])
    db.session.add(event)
    db.session.flush()
    return event


def _require_free_code(code: str) -> None:
    if not code.strip():
        raise RuleViolation(_("Mã đơn vị không được để trống."), field="code")
    if unit_by_code(code) is not None:
        raise RuleViolation(_("Mã đơn vị “%(code)s” đã được dùng.", code=code.strip()), field="code")


def _require_start_before_history(unit: Unit, valid_from: date | None) -> None:
    """A start date that contradicts the unit's own events is refused: it must come before an event that
    renames or ends it, and no later than one it carries on from (the 2025 communes and bodies were founded
    by the merger that made them, on its day: that day is their start, and saving it again is no clash)."""
    if valid_from is None:
        return
    ends = _first_event_as(unit, LinkRole.PREDECESSOR)
    if ends is not None and valid_from >= ends:
        raise RuleViolation(_("Ngày bắt đầu phải trước sự kiện đầu tiên của đơn vị (%(day)s).",
                              day=ends.strftime("%d/%m/%Y")), field="valid_from")
    carries_on = _first_event_as(unit, LinkRole.SUCCESSOR)
    if carries_on is not None and valid_from > carries_on:
        raise RuleViolation(_("Ngày bắt đầu không được sau sự kiện đầu tiên của đơn vị (%(day)s).",
                              day=carries_on.strftime("%d/%m/%Y")), field="valid_from")


def _first_event_as(unit: Unit, role: LinkRole) -> date | None:
    """The first event other than its establishment in which the unit takes `role`."""
    return db.session.scalar(
        select(UnitEvent.effective_date).join(UnitEventLink)
        .where(UnitEventLink.unit_id == unit.id, UnitEventLink.role == role, UnitEvent.kind != EventKind.ESTABLISH)
        .order_by(UnitEvent.effective_date).limit(1))


def _require_order(valid_from: date | None, valid_to: date | None) -> None:
    if valid_from and valid_to and valid_to < valid_from:
        raise RuleViolation(_("Ngày kết thúc phải sau ngày bắt đầu."), field="valid_to")


def _require_exists_on(unit: Unit, day: date, field: str = "effective_date") -> None:
    if unit.valid_to is not None and unit.valid_to < day:
        raise RuleViolation(_("Đơn vị %(name)s đã chấm dứt hoạt động (ngày cuối %(day)s).", name=unit.name,
                              day=unit.valid_to.strftime("%d/%m/%Y")), field=field)
    if unit.valid_from is not None and unit.valid_from > day:
        raise RuleViolation(_("Ngày %(day)s đơn vị %(name)s chưa được thành lập (hoạt động từ %(start)s).",
                              day=day.strftime("%d/%m/%Y"), name=unit.name,
                              start=unit.valid_from.strftime("%d/%m/%Y")), field=field)




def _require_not_ended(unit: Unit) -> None:
    """A unit ends once: a second merge or dissolution of it (a double submit) is refused."""
    ended = db.session.scalar(select(UnitEvent.id).join(UnitEventLink).where(
        UnitEventLink.unit_id == unit.id, UnitEventLink.role == LinkRole.PREDECESSOR,
        UnitEvent.kind.in_(ENDING_KINDS)).limit(1))
    if ended is not None:
        raise RuleViolation(_("Đơn vị %(name)s đã có sự kiện chấm dứt hoạt động.", name=unit.name),
                            field="effective_date")


def _require_no_cycle(successor: Unit, ending: list[Unit]) -> None:
    ending_ids = {unit.id for unit in ending}
    if any(u.id in ending_ids for u in all_predecessors(successor)):
        raise RuleViolation(_("Đơn vị %(name)s đã là đơn vị kế thừa của đơn vị này: không thể tạo vòng lặp.",
                              name=successor.name), field="related_codes")
