"""Date warnings of a mission (inspection/missions/date_warnings.py): shown on the mission page to the team, and
after a save; never a refusal."""

from datetime import date

from sqlalchemy import select

from inspection.access import SYSTEM
from inspection.extensions import db
from inspection.findings import services as findings_services
from inspection.findings.models import FindingCategory, Severity
from inspection.missions import date_warnings
from inspection.missions.models import Mission
from tests.missions.builders import add_self_report, add_session, mission_form, text_of

TODAY = date(2026, 12, 6)
BEFORE_REPORT = ("Buổi làm việc ngày 04/11/2017 diễn ra trước báo cáo tự kiểm tra 280/BC-UBND ngày 30/11/2017 mà "
                 "buổi làm việc xem xét.")


def _messages(mission):
    return [warning.message for warning in date_warnings.for_mission(mission, TODAY)]


def test_a_session_before_the_self_report_it_reviews_is_warned_about(app, world):
    mission, unit = world["mission"], world["own"]
    add_self_report(mission, unit)
    early = add_session(mission, unit, held_on=date(2017, 11, 4))
    add_session(mission, unit, held_on=date(2017, 12, 2))
    [warning] = date_warnings.for_mission(mission, TODAY)
    assert warning.message == BEFORE_REPORT and (warning.about, warning.record_id) == ("session", early.id)


def test_sessions_outside_the_period_or_far_from_today_are_warned_about(app, world):
    mission, unit = world["mission"], world["own"]  # period 06/11/2016 – 05/11/2017, planned to 30/11/2017
    add_session(mission, unit, held_on=date(2016, 10, 1))
    add_session(mission, unit, held_on=date(2018, 6, 1))  # within a year of the end: normal
    add_session(mission, unit, held_on=date(2019, 3, 1))
    add_session(mission, unit, held_on=date(2071, 11, 4))
    assert _messages(mission) == [
        "Buổi làm việc ngày 01/10/2016 nằm ngoài thời kỳ của đoàn (06/11/2016 – 30/11/2017).",
        "Buổi làm việc ngày 01/03/2019 nằm ngoài thời kỳ của đoàn (06/11/2016 – 30/11/2017).",
        "Buổi làm việc: ngày 04/11/2071 cách hôm nay quá xa, có thể đã gõ nhầm năm.",
    ]


def test_a_recommendation_outside_the_period_is_warned_about(app, world):
    mission, unit = world["mission"], world["own"]
    finding = findings_services.create_finding(SYSTEM, mission, unit=unit, category=FindingCategory.COMMUNICATION,
                                               severity=Severity.MINOR, title="Tuyên truyền chưa thường xuyên")
    for issued_on in (date(2017, 12, 1), date(2020, 12, 1)):
        late = findings_services.create_recommendation(SYSTEM, finding, text="Đẩy mạnh tuyên truyền",
                                                       issued_on=issued_on, due=date(2021, 6, 30),
                                                       responsible_units=[unit])
    assert _messages(mission) == [f"Kiến nghị {late.number} ban hành ngày 01/12/2020, ngoài thời kỳ của đoàn "
                                  "(06/11/2016 – 30/11/2017)."]


def test_the_mission_page_lists_the_warnings_with_links_for_the_team_only(app, login, world):
    mission, unit = world["mission"], world["own"]
    add_self_report(mission, unit)
    session = add_session(mission, unit)
    db.session.commit()
    page = text_of(login(world["head"]).get(f"/missions/{mission.id}"))
    assert "Ngày tháng cần kiểm tra lại" in page and BEFORE_REPORT in page
    assert f'href="/missions/sessions/{session.id}"' in page
    officer_page = login(world["officer"]).get(f"/missions/{mission.id}")
    assert officer_page.status_code == 200 and "Ngày tháng cần kiểm tra lại" not in text_of(officer_page)


def test_saving_a_session_flashes_its_warning_and_saves_it(app, login, world):
    mission, unit = world["mission"], world["own"]
    add_self_report(mission, unit)
    db.session.commit()
    client = login(world["head"])
    response = client.post(f"/missions/{mission.id}/sessions/new", follow_redirects=True,
                           data={"held_on": "04/11/2017", "unit_id": str(unit.id)})
    assert response.status_code == 200
    assert "Đã lưu, nhưng xin kiểm tra lại: " + BEFORE_REPORT in text_of(response)
    later = client.post(f"/missions/{mission.id}/sessions/new", follow_redirects=True,
                        data={"held_on": "05/12/2017", "unit_id": str(unit.id)})
    assert "Đã lưu, nhưng xin kiểm tra lại" not in text_of(later)


def test_saving_a_mission_with_a_mistyped_year_flashes_a_warning(app, login, world):
    mission = world["mission"]
    client = login(world["head"])
    form = client.get(f"/missions/{mission.id}/edit")
    assert form.status_code == 200
    data = mission_form(decision_date="20/10/2071", version=str(mission.version))
    del data["creator_role"]
    response = client.post(f"/missions/{mission.id}/edit", data=data, follow_redirects=True)
    assert "Ngày quyết định thành lập đoàn: ngày 20/10/2071 cách hôm nay quá xa" in text_of(response)
    assert db.session.scalar(select(Mission.decision_date).where(Mission.id == mission.id)) == date(2071, 10, 20)


def test_the_warnings_take_a_bounded_number_of_queries(app, world, count_queries):
    mission, unit = world["mission"], world["own"]
    add_self_report(mission, unit)
    for day in range(1, 30):
        add_session(mission, unit, held_on=date(2017, 11, day))
    db.session.commit()
    with count_queries() as counter:
        warnings = date_warnings.for_mission(mission, TODAY)
    assert len(warnings) == 29 and counter.count <= 5


def test_the_demo_2017_mission_shows_the_seed_warning(app, runner):
    from inspection.demo import mission2017

    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    mission = db.session.scalar(select(Mission).where(Mission.title == mission2017.TITLE))
    assert _messages(mission) == [BEFORE_REPORT]


def test_issuing_a_recommendation_outside_the_period_flashes_a_warning(app, login, world):
    mission, unit = world["mission"], world["own"]
    finding = findings_services.create_finding(SYSTEM, mission, unit=unit, category=FindingCategory.COMMUNICATION,
                                               severity=Severity.MINOR, title="Tuyên truyền chưa thường xuyên")
    db.session.commit()
    response = login(world["head"]).post(f"/findings/{finding.id}/recommendations/new", follow_redirects=True, data={
        "text": "Đẩy mạnh tuyên truyền", "issued_on": "01/12/2020", "due": "30/06/2021", "responsible_units": "KG"})
    assert response.status_code == 200
    assert "ban hành ngày 01/12/2020, ngoài thời kỳ của đoàn (06/11/2016 – 30/11/2017)." in text_of(response)
