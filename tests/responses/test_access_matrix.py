"""Every response endpoint for every role, on an own unit's recommendation and on missing ids:
200/302 where allowed, 403 where not, 404 for what does not exist, never 500."""

from datetime import date

import pytest
from sqlalchemy import select

from inspection.extensions import db
from inspection.responses import services
from inspection.responses.models import DueDateChange
from tests.responses.builders import Scene, pdf

ROLES = ("officer", "foreign_officer", "inspector", "outsider", "council", "admin")
ANSWER = {"officer": 302}
SPEAK = {"officer": 302, "inspector": 302, "council": 302}
DECIDE = {"inspector": 302, "council": 302}
VIEW = {"officer": 200, "inspector": 200, "outsider": 200, "council": 200, "admin": 200}
TODO = {"officer": 200, "foreign_officer": 200}


@pytest.fixture
def world(app):
    scene = Scene(due=date(2030, 6, 30))
    message = services.post_message(scene.officer, scene.recommendation, "Minh chứng", files=[pdf()],
                                    folder=app.config["FILES_FOLDER"], max_bytes=1024)
    action = services.add_action(scene.officer, scene.share, "Biện pháp")
    change = services.request_extension(scene.officer, scene.recommendation, scene.unit, date(2030, 9, 30), "Lý do")
    db.session.commit()
    rec = scene.recommendation.id
    evidence = message.evidence[0]
    endpoints = [
        ("POST", f"/recommendations/{rec}/messages", {"msg-body": "Trả lời"}, SPEAK),
        ("POST", f"/recommendations/{rec}/evidence/{evidence.evidence_key}/versions", {}, SPEAK),
        ("POST", f"/recommendations/{rec}/progress", {"responsibility_id": scene.share.id,
                                                      f"pr{scene.share.id}-status": "in_progress"}, ANSWER),
        ("POST", f"/recommendations/{rec}/actions", {"act-what": "Việc mới", "act-progress": "0"}, ANSWER),
        ("POST", f"/recommendations/{rec}/actions/{action.id}", {f"act{action.id}-what": "Việc",
                                                                 f"act{action.id}-progress": "10"}, ANSWER),
        ("POST", f"/recommendations/{rec}/extensions", {"ext-requested_due": "31/12/2030", "ext-reason": "x"}, ANSWER),
        ("POST", f"/extensions/{change.id}/decision", {f"dec{change.id}-decision": "refuse",
                                                       f"dec{change.id}-note": "Không", "confirmed": "1"}, DECIDE),
        ("GET", f"/evidence/{evidence.id}/download", None, VIEW),
        ("GET", "/todo", None, TODO),
    ]
    return scene, endpoints


@pytest.mark.parametrize("role", ROLES)
def test_every_endpoint_answers_each_role_as_expected(world, login, role):
    scene, endpoints = world
    client = login(getattr(scene, role))
    for method, path, data, allowed in endpoints:
        status = client.open(path, method=method, data=data).status_code
        assert status == allowed.get(role, 403), (role, method, path, status)


@pytest.mark.parametrize("role", ROLES)
def test_withdrawing_is_for_the_asking_unit_only(world, login, role):
    scene, _ = world
    change_id = db.session.scalar(select(DueDateChange.id))
    status = login(getattr(scene, role)).post(f"/extensions/{change_id}/withdraw", data={"confirmed": "1"}).status_code
    assert status == (302 if role == "officer" else 403)


@pytest.mark.parametrize("role", ("officer", "inspector", "council"))
def test_missing_records_are_404(world, login, role):
    scene, _ = world
    client = login(getattr(scene, role))
    rec = scene.recommendation.id
    paths = [("POST", "/recommendations/987654/messages"), ("POST", "/extensions/987654/decision"),
             ("GET", "/evidence/987654/download")]
    if role == "officer":
        paths += [("POST", "/recommendations/987654/progress"), ("POST", f"/recommendations/{rec}/actions/987654"),
                  ("POST", f"/recommendations/{rec}/progress"), ("POST", "/extensions/987654/withdraw"),
                  ("POST", "/recommendations/987654/extensions")]
    for method, path in paths:
        assert client.open(path, method=method).status_code == 404, (role, path)
