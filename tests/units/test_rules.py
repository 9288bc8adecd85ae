"""Lineage events respect the units' dates; stale forms never overwrite; future renames wait their day."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from inspection.access import SYSTEM
from inspection.audit import AuditEntry
from inspection.auth.models import Role
from inspection.documents.refs import parse_ref
from inspection.extensions import db
from inspection.rules import EditConflict, RuleViolation
from inspection.timeutil import today_vn
from inspection.units import services
from inspection.units.models import UnitEvent
from tests.factories import make_unit


def test_a_unit_cannot_be_dissolved_before_it_existed(app):
    unit = make_unit(valid_from=date(2024, 1, 1))
    with pytest.raises(RuleViolation, match="chưa được thành lập"):
        services.dissolve_unit(SYSTEM, unit, date(2000, 1, 1), None)


def test_a_unit_cannot_merge_into_a_unit_that_has_ended(app):
    ended = make_unit("Đã giải thể")
    services.dissolve_unit(SYSTEM, ended, date(2025, 3, 1), None)
    with pytest.raises(RuleViolation, match="đã chấm dứt hoạt động"):
        services.merge_units(SYSTEM, [make_unit()], ended, date(2025, 7, 1), None)


def test_a_dissolved_unit_cannot_be_renamed(app):
    unit = make_unit("Sở A")
    services.dissolve_unit(SYSTEM, unit, date(2025, 3, 1), None)
    with pytest.raises(RuleViolation, match="đã chấm dứt"):
        services.rename_unit(SYSTEM, unit, "Sở B", date(2026, 6, 1), None)


def test_the_same_merge_submitted_twice_is_refused(app):
    old, new = make_unit("Cũ"), make_unit("Mới")
    services.merge_units(SYSTEM, [old], new, date(2025, 7, 1), None)
    with pytest.raises(RuleViolation, match="đã có sự kiện chấm dứt"):
        services.merge_units(SYSTEM, [old], new, date(2025, 7, 1), None)
    assert db.session.scalar(select(func.count()).select_from(UnitEvent)) == 1


def test_lineage_cannot_loop(app):
    first, second = make_unit("A"), make_unit("B")
    services.merge_units(SYSTEM, [first], second, date(2020, 1, 1), None)
    with pytest.raises(RuleViolation, match="chấm dứt|vòng lặp"):  # an ended unit cannot succeed again
        services.split_unit(SYSTEM, second, [first], date(2021, 1, 1), None)


def test_a_legal_basis_cannot_postdate_the_event(app):
    with pytest.raises(RuleViolation, match="Ngày ban hành văn bản"):
        services.dissolve_unit(SYSTEM, make_unit(), date(2020, 8, 1), parse_ref("12/QĐ-UBND"),
                               legal_basis_date=date(2030, 1, 1))


def test_successors_see_the_event_in_their_own_history(app):
    old, new = make_unit("UBND tỉnh Kiên Giang"), make_unit("UBND tỉnh An Giang", valid_from=date(2025, 7, 1))
    services.merge_units(SYSTEM, [old], new, date(2025, 7, 1), parse_ref("202/2025/QH15"))
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.target_id == new.id,
                                                       AuditEntry.action == "unit.merge"))
    assert entry.after["legal_basis"] == "202/2025/QH15" and entry.after["predecessors"] == [old.code]


def test_a_rename_decided_for_a_later_date_shows_only_from_that_date(app):
    unit = make_unit("UBND xã Sơn Hải")
    later = today_vn() + timedelta(days=400)
    services.rename_unit(SYSTEM, unit, "UBND xã Sơn Hải Mới", later, None)
    assert unit.name == "UBND xã Sơn Hải"
    assert unit.name_on(later) == "UBND xã Sơn Hải Mới"


def test_start_date_cannot_move_after_the_units_history(app):
    unit = make_unit("UBND huyện Phú Quốc")
    services.rename_unit(SYSTEM, unit, "UBND thành phố Phú Quốc", date(2021, 2, 1), None)
    with pytest.raises(RuleViolation, match="trước sự kiện đầu tiên"):
        services.update_unit(SYSTEM, unit, code=unit.code, kind=unit.kind, parent=None,
                             valid_from=date(2022, 1, 1), valid_to=None, note=None, version=unit.version)


def test_a_stale_edit_form_is_refused_with_what_changed(app):
    unit = make_unit("Sở Tư pháp")
    db.session.commit()
    opened_with = unit.version
    services.dissolve_unit(SYSTEM, unit, date(2025, 7, 1), None)
    db.session.commit()
    with pytest.raises(EditConflict) as conflict:
        services.update_unit(SYSTEM, unit, code=unit.code, kind=unit.kind, parent=None, valid_from=None,
                             valid_to=None, note=None, version=opened_with)
    assert ("Hoạt động đến ngày", "30/06/2025", "—") in conflict.value.changes


def test_the_stale_form_page_shows_the_conflict_and_saves_nothing(app, client_as):
    unit = make_unit("Sở Tư pháp")
    db.session.commit()
    client = client_as(Role.ADMIN)
    opened_with = unit.version
    services.dissolve_unit(SYSTEM, unit, date(2025, 7, 1), None)
    db.session.commit()
    response = client.post(f"/units/{unit.id}/edit", data={"code": unit.code, "kind": "department",
                                                           "version": opened_with})
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "người khác sửa sau khi bạn mở biểu mẫu" in page and "30/06/2025" in page
    db.session.expire_all()
    assert unit.valid_to == date(2025, 6, 30)


def test_unit_page_runs_a_fixed_number_of_queries(app, client_as, count_queries):
    client = client_as(Role.COUNCIL)
    parent = make_unit("Tỉnh")
    services.merge_units(SYSTEM, [make_unit("Tiền thân")], parent, date(2019, 1, 1), None)
    make_unit(parent=parent)
    db.session.commit()
    with count_queries() as few:
        client.get(f"/units/{parent.id}")
    for index in range(15):
        make_unit(parent=parent)
        services.merge_units(SYSTEM, [make_unit(f"Tiền thân {index}")], parent, date(2020, 1, 1) + timedelta(index),
                             None)
    services.rename_unit(SYSTEM, parent, "Tỉnh mới", date(2024, 1, 1), None)
    db.session.commit()
    with count_queries() as many:
        client.get(f"/units/{parent.id}")
    assert many.count == few.count
    # Ceiling = the page's fixed query budget (measured 17 on SQLite, plus a small margin).
    assert many.count <= 19
