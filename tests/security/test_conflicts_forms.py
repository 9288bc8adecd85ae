"""The same edit form loaded twice and submitted twice: the second save is refused with what changed, and
nothing the first one saved is overwritten. A form without its version is refused the same way."""

from datetime import date

import pytest
from sqlalchemy import func, select

from inspection.access import SYSTEM
from inspection.audit import AuditEntry
from inspection.auth.models import Role
from inspection.extensions import db
from inspection.findings.models import FollowUpAction
from inspection.missions import services as mission_services
from inspection.missions.models import InspectionPlan, MissionStatus, WorkingSession
from inspection.nominations.catalogue import seed_catalogue
from inspection.nominations.models import AwardForm, ReportedFigure
from inspection.responses import services as response_services
from tests.factories import make_unit, make_user
from tests.missions.builders import add_self_report, add_session, make_mission
from tests.responses.builders import Scene
from tests.security.conflicts_web import CONFLICT, form_with, text_of


def two_saves(first, second, url: str, field: str, mine: str, theirs: str, post_url: str | None = None):
    """Both open the form, `first` saves `mine`, then `second` saves `theirs` from the page it opened."""
    page_one, page_two = (client.get(url).get_data(as_text=True) for client in (first, second))
    form_one, form_two = form_with(page_one, field), form_with(page_two, field)
    saved = first.post(post_url or url, data=form_one | {field: mine})
    assert saved.status_code == 302, saved.get_data(as_text=True)[:2000]
    return second.post(post_url or url, data=form_two | {field: theirs}, follow_redirects=post_url is not None)


def assert_refused_with_changes(response, mine: str, theirs: str) -> None:
    page = text_of(response.get_data(as_text=True))
    assert response.status_code in (200, 409)
    assert CONFLICT in page
    assert mine in page and theirs in page  # the value now stored beside the value typed


def audits(action: str) -> int:
    return db.session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == action))


@pytest.fixture
def mission_scene(app):
    unit = make_unit("Sở Nội vụ thử")
    inspector, colleague = make_user(Role.INSPECTOR), make_user(Role.INSPECTOR)
    mission = make_mission([unit], inspector, status=MissionStatus.IN_PROGRESS)
    mission_services.add_member(SYSTEM, mission, role=mission_services.TeamRole.MEMBER, user=colleague)
    session = add_session(mission, unit, inspector)
    report = add_self_report(mission, unit)
    db.session.commit()
    return {"unit": unit, "inspector": inspector, "colleague": colleague, "mission": mission,
            "session": session, "report": report}


def test_working_session_second_save_is_refused(mission_scene, login):
    first, second = login(mission_scene["inspector"]), login(mission_scene["colleague"])
    session_id = mission_scene["session"].id
    url = f"/missions/sessions/{session_id}/edit"
    response = two_saves(first, second, url, "place", "Hội trường A", "Hội trường B")
    assert_refused_with_changes(response, "Hội trường A", "Hội trường B")
    db.session.expire_all()
    assert db.session.get(WorkingSession, session_id).place == "Hội trường A"
    assert audits("session.update") == 1


def test_inspection_plan_second_save_is_refused(app, login):
    plan = mission_services.create_plan(SYSTEM, mission_services.PlanDetails(year=2017, title="Kế hoạch gốc"))
    first, second = make_user(Role.INSPECTOR), make_user(Role.COUNCIL)
    db.session.commit()
    response = two_saves(login(first), login(second), f"/plans/{plan.id}/edit", "title", "Kế hoạch của A",
                         "Kế hoạch của B")
    assert_refused_with_changes(response, "Kế hoạch của A", "Kế hoạch của B")
    db.session.expire_all()
    assert db.session.get(InspectionPlan, plan.id).title == "Kế hoạch của A"


def test_award_form_second_save_is_refused(app, login):
    seed_catalogue(SYSTEM)
    award = db.session.scalar(select(AwardForm).order_by(AwardForm.id))
    first, second = make_user(Role.ADMIN), make_user(Role.ADMIN)
    db.session.commit()
    response = two_saves(login(first), login(second), f"/nominations/catalogue/{award.id}/edit", "legal_basis",
                         "Căn cứ của A", "Căn cứ của B")
    assert_refused_with_changes(response, "Căn cứ của A", "Căn cứ của B")
    db.session.expire_all()
    assert db.session.get(AwardForm, award.id).legal_basis == "Căn cứ của A"


def test_self_report_figures_second_save_is_refused(mission_scene, login):
    report_id = mission_scene["report"].id
    url = f"/nominations/self-reports/{report_id}/figures"
    response = two_saves(login(mission_scene["inspector"]), login(mission_scene["colleague"]), url,
                         "provincial__total", "5.549", "6.000")
    assert_refused_with_changes(response, "5.549", "6.000")
    db.session.expire_all()
    stored = db.session.scalars(select(ReportedFigure.as_printed).where(ReportedFigure.self_report_id == report_id))
    assert list(stored) == ["5.549"]


def test_follow_up_action_second_save_is_refused(app, login):
    scene = Scene()
    colleague = make_user(Role.UNIT_OFFICER, units=[scene.unit])
    action = response_services.add_action(scene.officer, scene.share, "Tổ chức tập huấn", progress=10)
    db.session.commit()
    page = f"/recommendations/{scene.recommendation.id}"
    post = f"/recommendations/{scene.recommendation.id}/actions/{action.id}"
    response = two_saves(login(scene.officer), login(colleague), page, f"act{action.id}-what",
                         "Tập huấn đợt 1", "Tập huấn đợt 2", post_url=post)
    assert_refused_with_changes(response, "Tập huấn đợt 1", "Tập huấn đợt 2")
    db.session.expire_all()
    assert db.session.get(FollowUpAction, action.id).what == "Tập huấn đợt 1"


@pytest.mark.parametrize("version", [None, "", "abc", "0"])
def test_a_form_without_its_version_cannot_be_saved(mission_scene, login, version):
    session = mission_scene["session"]
    client = login(mission_scene["inspector"])
    url = f"/missions/sessions/{session.id}/edit"
    data = form_with(client.get(url).get_data(as_text=True), "place") | {"place": "Nơi khác"}
    data.pop("version")
    if version is not None:
        data["version"] = version
    response = client.post(url, data=data)
    assert response.status_code == 409 and CONFLICT in text_of(response.get_data(as_text=True))
    db.session.expire_all()
    assert db.session.get(WorkingSession, session.id).place != "Nơi khác"


def test_saving_again_after_seeing_the_conflict_overwrites_knowingly(mission_scene, login):
    """The refused page carries the current version: the second person may now save deliberately."""
    first, second = login(mission_scene["inspector"]), login(mission_scene["colleague"])
    url = f"/missions/sessions/{mission_scene['session'].id}/edit"
    refused = two_saves(first, second, url, "place", "Hội trường A", "Hội trường B")
    again = second.post(url, data=form_with(refused.get_data(as_text=True), "place"))
    assert again.status_code == 302
    db.session.expire_all()
    assert db.session.get(WorkingSession, mission_scene["session"].id).place == "Hội trường B"


def test_a_saved_working_session_date_keeps_its_format(mission_scene, login):
    """The conflict table shows dates as dd/mm/yyyy."""
    first, second = login(mission_scene["inspector"]), login(mission_scene["colleague"])
    url = f"/missions/sessions/{mission_scene['session'].id}/edit"
    response = two_saves(first, second, url, "held_on", "05/11/2017", "06/11/2017")
    assert_refused_with_changes(response, "05/11/2017", "06/11/2017")
    db.session.expire_all()
    assert db.session.get(WorkingSession, mission_scene["session"].id).held_on == date(2017, 11, 5)
