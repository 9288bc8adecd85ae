"""Each unit field of a dated record names the day that counts for it (the date field of its form, or the
period fixed when the page is built), for the picker to send; a field of an undated record does not."""

import re
from datetime import date

from inspection.auth.models import Role
from inspection.extensions import db
from tests.factories import make_user
from tests.findings.builders import make_finding, make_mission


def _picker(page: str, name: str) -> str:
    """The <input> of the unit field `name`."""
    return re.search(rf'<input[^>]*\bname="{name}"[^>]*>', page).group(0)


def test_the_mission_form_counts_the_period_then_the_decision(merger, client_as):
    page = client_as(Role.ADMIN).get("/missions/new").get_data(as_text=True)
    assert 'data-unit-dates="period_from:period_to decision_date"' in _picker(page, "unit_codes")
    assert 'data-unit-dates="decision_date"' in _picker(page, "issuing_unit_code")
    assert 'name="period_from"' in page and 'name="decision_date"' in page


def test_the_plan_and_the_dossier_count_their_year(merger, client_as):
    plan = client_as(Role.ADMIN).get("/plans/new").get_data(as_text=True)
    assert 'data-unit-dates="year"' in _picker(plan, "unit_codes")
    dossier = client_as(Role.COUNCIL).get("/nominations/dossiers/new").get_data(as_text=True)
    assert 'data-unit-dates="year"' in _picker(dossier, "unit") and 'name="year"' in dossier


def test_a_new_recommendation_counts_its_issue_day(merger, login):
    inspector = make_user(Role.INSPECTOR)
    mission = make_mission([merger.kg], [inspector])
    finding = make_finding(mission)
    db.session.commit()
    page = login(inspector).get(f"/findings/{finding.id}/recommendations/new").get_data(as_text=True)
    assert 'data-unit-dates="issued_on"' in _picker(page, "responsible_units")


def test_the_dossier_link_of_a_2017_finding_counts_the_period_inspected(merger, login):
    inspector = make_user(Role.INSPECTOR)
    mission = make_mission([merger.kg], [inspector])
    mission.period_from, mission.period_to = date(2016, 1, 1), date(2017, 9, 30)
    finding = make_finding(mission)
    db.session.commit()
    page = login(inspector).get(f"/findings/{finding.id}").get_data(as_text=True)
    field = _picker(page, "link-unit")
    assert 'data-unit-from="01/01/2016"' in field and 'data-unit-to="30/09/2017"' in field


def test_a_move_counts_its_effective_day_and_an_undated_field_counts_today(merger, client_as):
    client = client_as(Role.ADMIN)
    move = client.get(f"/units/{merger.pq.id}/move").get_data(as_text=True)
    assert 'data-unit-dates="effective_date"' in _picker(move, "parent_code")
    register = client.get("/recommendations/").get_data(as_text=True)
    assert "data-unit-dates" not in register and "data-unit-from" not in register


def test_a_2017_missions_forms_name_its_units_as_in_2017(merger, login):
    inspector = make_user(Role.INSPECTOR)
    mission = make_mission([merger.pq], [inspector])
    mission.period_from, mission.period_to = date(2017, 1, 1), date(2017, 9, 30)
    db.session.commit()
    client = login(inspector)
    session = client.get(f"/missions/{mission.id}/sessions/new").get_data(as_text=True)
    assert "KG-PQ · UBND huyện Phú Quốc</option>" in session
    finding = client.get(f"/findings/new/{mission.id}").get_data(as_text=True)
    assert "UBND huyện Phú Quốc (KG-PQ)</option>" in finding and "đặc khu" not in finding
    mission.period_from = mission.period_to = None  # nothing to date it: today's names
    db.session.commit()
    assert "KG-PQ · UBND đặc khu Phú Quốc</option>" in client.get(f"/missions/{mission.id}/sessions/new").get_data(
        as_text=True)
