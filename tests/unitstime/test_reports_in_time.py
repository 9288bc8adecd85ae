"""Reports and the register for a period take the hierarchy and names of that period; a document printed today
is issued by today's body. On the Kiên Giang demo: its enterprises stand under Kiên Giang until 30/06/2025
and under An Giang since the merger, Hà Tiên was a thị xã until 31/10/2018."""

import re
from datetime import date

import pytest
from sqlalchemy import select

from inspection.access import SYSTEM
from inspection.auth.models import Role
from inspection.extensions import db
from inspection.groups.models import EmulationGroup
from inspection.nominations.models import DossierStatus
from inspection.units.placement import move_unit
from inspection.units.queries import subtree_ids, unit_by_code
from inspection.units.scope import visible_unit_ids
from tests.factories import make_unit, make_user
from tests.findings.builders import make_finding, make_mission, make_recommendation
from tests.nominations.builders import make_dossier
from tests.nominations.test_report import demo_user, line_numbers

REPORT = "/nominations/report?unit={unit}&subtree=1&year_from={year}&year_to={year}"


@pytest.fixture
def demo(app, runner):
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output


def _heading(page: str) -> tuple[str, str]:
    issuer = re.search(r"<div [^>]*data-issuer>([^<]*)</div>", page)
    subject = re.search(r"<span data-subject>([^<]*)</span>", page)
    return issuer.group(1).strip(), subject.group(1).strip() if subject else ""


def _enterprise_dossier(year: int) -> None:
    make_dossier(unit_by_code("KG-XSKT"), year=year, status=DossierStatus.AWARDED, decision_date=date(year, 11, 15))
    db.session.commit()


def test_kien_giangs_2017_enterprises_count_under_kien_giang_2017_not_under_an_giang(demo, login):
    inspector = demo_user(login, "inspector")
    assert line_numbers(inspector.get(REPORT.format(unit="KG", year=2017)).get_data(as_text=True))[
        "provincial.total"] == "5.549"
    _enterprise_dossier(2017)
    assert line_numbers(inspector.get(REPORT.format(unit="KG", year=2017)).get_data(as_text=True))[
        "provincial.total"] == "5.550"
    assert line_numbers(inspector.get(REPORT.format(unit="AG", year=2017)).get_data(as_text=True))[
        "provincial.total"] == "0"
    _enterprise_dossier(2026)
    assert line_numbers(inspector.get(REPORT.format(unit="AG", year=2026)).get_data(as_text=True))[
        "provincial.total"] == "1"
    assert line_numbers(inspector.get(REPORT.format(unit="KG", year=2026)).get_data(as_text=True))[
        "provincial.total"] == "0"


def test_the_2017_report_on_ha_tien_names_the_thi_xa_and_is_issued_by_todays_province(demo, login):
    inspector = demo_user(login, "inspector")
    page = inspector.get(REPORT.format(unit="KG-HT", year=2017)).get_data(as_text=True)
    assert _heading(page) == ("UBND tỉnh An Giang", "UBND thị xã Hà Tiên")
    assert "UBND thành phố Hà Tiên" not in page
    later = inspector.get(REPORT.format(unit="KG-HT", year=2019)).get_data(as_text=True)
    assert _heading(later)[1] == "UBND thành phố Hà Tiên"


def test_a_report_on_kien_giang_printed_today_is_not_issued_by_the_dissolved_province(demo, login):
    page = demo_user(login, "inspector").get(REPORT.format(unit="KG", year=2017)).get_data(as_text=True)
    assert _heading(page) == ("UBND tỉnh An Giang", "UBND tỉnh Kiên Giang")


def test_todays_work_uses_todays_hierarchy_and_the_year_groups_their_year(demo):
    enterprise, kien_giang, an_giang = unit_by_code("KG-XSKT"), unit_by_code("KG"), unit_by_code("AG")
    assert enterprise.id in subtree_ids({kien_giang.id}, on=date(2017, 12, 31))
    officer_of_kien_giang = make_user(Role.UNIT_OFFICER, units=[kien_giang])
    officer_of_an_giang = make_user(Role.UNIT_OFFICER, units=[an_giang])
    assert enterprise.id not in visible_unit_ids(officer_of_kien_giang)  # today it reports to An Giang
    assert enterprise.id in visible_unit_ids(officer_of_an_giang)
    blocks = {group.year: [member.unit.code for member in group.members]
              for group in db.session.scalars(select(EmulationGroup).where(EmulationGroup.name.contains("doanh")))}
    assert blocks == {2017: ["KG-XSKT", "KG-CTN"]}


@pytest.fixture
def moved(app):
    """A recommendation of 2017 to an enterprise that moved from the old province to the new one in 2025."""
    old, new = make_unit("UBND tỉnh Cũ", code="CU"), make_unit("UBND tỉnh Mới", code="MOI")
    enterprise = make_unit("Công ty Xổ số", code="XS", parent=old)
    move_unit(SYSTEM, enterprise, new, date(2025, 7, 1))
    finding = make_finding(make_mission([enterprise]), enterprise)
    make_recommendation(finding, [enterprise], issued_on=date(2017, 12, 1))
    db.session.commit()


@pytest.mark.parametrize(("query", "listed"), [
    ("subtree=CU&cohort=2017", 1), ("subtree=CU&issued_to=31/12/2017", 1), ("subtree=CU", 0),
    ("subtree=MOI&cohort=2017", 0), ("subtree=MOI", 1),
])
def test_the_register_for_a_period_takes_that_periods_subordinate_units(moved, client_as, query, listed):
    page = client_as(Role.COUNCIL).get(f"/recommendations/?{query}").get_data(as_text=True)
    total = re.search(r'data-total="(\d+)"', page)
    assert total and int(total.group(1)) == listed, query


def test_the_unit_page_shows_where_the_unit_stood_over_time(moved, client_as):
    enterprise = unit_by_code("XS")
    page = client_as(Role.COUNCIL).get(f"/units/{enterprise.id}").get_data(as_text=True)
    table = page[page.index("data-placements"):page.index("</table>", page.index("data-placements"))]
    rows = re.findall(r"<tr><td>(.*?)</td><td>.*?</td><td>(.*?)</td><td>(.*?)</td></tr>", table, re.S)
    assert [(re.sub(r"<[^>]+>", "", parent).strip(), start, end) for parent, start, end in rows] == [
        ("UBND tỉnh Cũ", "—", "30/06/2025"), ("UBND tỉnh Mới", "01/07/2025", "nay")]
