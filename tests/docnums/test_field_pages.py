"""Document types through the pages: each form refuses a number of another type beside its field and saves
nothing; a number typed in lower case is saved in capitals; a self-report number is entered once per mission."""

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from inspection.extensions import db
from inspection.missions.models import Mission, SelfReport, WorkingSession
from inspection.rules import RuleViolation
from tests.factories import make_unit
from tests.missions.builders import add_self_report, add_session, make_mission, mission_form, text_of


def _report(world, ref, day="30/11/2017"):
    return {"unit_id": str(world["own"].id), "ref": ref, "report_date": day}


def test_the_mission_decision_takes_only_a_decision(app, login, world):
    client = login(world["head"])
    refused = client.post("/missions/new", data=mission_form(title="Đoàn BC", decision_ref="280/BC-UBND"))
    assert refused.status_code == 200
    assert "Số quyết định phải là một quyết định (QĐ-…), không phải BC." in text_of(refused)
    assert db.session.scalar(select(func.count(Mission.id)).where(Mission.title == "Đoàn BC")) == 0
    saved = client.post("/missions/new", data=mission_form(title="Đoàn QĐ", decision_ref="2417/qđ-ubnd"))
    assert saved.status_code == 302
    mission = db.session.scalar(select(Mission).where(Mission.title == "Đoàn QĐ"))
    assert str(mission.decision_ref) == "2417/QĐ-UBND"


def test_the_conclusion_takes_a_notice_or_a_conclusion(app, login, world):
    client = login(world["head"])
    mission_id = world["mission"].id
    for target in ("planned", "in_progress"):
        assert client.post(f"/missions/{mission_id}/status", data={"target": target}).status_code == 302
    refused = client.post(f"/missions/{mission_id}/status", data={
        "target": "concluded", "conclusion_ref": "1317/QĐ-UBND", "conclusion_date": "15/12/2017"})
    assert "Số thông báo kết luận phải là một thông báo hoặc kết luận (TB-…, KL-…), không phải QĐ." in text_of(refused)
    saved = client.post(f"/missions/{mission_id}/status", data={
        "target": "concluded", "conclusion_ref": "15/tb-hđtđkt", "conclusion_date": "15/12/2017"})
    assert saved.status_code == 302
    stored = db.session.scalar(select(Mission.conclusion_ref).where(Mission.id == mission_id))
    assert str(stored) == "15/TB-HĐTĐKT"


@pytest.mark.parametrize(("ref", "message"), [
    ("1317/QĐ-UBND", "Số báo cáo tự kiểm tra phải là một báo cáo (BC-…), không phải QĐ."),
    ("2902/BNV-VP", "Số báo cáo tự kiểm tra phải là một báo cáo (BC-…), không phải công văn."),
    ("28O/BC-UBND", "Có thể đã gõ chữ “O” thay cho số 0."),
])
def test_the_self_report_takes_only_a_report(app, login, world, ref, message):
    response = login(world["head"]).post(f"/missions/{world['mission'].id}/self-reports/new",
                                         data=_report(world, ref), content_type="multipart/form-data")
    assert response.status_code == 200 and message in text_of(response)
    assert db.session.scalar(select(func.count(SelfReport.id))) == 0


def test_a_self_report_number_is_entered_once_per_mission(app, login, world):
    client = login(world["head"])
    path = f"/missions/{world['mission'].id}/self-reports/new"
    first = client.post(path, data=_report(world, "280/bc-ubnd"), content_type="multipart/form-data")
    assert first.status_code == 302
    assert str(db.session.scalar(select(SelfReport.ref))) == "280/BC-UBND"
    again = client.post(path, data=_report(world, "Số: 280 / BC-UBND", "01/12/2017"),
                        content_type="multipart/form-data")
    assert again.status_code == 200
    refused = "Báo cáo số 280/BC-UBND của UBND tỉnh Kiên Giang đã được ghi cho đoàn này (ngày 30/11/2017)."
    assert refused in text_of(again)
    assert db.session.scalar(select(func.count(SelfReport.id))) == 1
    other = client.post(path, data=_report(world, "281/BC-UBND", "01/12/2017"), content_type="multipart/form-data")
    assert other.status_code == 302


def test_another_units_report_may_carry_the_same_text(app, world):
    """"UBND" is every province's people's committee: two provinces' 280/BC-UBND are two documents."""
    other = make_unit("UBND tỉnh An Giang", code="AG")
    mission = make_mission([world["own"], other], title="Kiểm tra chéo cụm Tây Nam Bộ")
    add_self_report(mission, world["own"])
    add_self_report(mission, other)
    with pytest.raises(RuleViolation, match="280/BC-UBND của UBND tỉnh An Giang đã được ghi"):
        add_self_report(mission, other)


def test_the_database_refuses_the_same_self_report_twice_on_a_mission(app, world):
    report = add_self_report(world["mission"], world["own"])
    db.session.commit()
    db.session.add(SelfReport(mission_id=report.mission_id, unit_id=report.unit_id, ref=report.ref,
                              report_date=report.report_date))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_the_minutes_take_only_minutes(app, login, world):
    client = login(world["head"])
    data = {"held_on": "04/11/2017", "unit_id": str(world["own"].id), "minutes_ref": "64/KH-HĐTĐKT"}
    refused = client.post(f"/missions/{world['mission'].id}/sessions/new", data=data)
    assert "Số biên bản phải là một biên bản (BB-…), không phải KH." in text_of(refused)
    assert db.session.scalar(select(func.count(WorkingSession.id))) == 0
    session = add_session(world["mission"], world["own"])
    db.session.commit()
    edit = client.get(f"/missions/sessions/{session.id}/edit")
    assert edit.status_code == 200


def test_the_plan_takes_only_a_plan(app, login, world):
    client = login(world["head"])
    refused = client.post("/plans/new", data={"ref": "280/BC-UBND", "year": "2017", "title": "Kế hoạch"})
    assert "Số kế hoạch phải là một kế hoạch (KH-…), không phải BC." in text_of(refused)
