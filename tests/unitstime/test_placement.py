"""A unit's parent and kind are dated: moving a unit keeps where it stood before, subtrees are taken as of a day
(in one SQL statement), today's scope uses today's hierarchy, and a move that would put a unit under itself on
any day is refused."""

from datetime import date

import pytest
from sqlalchemy import select

from inspection.access import SYSTEM
from inspection.audit import AuditEntry
from inspection.auth.models import Role
from inspection.extensions import db
from inspection.rules import RuleViolation
from inspection.timeutil import today_vn
from inspection.units import services as units
from inspection.units.models import UnitKind
from inspection.units.placement import move_unit
from inspection.units.queries import creates_cycle, reference_day, subtree_ids
from inspection.units.scope import visible_unit_ids
from tests.factories import make_unit, make_user

MERGER = date(2025, 7, 1)


@pytest.fixture
def provinces(app):
    """Two provinces and an enterprise under the first until 30/06/2025, under the second from 01/07/2025."""
    old, new = make_unit("UBND tỉnh Cũ", kind=UnitKind.PROVINCE), make_unit("UBND tỉnh Mới", kind=UnitKind.PROVINCE)
    enterprise = make_unit("Công ty Xổ số", kind=UnitKind.ENTERPRISE, parent=old)
    branch = make_unit("Chi nhánh Xổ số", kind=UnitKind.OFFICE, parent=enterprise)
    move_unit(SYSTEM, enterprise, new, MERGER)
    return old, new, enterprise, branch


def test_a_moved_unit_counts_under_its_old_parent_before_the_move_and_its_new_one_after(provinces):
    old, new, enterprise, branch = provinces
    assert subtree_ids({old.id}, on=date(2017, 12, 31)) == {old.id, enterprise.id, branch.id}
    assert subtree_ids({new.id}, on=date(2017, 12, 31)) == {new.id}
    assert subtree_ids({old.id}, on=date(2025, 6, 30)) == {old.id, enterprise.id, branch.id}
    assert subtree_ids({new.id}, on=MERGER) == {new.id, enterprise.id, branch.id}
    assert enterprise.parent_on(date(2017, 5, 1)) is old and enterprise.parent_on(MERGER) is new
    assert enterprise.parent is new  # the current parent, as every caller of Unit.parent expects


def test_the_default_day_is_today_and_todays_scope_follows_todays_hierarchy(provinces):
    old, new, enterprise, branch = provinces
    assert subtree_ids({old.id}) == {old.id}
    officer_of_old = make_user(Role.UNIT_OFFICER, units=[old])
    officer_of_new = make_user(Role.UNIT_OFFICER, units=[new])
    assert visible_unit_ids(officer_of_old) == {old.id}
    assert visible_unit_ids(officer_of_new) == {new.id, enterprise.id, branch.id}


def test_the_kind_is_dated_too(provinces):
    _old, new, enterprise, _branch = provinces
    move_unit(SYSTEM, enterprise, new, date(2026, 1, 1), kind=UnitKind.MASS_ORGANISATION)
    assert enterprise.kind_on(date(2017, 1, 1)) == UnitKind.ENTERPRISE
    assert enterprise.kind_on(date(2025, 12, 31)) == UnitKind.ENTERPRISE
    assert enterprise.kind_on(date(2026, 1, 1)) == enterprise.kind == UnitKind.MASS_ORGANISATION
    assert [(p.valid_from, p.valid_to) for p in enterprise.placements] == [
        (None, date(2025, 6, 30)), (MERGER, date(2025, 12, 31))]


def test_a_move_is_audited_with_the_day_it_takes_effect(provinces):
    old, new, enterprise, _branch = provinces
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "unit.move"))
    assert entry.target_id == enterprise.id
    # the history names the parents (their codes beside): a reader should not have to look a code up
    assert (entry.before["parent"], entry.after["parent"]) == (f"{old.name} ({old.code})", f"{new.name} ({new.code})")
    assert entry.after["effective"] == "2025-07-01"


@pytest.mark.parametrize("case", ["no change", "not after the current placement", "under itself", "under its child",
                                  "ended unit", "parent not yet founded"])
def test_a_move_that_makes_no_sense_is_refused_with_the_field_at_fault(provinces, case):
    old, new, enterprise, branch = provinces
    later = make_unit("Đơn vị lập năm 2030", valid_from=date(2030, 1, 1))
    ended = make_unit("Đơn vị đã giải thể", valid_to=date(2020, 12, 31))
    arguments = {
        "no change": (enterprise, new, date(2026, 1, 1)),
        "not after the current placement": (enterprise, old, MERGER),
        "under itself": (enterprise, enterprise, date(2026, 1, 1)),
        "under its child": (enterprise, branch, date(2026, 1, 1)),
        "ended unit": (ended, new, date(2022, 1, 1)),
        "parent not yet founded": (enterprise, later, date(2026, 1, 1)),
    }[case]
    with pytest.raises(RuleViolation) as refused:
        move_unit(SYSTEM, *arguments)
    assert refused.value.field in ("parent_code", "effective_date")
    assert refused.value.message


def test_a_cycle_on_a_later_day_only_is_refused_too(app):
    """B moves under A from 2020: giving A the parent B from 2018 on is fine in 2018 but would loop in 2020."""
    top, a, b = make_unit("Gốc"), make_unit("A"), make_unit("B")
    a.parent = top
    b.parent = top
    db.session.flush()
    move_unit(SYSTEM, b, a, date(2020, 1, 1))
    assert creates_cycle(a.id, b.id, date(2018, 1, 1))
    with pytest.raises(RuleViolation):
        move_unit(SYSTEM, a, b, date(2018, 1, 1))
    with pytest.raises(RuleViolation):  # the edit form (today's parent, whole current period) checks the same
        units.update_unit(SYSTEM, a, code=a.code, kind=a.kind, parent=b, valid_from=None, valid_to=None, note=None,
                          version=a.version)


def test_a_subtree_on_any_day_is_one_statement_whatever_its_size(app, count_queries):
    root = make_unit("Gốc")
    level = [root]
    for _depth in range(3):
        level = [make_unit(parent=parent) for parent in level for _ in range(3)]
    move_unit(SYSTEM, level[0], root, date(2021, 1, 1))
    root_id = root.id
    db.session.commit()
    with count_queries() as counter:
        assert len(subtree_ids({root_id}, on=date(2020, 1, 1))) == 1 + 3 + 9 + 27
    assert counter.count == 1


def test_the_day_of_a_period_is_its_end_or_the_units_last_day_never_after_today(provinces):
    old, new, _enterprise, _branch = provinces
    old.valid_to = date(2025, 6, 30)
    assert reference_day(old, date(2017, 12, 31)) == date(2017, 12, 31)
    assert reference_day(old, date(2025, 12, 31)) == date(2025, 6, 30)
    assert reference_day(old, date(2025, 12, 31), date(2025, 1, 1)) == date(2025, 6, 30)
    assert reference_day(old, date(2025, 12, 31), date(2025, 7, 1)) == date(2025, 12, 31)  # wholly after its end
    assert reference_day(new, date(2999, 12, 31)) == today_vn()
    assert reference_day(None, None) == reference_day(new, None)
