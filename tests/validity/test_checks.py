"""Every record that names a unit on a date refuses a unit that did not exist then, with the unit's validity in
the message: dossiers (form and import: the emulation year), missions (the period inspected, else the decision
date), working sessions (the day held), self-reports (the report's date), findings (the mission's period) and
recommendations (the day issued)."""

from datetime import date

import pytest

from inspection.access import SYSTEM
from inspection.auth.models import Role
from inspection.documents.refs import parse_ref
from inspection.extensions import db
from inspection.findings import services as findings
from inspection.findings.models import FindingCategory
from inspection.imports.pipeline import preview_file
from inspection.missions import services as missions
from inspection.missions import session_services
from inspection.rules import RuleViolation
from inspection.units import services as units
from inspection.units.models import UnitKind
from tests.factories import make_unit
from tests.missions.builders import add_session, make_mission, mission_form, text_of
from tests.nominations.test_import import MAX_BYTES, dossier_row, xlsx

REORGANISED = date(2025, 7, 1)
CATEGORY = FindingCategory.AWARD_COMPLIANCE
FOUNDED = "Đơn vị UBND phường Vĩnh Thông (AG-P-VTH) chỉ tồn tại từ 01/07/2025"
DISSOLVED = ("Đơn vị UBND thành phố Rạch Giá (KG-RG) đã giải thể từ 01/07/2025 (kế thừa: UBND phường Rạch Giá "
             "(AG-P-RG), UBND phường Vĩnh Thông (AG-P-VTH))")


@pytest.fixture
def reorganised(app):
    """Rạch Giá (dissolved on 01/07/2025) and the two wards founded that day that carry it on."""
    district = make_unit("UBND thành phố Rạch Giá", code="KG-RG", kind=UnitKind.DISTRICT)
    wards = [units.create_unit(SYSTEM, code=code, name=name, kind=UnitKind.COMMUNE, valid_from=REORGANISED)
             for code, name in (("AG-P-RG", "UBND phường Rạch Giá"), ("AG-P-VTH", "UBND phường Vĩnh Thông"))]
    units.dissolve_unit(SYSTEM, district, REORGANISED, parse_ref("72/2025/QH15"), wards)
    db.session.commit()
    return {"district": district, "old_ward": wards[0], "ward": wards[1]}


def _refusal(change) -> RuleViolation:
    with pytest.raises(RuleViolation) as refused:
        change()
    return refused.value


@pytest.mark.parametrize(("code", "year", "message"), [
    ("AG-P-VTH", "2017", FOUNDED + " – không tồn tại vào năm thi đua 2017."),
    ("KG-RG", "2026", DISSOLVED + " – không tồn tại vào năm thi đua 2026."),
])
def test_the_dossier_form_refuses_a_unit_that_did_not_exist_in_the_emulation_year(
        reorganised, catalogue, client_as, code, year, message):
    council = client_as(Role.COUNCIL)
    data = {"unit": code, "code": "HS-1", "year": year, "award_form": "BKUBT", "recipient_kind": "individual",
            "recipient_name": "Phạm Thị Dung"}
    refused = council.post("/nominations/dossiers/new", data=data)
    assert refused.status_code == 200
    assert "Mã đơn vị: " + message in text_of(refused)
    # the year the unit lived in is accepted: Rạch Giá's 2025 (to 30/06), the ward's 2025 (from 01/07)
    assert council.post("/nominations/dossiers/new", data=data | {"year": "2025"}).status_code == 302


def test_an_import_names_the_row_and_the_column_of_a_unit_outside_the_year(reorganised, catalogue):
    rows = [dossier_row("HS-001", unit="AG-P-VTH", year=2017),
            dossier_row("HS-002", unit="KG-RG", year=2017),
            dossier_row("HS-003", unit="KG-RG", year=2026, submitted=None, ref=None, decided=None, status="Nháp")]
    plan = preview_file(SYSTEM, "dossiers", xlsx(rows), "ho-so.xlsx", MAX_BYTES)
    assert [(error.row, error.column, error.message) for error in plan.errors] == [
        (2, "Mã đơn vị", FOUNDED + " – không tồn tại vào năm thi đua 2017."),
        (4, "Mã đơn vị", DISSOLVED + " – không tồn tại vào năm thi đua 2026.")]


def test_a_plan_or_mission_checks_its_units_against_its_year_or_period_else_the_decision(reorganised, client_as):
    inspector = client_as(Role.INSPECTOR)
    refused = inspector.post("/missions/new", data=mission_form(unit_codes="KG-RG, AG-P-VTH"))
    assert refused.status_code == 200
    assert ("Đơn vị được kiểm tra (mã): " + FOUNDED + " – không tồn tại vào thời kỳ kiểm tra 06/11/2016 – "
            "05/11/2017.") in text_of(refused)
    ward = reorganised["ward"]
    no_period = _refusal(lambda: make_mission([ward], period_from=None, period_to=None))
    assert no_period.field == "unit_codes" and "không tồn tại vào ngày 20/10/2017" in no_period.message
    issuer = _refusal(lambda: make_mission([reorganised["district"]], issuing_unit=ward))
    assert issuer.field == "issuing_unit_code" and issuer.message.startswith(FOUNDED)
    # a period the unit lived in part of is accepted
    assert make_mission([ward, reorganised["district"]], period_from=date(2025, 1, 1), period_to=date(2025, 12, 31))
    plan = _refusal(lambda: missions.create_plan(SYSTEM, missions.PlanDetails(year=2026, title="Kế hoạch 2026",
                                                                            units=[reorganised["district"]])))
    assert (plan.field, plan.message) == ("unit_codes", DISSOLVED + " – không tồn tại vào năm kế hoạch 2026.")


def test_sessions_self_reports_findings_and_recommendations_check_their_own_date(reorganised, app):
    district, ward = reorganised["district"], reorganised["ward"]
    mission = make_mission([district], period_from=None, period_to=None, decision_date=None)
    session = _refusal(lambda: add_session(mission, district, held_on=date(2025, 7, 2)))
    assert (session.field, session.message) == ("unit_id", DISSOLVED + " – không tồn tại vào ngày 02/07/2025.")
    report = _refusal(lambda: _self_report(mission, district, date(2026, 1, 5)))
    assert (report.field, report.message) == ("unit_id", DISSOLVED + " – không tồn tại vào ngày 05/01/2026.")
    assert add_session(mission, district, held_on=date(2025, 6, 30))

    mission.units.append(ward)
    mission.period_from, mission.period_to = date(2017, 1, 1), date(2017, 12, 31)  # a mission saved before the check
    finding = _refusal(lambda: findings.create_finding(SYSTEM, mission, unit=ward, category=CATEGORY,
                                                       title="Hồ sơ thiếu biên bản họp Hội đồng"))
    assert (finding.field, finding.message) == (
        "unit", FOUNDED + " – không tồn tại vào thời kỳ kiểm tra 01/01/2017 – 31/12/2017.")
    found = findings.create_finding(SYSTEM, mission, unit=district, category=CATEGORY,
                                    title="Hồ sơ thiếu biên bản họp Hội đồng")
    recommendation = _refusal(lambda: findings.create_recommendation(
        SYSTEM, found, text="Bổ sung biên bản", issued_on=date(2025, 8, 1), due=date(2025, 12, 31),
        responsible_units=[district, ward]))
    assert (recommendation.field, recommendation.message) == (
        "responsible_units", DISSOLVED + " – không tồn tại vào ngày 01/08/2025.")


def _self_report(mission, unit, report_date):
    return session_services.add_self_report(SYSTEM, mission, unit=unit, ref=parse_ref("280/BC-UBND"),
                                            report_date=report_date)
