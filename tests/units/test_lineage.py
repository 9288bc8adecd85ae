"""Units keep their names through history; lineage queries follow merges, splits and dissolutions."""

from datetime import date

import pytest
from sqlalchemy import select

from inspection.access import SYSTEM
from inspection.audit import AuditEntry
from inspection.documents.refs import parse_ref
from inspection.extensions import db
from inspection.rules import RuleViolation
from inspection.units import queries, services
from inspection.units.models import EventKind, UnitKind
from tests.factories import make_unit

BASIS = parse_ref("202/2025/QH15")


def test_rename_keeps_the_old_name_for_old_dates(app):
    unit = make_unit("UBND huyện Phú Quốc", kind=UnitKind.DISTRICT)
    services.rename_unit(SYSTEM, unit, "UBND thành phố Phú Quốc", date(2021, 2, 1), parse_ref("1109/NQ-UBTVQH14"))
    assert unit.name == "UBND thành phố Phú Quốc"
    assert unit.name_on(date(2017, 11, 30)) == "UBND huyện Phú Quốc"
    assert unit.name_on(date(2021, 1, 31)) == "UBND huyện Phú Quốc"
    assert unit.name_on(date(2021, 2, 1)) == "UBND thành phố Phú Quốc"
    assert [n.name for n in unit.names] == ["UBND huyện Phú Quốc", "UBND thành phố Phú Quốc"]


def test_rename_is_refused_before_the_current_name_began(app):
    unit = make_unit("Sở A", valid_from=date(2020, 1, 1))
    with pytest.raises(RuleViolation, match="Ngày đổi tên phải sau"):
        services.rename_unit(SYSTEM, unit, "Sở B", date(2019, 6, 1), None)


def test_merge_and_current_successors(app):
    kien_giang = make_unit("UBND tỉnh Kiên Giang", kind=UnitKind.PROVINCE)
    an_giang_old = make_unit("UBND tỉnh An Giang", kind=UnitKind.PROVINCE)
    an_giang = make_unit("UBND tỉnh An Giang", kind=UnitKind.PROVINCE, valid_from=date(2025, 7, 1))
    event = services.merge_units(SYSTEM, [kien_giang, an_giang_old], an_giang, date(2025, 7, 1), BASIS)
    assert event.kind == EventKind.MERGE and str(event.legal_basis) == "202/2025/QH15"
    assert kien_giang.valid_to == date(2025, 6, 30)
    assert queries.current_successors(kien_giang, date(2026, 1, 1)) == [an_giang]
    assert queries.current_successors(kien_giang, date(2017, 11, 30)) == [kien_giang]
    assert {u.id for u in queries.all_predecessors(an_giang)} == {kien_giang.id, an_giang_old.id}


def test_lineage_is_followed_transitively_through_splits_and_dissolutions(app):
    commune = make_unit("UBND xã Thổ Châu", kind=UnitKind.COMMUNE)
    district = make_unit("UBND huyện Phú Quốc", kind=UnitKind.DISTRICT)
    zone_a = make_unit("UBND đặc khu Phú Quốc", kind=UnitKind.COMMUNE, valid_from=date(2025, 7, 1))
    zone_b = make_unit("UBND đặc khu Thổ Châu", kind=UnitKind.COMMUNE, valid_from=date(2025, 7, 1))
    services.dissolve_unit(SYSTEM, district, date(2025, 7, 1), parse_ref("72/2025/QH15"), [zone_a, zone_b])
    services.merge_units(SYSTEM, [commune], zone_b, date(2025, 7, 1), None)
    later = make_unit("Đơn vị kế thừa tiếp", valid_from=date(2026, 1, 1))
    services.merge_units(SYSTEM, [zone_b], later, date(2026, 1, 1), None)
    assert {u.name for u in queries.current_successors(district, date(2026, 6, 1))} == {
        "UBND đặc khu Phú Quốc", "Đơn vị kế thừa tiếp"}
    assert {u.name for u in queries.all_predecessors(later)} == {
        "UBND đặc khu Thổ Châu", "UBND huyện Phú Quốc", "UBND xã Thổ Châu"}


def test_split_needs_successors_other_than_itself(app):
    unit = make_unit()
    with pytest.raises(RuleViolation):
        services.split_unit(SYSTEM, unit, [unit], date(2025, 7, 1), None)


def test_a_unit_cannot_end_twice(app):
    unit = make_unit()
    services.dissolve_unit(SYSTEM, unit, date(2025, 7, 1), None)
    with pytest.raises(RuleViolation, match="đã chấm dứt"):
        services.dissolve_unit(SYSTEM, unit, date(2026, 1, 1), None)


def test_parent_cannot_be_a_descendant(app):
    top = make_unit("Tỉnh")
    child = make_unit("Huyện", parent=top)
    with pytest.raises(RuleViolation, match="cấp trên"):
        services.update_unit(SYSTEM, top, code=top.code, kind=top.kind, parent=child,
                             valid_from=None, valid_to=None, note=None, version=top.version)


def test_changes_are_audited_with_before_and_after(app):
    unit = services.create_unit(SYSTEM, code="X1", name="Sở Y tế", kind=UnitKind.DEPARTMENT)
    services.rename_unit(SYSTEM, unit, "Sở Y tế tỉnh An Giang", date(2025, 7, 1), BASIS)
    entries = list(db.session.scalars(select(AuditEntry).where(AuditEntry.target_id == unit.id)
                                      .order_by(AuditEntry.id)))
    assert [e.action for e in entries] == ["unit.create", "unit.rename"]
    assert entries[1].before == {"name": "Sở Y tế"}
    assert entries[1].after["name"] == "Sở Y tế tỉnh An Giang"


def test_audit_entries_cannot_be_rewritten(app):
    unit = services.create_unit(SYSTEM, code="X2", name="Sở A", kind=UnitKind.DEPARTMENT)
    db.session.commit()
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.target_id == unit.id))
    entry.summary = "tampered"
    with pytest.raises(RuntimeError, match="append-only"):
        db.session.flush()
    db.session.rollback()
    db.session.delete(db.session.get(AuditEntry, entry.id))
    with pytest.raises(RuntimeError, match="append-only"):
        db.session.flush()
