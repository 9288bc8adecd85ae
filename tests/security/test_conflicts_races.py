"""20 identical POSTs at once against a real server (werkzeug, one thread per request) with real logged-in
sessions: one record, one audit entry, and every other answer a message, never a 5xx. Runs on SQLite and,
with INSPECTION_TEST_DATABASE_URL, on PostgreSQL."""

import urllib.parse
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from inspection.access import SYSTEM
from inspection.audit import AuditEntry
from inspection.auth.models import Role
from inspection.extensions import db
from inspection.findings.models import Finding, Recommendation, VerifiedStatus
from inspection.missions.models import MissionMember, MissionStatus
from inspection.nominations.catalogue import seed_catalogue
from inspection.nominations.models import Dossier
from inspection.responses import services as response_services
from inspection.responses.models import DueDateChange, ExtensionStatus
from inspection.submissions import FormSubmission
from tests.factories import PASSWORD, make_unit, make_user
from tests.live import LiveServer
from tests.missions.builders import make_mission
from tests.responses.builders import Scene
from tests.security.conflicts_web import ALREADY_SAVED, LOST_RACE, Browser, all_at_once, form_with

TIMES = 20


def count(model, *where) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def audits(action: str) -> int:
    return count(AuditEntry, AuditEntry.action == action)


def browsers(base: str, user, how_many: int = TIMES) -> list[Browser]:
    """One logged-in session per request, as from so many tabs or machines."""
    return [Browser(base).log_in(user.username, PASSWORD) for _ in range(how_many)]


def post_all(sessions: list[Browser], path: str, data: dict) -> list[tuple[int, str, str]]:
    pending = iter(sessions)
    lock = __import__("threading").Lock()

    def one():
        with lock:
            browser = next(pending)
        return browser.request(path, data)

    return all_at_once(len(sessions), one)


def no_server_error(results) -> None:
    assert all(status < 500 for status, _page, _where in results), [status for status, *_ in results]


def drop_token(data: dict) -> dict:
    """Twenty different pages (no shared submission token): only the database can keep the record single."""
    return {name: value for name, value in data.items() if not name.endswith("submission")}


def test_one_pending_extension_request_per_share(app):
    scene = Scene()
    db.session.commit()
    with LiveServer(app) as base:
        sessions = browsers(base, scene.officer)
        page = sessions[0].request(f"/recommendations/{scene.recommendation.id}")[1]
        data = form_with(page, "ext-reason") | {
            "ext-requested_due": (scene.recommendation.current_due + timedelta(days=30)).strftime("%d/%m/%Y"),
            "ext-reason": "Chờ sắp xếp bộ máy"}
        results = post_all(sessions, f"/recommendations/{scene.recommendation.id}/extensions", drop_token(data))
    no_server_error(results)
    assert count(DueDateChange, DueDateChange.status == ExtensionStatus.PENDING) == 1
    assert audits("extension.request") == 1


def test_one_membership_per_mission_and_user(app):
    unit, head, joining = make_unit(), make_user(Role.INSPECTOR), make_user(Role.INSPECTOR)
    mission = make_mission([unit], head)
    db.session.commit()
    with LiveServer(app) as base:
        sessions = browsers(base, head)
        page = sessions[0].request(f"/missions/{mission.id}/members")[1]
        data = form_with(page, "username") | {"username": joining.username, "role": "member"}
        results = post_all(sessions, f"/missions/{mission.id}/members", drop_token(data))
    no_server_error(results)
    assert count(MissionMember, MissionMember.user_id == joining.id) == 1
    assert audits("mission.member_add") == 1


def test_one_dossier_per_unit_and_code(app):
    seed_catalogue(SYSTEM)
    unit = make_unit(code="KG-SYT")
    officer = make_user(Role.UNIT_OFFICER, units=[unit])
    db.session.commit()
    with LiveServer(app) as base:
        sessions = browsers(base, officer)
        page = sessions[0].request("/nominations/dossiers/new")[1]
        data = form_with(page, "recipient_name") | {
            "unit": "KG-SYT", "code": "SYT-01", "year": "2017", "award_form": "CSTDT_OLD",
            "recipient_kind": "individual", "recipient_name": "Lê Văn Cường", "is_leader": "no",
            "achievement_type": "regular", "submitted_on": "15/11/2017"}
        results = post_all(sessions, "/nominations/dossiers/new", drop_token(data))
    no_server_error(results)
    assert count(Dossier, Dossier.code == "SYT-01") == 1
    assert audits("dossier.create") == 1
    assert sum(status == 302 for status, *_ in results) == 1
    refused = [page for status, page, _where in results if status != 302]
    assert all("SYT-01" in page or LOST_RACE in page for page in refused)


def test_a_double_submitted_create_form_saves_once_and_leads_to_the_record(app):
    """The same page (one submission token) sent 20 times: one finding; the others are sent to it."""
    unit, inspector = make_unit(), make_user(Role.INSPECTOR)
    mission = make_mission([unit], inspector, status=MissionStatus.IN_PROGRESS)
    db.session.commit()
    with LiveServer(app) as base:
        sessions = browsers(base, inspector)
        page = sessions[0].request(f"/findings/new/{mission.id}")[1]
        data = form_with(page, "title") | {"title": "Hồ sơ thiếu biên bản họp", "unit": str(unit.id)}
        assert data["submission"]
        pending = iter(sessions)
        results = all_at_once(TIMES, lambda: _post_then_follow(next(pending), f"/findings/new/{mission.id}", data))
        finding = db.session.scalar(select(Finding).where(Finding.title == "Hồ sơ thiếu biên bản họp"))
    assert count(Finding) == 1 and audits("finding.create") == 1 and count(FormSubmission) == 1
    assert sorted(status for status, _where, _page in results) == [302] + [303] * (TIMES - 1)
    assert {where for _status, where, _page in results} == {f"/findings/{finding.id}"}
    assert all(ALREADY_SAVED in page for status, _where, page in results if status == 303)


def _post_then_follow(browser: Browser, path: str, data: dict) -> tuple[int, str, str]:
    """POST, then open where the answer leads (the page shows the flashed message)."""
    status, _page, where = browser.request(path, data)
    where = urllib.parse.urlsplit(where).path
    return status, where, browser.request(where)[1]


def test_parallel_verify_gives_one_verdict(app):
    scene = Scene()
    db.session.commit()
    path = f"/recommendations/{scene.recommendation.id}"
    with LiveServer(app) as base:
        sessions = browsers(base, scene.inspector)
        data = form_with(sessions[0].request(path)[1], "method") | {
            "status": VerifiedStatus.IMPLEMENTED.value, "method": "desk_review", "note": "Đã xem báo cáo"}
        results = post_all(sessions, f"{path}/verify", data)
    no_server_error(results)
    assert sum(status == 302 for status, *_ in results) == 1
    assert audits("recommendation.verify") == 1
    assert count(Recommendation, Recommendation.verified_status == VerifiedStatus.IMPLEMENTED) == 1


def test_parallel_approval_of_one_request_decides_once(app):
    scene = Scene()
    change = response_services.request_extension(scene.officer, scene.recommendation, scene.unit,
                                                 scene.recommendation.current_due + timedelta(days=30), "Lý do")
    db.session.commit()
    with LiveServer(app) as base:
        sessions = browsers(base, scene.inspector)
        page = sessions[0].request(f"/recommendations/{scene.recommendation.id}")[1]
        data = form_with(page, f"dec{change.id}-note") | {f"dec{change.id}-decision": "approve",
                                                          f"dec{change.id}-note": "Đồng ý", "confirmed": "1"}
        results = post_all(sessions, f"/extensions/{change.id}/decision", data)
    no_server_error(results)
    assert count(DueDateChange, DueDateChange.status == ExtensionStatus.APPROVED) == 1
    assert audits("recommendation.due_change") == 1


@pytest.fixture(autouse=True)
def _quiet_server_log(caplog):
    caplog.set_level("WARNING", logger="werkzeug")
