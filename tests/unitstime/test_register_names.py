"""The register for a period names the units as they were named then: a 2017 register (issue year or dates
filtered on) says "UBND thị xã Hà Tiên", today's register "UBND thành phố Hà Tiên"; its Excel export the same."""

from datetime import date

import pytest

from inspection.access import SYSTEM
from inspection.auth.models import Role
from inspection.documents.refs import parse_ref
from inspection.extensions import db
from inspection.findings.register_export import export_rows
from inspection.timeutil import today_vn
from inspection.units import services as units
from inspection.units.models import UnitKind
from tests.factories import make_unit, make_user
from tests.findings.builders import make_finding, make_mission, make_recommendation

THEN, NOW = "UBND thị xã Hà Tiên", "UBND thành phố Hà Tiên"


@pytest.fixture
def ha_tien(app):
    town = make_unit(THEN, code="RN-HT", kind=UnitKind.DISTRICT, valid_from=date(1998, 1, 1))
    units.rename_unit(SYSTEM, town, NOW, date(2018, 11, 1), parse_ref("573/NQ-UBTVQH14"))
    council = make_user(Role.COUNCIL)
    mission = make_mission([town])
    make_recommendation(make_finding(mission, town), [town], issued_on=date(2017, 12, 1))
    db.session.commit()
    return council


@pytest.mark.parametrize(("query", "name"), [
    ("cohort=2017", THEN), ("issued_to=31/12/2017", THEN), ("", NOW), ("issued_from=01/01/2017", NOW)])
def test_the_register_names_units_as_they_were_named_in_its_period(ha_tien, login, query, name):
    page = login(ha_tien).get(f"/recommendations/?{query}").get_data(as_text=True)
    other = NOW if name == THEN else THEN
    assert name in page  # a period with no end: today's names
    assert other not in page.split('<table', 1)[-1]


def test_the_export_names_them_the_same(ha_tien):
    rows = list(export_rows(ha_tien, {"cohort": 2017}, today_vn()))
    assert rows and THEN in " ".join(map(str, rows[0])) and NOW not in " ".join(map(str, rows[0]))
    rows = list(export_rows(ha_tien, {}, today_vn()))
    assert NOW in " ".join(map(str, rows[0]))
