"""The demo's district-level units all ended on 01/07/2025 (Luật 72/2025/QH15) and each has the communes or
wards that carry it on."""

from datetime import date

from sqlalchemy import select

from inspection.extensions import db
from inspection.units.models import EventKind, LinkRole, Unit, UnitKind
from inspection.units.validity import ending_event

REORGANISED = date(2025, 7, 1)


def _successor_names(code: str) -> set[str]:
    unit = db.session.scalar(select(Unit).where(Unit.code == code))
    return {successor.name for successor in ending_event(unit).units_in(LinkRole.SUCCESSOR)}


def test_every_district_level_unit_that_ended_has_successor_communes_or_wards(app, runner):
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    districts = list(db.session.scalars(select(Unit).where(Unit.kind == UnitKind.DISTRICT)))
    assert len(districts) == 15
    for district in districts:
        assert district.valid_to == date(2025, 6, 30), district.code
        event = ending_event(district)
        assert event is not None and event.kind == EventKind.DISSOLVE, district.code
        assert str(event.legal_basis) == "72/2025/QH15"
        successors = event.units_in(LinkRole.SUCCESSOR)
        assert successors, f"{district.code} has no successor"
        for successor in successors:
            assert successor.kind == UnitKind.COMMUNE and successor.valid_from == REORGANISED
            assert successor.exists_on(REORGANISED) and successor.parent.code == "AG"
    assert {"UBND phường Rạch Giá", "UBND phường Vĩnh Thông"} <= _successor_names("KG-RG")
    assert _successor_names("KG-HT") == {"UBND phường Hà Tiên", "UBND phường Tô Châu", "UBND xã Tiên Hải"}
    # not only districts: every unit that ended has the merger, split or dissolution that ended it
    ended = db.session.scalars(select(Unit).where(Unit.valid_to.is_not(None)))
    assert [unit.code for unit in ended if ending_event(unit) is None] == []
