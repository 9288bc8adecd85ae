"""Access is decided per record (issue #9): every object type × five kinds of user × GET and POST.

The world: a mission covering units A and B (an inspector on its team), unit C not on it. Every record
belongs to unit A. Unit B's officer is on the same mission but must reach none of A's records; the
mission itself is B's too. An inspector not on the team reads everything and changes nothing."""

from datetime import date

import pytest

from inspection import jobs
from inspection.access import SYSTEM
from inspection.auth.models import Role
from inspection.council import services as council
from inspection.extensions import db
from inspection.findings import services as findings
from inspection.findings.models import FindingCategory, Severity
from inspection.nominations import services as nominations
from inspection.nominations.models import DossierStatus, RecipientKind
from inspection.responses import deadlines
from inspection.responses import services as responses
from inspection.saved_filters import services as saved_filters
from inspection.saved_filters.lists import LISTS
from tests.factories import make_unit, make_user
from tests.missions.builders import add_self_report, add_session, make_mission, pdf_upload
from tests.nominations.builders import award_form

ROLES = ("own_officer", "other_officer", "outside_officer", "outsider", "member")
#: who may read A's records: A's officer and every inspector (never B's or C's officer)
READ_A = {"own_officer", "outsider", "member"}
TEAM = {"member"}
OWN = {"own_officer"}
ANSWER_OR_TEAM = {"own_officer", "member"}
NOBODY: set[str] = set()
ALLOWED_POST = {200, 302, 400}  # saved, or the form shown again with its errors: either way let in


@pytest.fixture
def world(app):
    unit_a, unit_b, unit_c = make_unit("Sở Y tế", code="A"), make_unit("Sở Tư pháp", code="B"), make_unit(
        "Sở Xây dựng", code="C")
    people = {
        "own_officer": make_user(Role.UNIT_OFFICER, units=[unit_a]),
        "other_officer": make_user(Role.UNIT_OFFICER, units=[unit_b]),
        "outside_officer": make_user(Role.UNIT_OFFICER, units=[unit_c]),
        "outsider": make_user(Role.INSPECTOR),
        "member": make_user(Role.INSPECTOR),
        "council": make_user(Role.COUNCIL),
    }
    mission = make_mission([unit_a, unit_b], people["member"])
    report = add_self_report(mission, unit_a, app=app, with_file=True)
    report_b = add_self_report(mission, unit_b, app=app)
    session = add_session(mission, unit_a)
    session_file = _attach(app, session)
    finding = findings.create_finding(SYSTEM, mission, unit=unit_a, category=FindingCategory.COMMUNICATION,
                                      severity=Severity.MODERATE, title="Tuyên truyền còn hạn chế")
    rec = findings.create_recommendation(SYSTEM, finding, text="Đẩy mạnh tuyên truyền", issued_on=date(2017, 12, 1),
                                         due=date(2030, 6, 30), responsible_units=[unit_a])
    message = responses.post_message(people["own_officer"], rec, "Minh chứng", files=[pdf_upload()],
                                     folder=app.config["FILES_FOLDER"], max_bytes=1024 * 1024)
    action = responses.add_action(people["own_officer"], rec.responsibilities[0], "Tổ chức tập huấn")
    change = deadlines.request_extension(people["own_officer"], rec, unit_a, date(2030, 9, 30), "Chưa kịp")
    dossier = nominations.create_dossier(SYSTEM, status=DossierStatus.DRAFT, unit=unit_a, code="HS-A-1", year=2017,
                                         award_form=award_form("BKUBT"), recipient_kind=RecipientKind.INDIVIDUAL,
                                         recipient_name="Nguyễn Văn A")
    review = council.open_session(people["council"], council.SessionDetails(
        title=council.DEFAULT_TITLE, held_on=date(2030, 3, 15), participants="Chủ tịch Hội đồng", overdue_days=30))
    # the pending extension request already put the recommendation on the agenda
    item = review.items[0] if review.items else council.add_items(people["council"], review, [rec.id])[0]
    saved = saved_filters.save_filter(people["own_officer"], LISTS["register"], "Của tôi", "")
    job = jobs.start(people["own_officer"], "register_export", args={}, today="2030-03-01")
    db.session.commit()
    evidence = message.evidence[0]
    return {
        "people": people, "mission": mission, "report": report, "report_b": report_b, "session": session,
        "routes": [
            # (object, GET url, who may GET, POST url, form, who may POST)
            ("mission", f"/missions/{mission.id}", READ_A | {"other_officer"},
             f"/missions/{mission.id}/edit", {}, TEAM),
            ("self-report file", f"/missions/self-reports/{report.id}/file", READ_A, None, None, None),
            ("self-report figures", f"/nominations/self-reports/{report.id}/figures", ANSWER_OR_TEAM,
             f"/nominations/self-reports/{report.id}/figures", {"version": report.version}, ANSWER_OR_TEAM),
            ("reconciliation", f"/nominations/self-reports/{report.id}/reconcile", READ_A,
             f"/nominations/self-reports/{report.id}/reconcile/finding", {"check": "none"}, TEAM),
            ("working session", f"/missions/sessions/{session.id}", READ_A,
             f"/missions/sessions/{session.id}/edit", {}, TEAM),
            ("session file", f"/missions/sessions/{session.id}/files/{session_file.id}", READ_A, None, None, None),
            ("finding", f"/findings/{finding.id}", READ_A, f"/findings/{finding.id}/edit", {}, TEAM),
            ("recommendation", f"/recommendations/{rec.id}", READ_A, f"/recommendations/{rec.id}/verify", {}, TEAM),
            ("evidence", f"/evidence/{evidence.id}/download", READ_A,
             f"/recommendations/{rec.id}/evidence/{evidence.evidence_key}/versions", {}, ANSWER_OR_TEAM),
            ("follow-up action", None, None, f"/recommendations/{rec.id}/actions/{action.id}", {}, OWN),
            ("due-date change", None, None, f"/extensions/{change.id}/decision", {}, TEAM),
            ("extension withdrawal", None, None, f"/extensions/{change.id}/withdraw", {}, OWN),
            ("dossier", f"/nominations/dossiers/{dossier.id}", READ_A,
             f"/nominations/dossiers/{dossier.id}/edit", {}, OWN),
            ("review session", f"/council/sessions/{review.id}", {"outsider", "member"},
             f"/council/sessions/{review.id}/items/{item.id}/decision", {}, NOBODY),
            ("saved filter", f"/saved-filters/{saved.id}/rename", OWN, f"/saved-filters/{saved.id}/delete", {}, OWN),
            ("job", f"/jobs/{job.id}", OWN, f"/jobs/{job.id}/cancel", {}, OWN),
            ("job status", f"/jobs/{job.id}/status.json", OWN, None, None, None),
        ],
    }


def _attach(app, session):
    from inspection.missions import session_services

    limits = session_services.FileLimits(folder=app.config["FILES_FOLDER"], max_bytes=1024 * 1024)
    return session_services.attach_files(SYSTEM, session, [pdf_upload("bien-ban.pdf")], limits)[0]


@pytest.mark.parametrize("role", ROLES)
def test_every_object_answers_each_kind_of_user_by_its_own_unit(world, login, role):
    client = login(world["people"][role])
    wrong = []
    for name, get_url, readers, post_url, form, writers in world["routes"]:
        if get_url:
            status = client.get(get_url).status_code
            if status != (200 if role in readers else 403):
                wrong.append((name, "GET", status))
        if post_url:
            status = client.post(post_url, data=form).status_code
            if (status in ALLOWED_POST) != (role in writers) or status not in ALLOWED_POST | {403}:
                wrong.append((name, "POST", status))
    assert not wrong, (role, wrong)


def test_the_mission_page_lists_only_the_officers_own_units_records(world, login):
    """B's officer sees the mission (B is on it) with B's self-report, not A's report, file or session."""
    report, report_b, session = world["report"], world["report_b"], world["session"]
    page = login(world["people"]["other_officer"]).get(f"/missions/{world['mission'].id}").get_data(as_text=True)
    assert f"/nominations/self-reports/{report_b.id}/reconcile" in page
    assert f"/nominations/self-reports/{report.id}/reconcile" not in page
    assert f"/missions/self-reports/{report.id}/file" not in page
    assert f"/missions/sessions/{session.id}\"" not in page
    assert "Báo cáo 280.pdf" not in page  # the history does not name A's file either
    own = login(world["people"]["own_officer"]).get(f"/missions/{world['mission'].id}").get_data(as_text=True)
    assert f"/missions/self-reports/{report.id}/file" in own and f"/missions/sessions/{session.id}\"" in own
    assert f"/nominations/self-reports/{report_b.id}/reconcile" not in own


@pytest.mark.parametrize("path", ["/missions/self-reports/{}/file", "/missions/sessions/{}",
                                  "/nominations/self-reports/{}/reconcile", "/findings/{}", "/recommendations/{}",
                                  "/nominations/dossiers/{}", "/council/sessions/{}", "/evidence/{}/download"])
def test_ids_that_cannot_exist_are_not_found(world, login, path):
    client = login(world["people"]["member"])
    for record_id in (987654, 2**63, 2**64 + 5):
        assert client.get(path.format(record_id)).status_code == 404, (path, record_id)
