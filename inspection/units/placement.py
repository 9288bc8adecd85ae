"""Moving a unit in the hierarchy on a date (a new parent, or a new kind): the placement it leaves is kept as a
dated UnitPlacement, so that a report for an earlier period still finds the unit where it then stood.
Audited; the caller commits once."""

from datetime import date, timedelta

from flask_babel import gettext as _

from inspection import access, audit
from inspection.extensions import db
from inspection.formatting import vn_date
from inspection.permissions import is_admin
from inspection.rules import RuleViolation, require_version
from inspection.units import validity
from inspection.units.models import Unit, UnitKind, UnitPlacement
from inspection.units.queries import creates_cycle


def current_placement_start(unit: Unit) -> date | None:
    """The first day of the unit's current parent and kind: the day after its last earlier placement."""
    if unit.placements:
        return unit.placements[-1].valid_to + timedelta(days=1)
    return unit.valid_from


#: `version` of a move that does not come from a form (the demo, a data load): no stale-form check
NOT_FROM_A_FORM = object()


def move_unit(actor, unit: Unit, parent: Unit | None, effective: date, kind: UnitKind | None = None,
              note: str | None = None, version=NOT_FROM_A_FORM) -> UnitPlacement:
    """From `effective` on the unit sits under `parent` (and is of `kind`); until the day before, where it was.
    `version`: the one the move form was opened with (a form opened before another change is refused)."""
    access.require(actor, is_admin)
    kind = kind or unit.kind
    if version is not NOT_FROM_A_FORM:
        require_version(unit, version, {"parent": parent, "kind": kind},
                        labels={"parent": _("Cấp trên"), "kind": _("Loại đơn vị")})
    _require_change(unit, parent, kind)
    _require_effective(unit, parent, effective)
    if parent is not None and creates_cycle(unit.id, parent.id, effective):
        raise RuleViolation(_("Đơn vị cấp trên không thể là chính đơn vị này hoặc đơn vị cấp dưới của nó."),
                            field="parent_code")
    before = _placement_text(unit.parent, unit.kind)
    earlier = UnitPlacement(parent=unit.parent, kind=unit.kind, valid_from=current_placement_start(unit),
                            valid_to=effective - timedelta(days=1))
    unit.placements.append(earlier)
    unit.parent, unit.kind = parent, kind
    db.session.flush()
    audit.record(actor, "unit.move", unit, audit.text("Chuyển %(name)s về %(parent)s từ ngày %(day)s",
                                                      name=unit.name, parent=parent.name if parent else "—",
                                                      day=vn_date(effective)),
                 before=before, after=_placement_text(parent, kind) | {"effective": effective, "note": note})
    return earlier


def _require_change(unit: Unit, parent: Unit | None, kind: UnitKind) -> None:
    if parent is unit:
        raise RuleViolation(_("Đơn vị cấp trên không thể là chính đơn vị này hoặc đơn vị cấp dưới của nó."),
                            field="parent_code")
    if parent is unit.parent and kind == unit.kind:
        raise RuleViolation(_("Đơn vị cấp trên và loại đơn vị không thay đổi."), field="parent_code")


def _require_effective(unit: Unit, parent: Unit | None, effective: date) -> None:
    start = current_placement_start(unit)
    if start is not None and effective <= start:
        raise RuleViolation(_("Ngày chuyển phải sau ngày bắt đầu của vị trí hiện tại (%(day)s).",
                              day=vn_date(start)), field="effective_date")
    # the one validity check (units/validity.py): its message names the unit's dates and successors
    validity.require_existed(unit, effective, field="effective_date", when=validity.when_day(effective))
    if parent is not None:
        validity.require_existed(parent, effective, field="parent_code", when=validity.when_day(effective))


def _placement_text(parent: Unit | None, kind: UnitKind) -> dict:
    """The history shows the parent by name, its code beside it (names change, codes identify)."""
    return {"parent": f"{parent.name} ({parent.code})" if parent else None, "kind": kind}
