"""Each decision changes the recommendation through the normal services and transitions, lands in its
history, is audited on the session and notifies the right people; and the refusals."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from inspection.audit import AuditEntry, history_of
from inspection.council import services
from inspection.council.decisions import decide
from inspection.council.models import Decision
from inspection.extensions import db
from inspection.findings import services as findings
from inspection.findings.models import VerificationMethod, VerifiedStatus
from inspection.findings.queries import recommendation_history
from inspection.missions.models import Mission, MissionKind, MissionStatus
from inspection.notifications.models import Notification, NotificationKind
from inspection.responses.models import DueDateChange, ExtensionStatus
from inspection.rules import EditConflict, RuleViolation
from tests.council.builders import HELD_ON, ask_extension, escalate

DUE = HELD_ON - timedelta(days=90)
NOTE = "Đơn vị đã gửi đủ minh chứng"


@pytest.fixture
def item(scene):
    scene.overdue(90, text="Kiện toàn Hội đồng Thi đua – Khen thưởng các cấp")
    db.session.commit()
    return scene.open_session().items[0]


def notified(kind: NotificationKind | None = None) -> dict[int, list[str]]:
    query = select(Notification).order_by(Notification.id)
    if kind is not None:
        query = query.where(Notification.kind == kind)
    found: dict[int, list[str]] = {}
    for notification in db.session.scalars(query):
        found.setdefault(notification.user_id, []).append(notification.subject)
    return found


def actions(target) -> list[str]:
    return [entry.action for entry in history_of(target)]


def test_accepting_verifies_the_recommendation_as_implemented(scene, item):
    rec = item.recommendation
    decide(scene.council, item, Decision.ACCEPT, NOTE, version=item.version)
    db.session.commit()
    assert rec.verified_status == VerifiedStatus.IMPLEMENTED
    assert rec.verification_method == VerificationMethod.DESK_REVIEW and rec.verified_by_id == scene.council.id
    assert rec.verification_note == ("Theo quyết định của Phiên họp Hội đồng Thi đua – Khen thưởng tỉnh ngày "
                                     f"15/03/2019: {NOTE}")
    assert item.decision == Decision.ACCEPT and item.decided_by_id == scene.council.id and item.decided_at
    assert [entry.action for entry in recommendation_history(rec)][:2] == ["council.decide", "recommendation.verify"]
    assert actions(item.session)[0] == "council.decide"
    assert notified() == {scene.officer.id: [f"Quyết định của Hội đồng về kiến nghị số {rec.number}: "
                                             "Chấp nhận kết quả khắc phục"]}


def test_accepting_needs_no_note_and_admins_may_decide(scene, item):
    decide(scene.admin, item, Decision.ACCEPT, "  ", version=item.version)
    db.session.commit()
    assert item.recommendation.verified_status == VerifiedStatus.IMPLEMENTED
    assert item.decision_note is None


def test_extending_changes_the_due_date_through_the_one_writer(scene, item):
    rec = item.recommendation
    decide(scene.council, item, Decision.EXTEND, "Chờ sắp xếp bộ máy", date(2019, 12, 31), version=item.version)
    db.session.commit()
    assert rec.current_due == date(2019, 12, 31) and rec.original_due == DUE and rec.is_open
    change = db.session.scalar(select(DueDateChange))
    assert (change.status, change.previous_due, change.granted_due, change.reason, change.decided_by_id) == (
        ExtensionStatus.APPROVED, DUE, date(2019, 12, 31), "Chờ sắp xếp bộ máy", scene.council.id)
    assert item.new_due == date(2019, 12, 31)
    history = recommendation_history(rec)
    assert [entry.action for entry in history][:2] == ["council.decide", "recommendation.due_change"]
    assert "Gia hạn đến 31/12/2019" in history[0].summary
    assert list(notified()) == [scene.officer.id]


def test_extending_an_item_with_a_waiting_request_approves_that_request(scene):
    rec = scene.rec(HELD_ON + timedelta(days=5))
    request = ask_extension(scene, rec, HELD_ON + timedelta(days=60))
    db.session.commit()
    item = scene.open_session().items[0]
    decide(scene.council, item, Decision.EXTEND, "Đồng ý một phần", HELD_ON + timedelta(days=40), version=item.version)
    db.session.commit()
    assert db.session.scalars(select(DueDateChange)).all() == [request]
    assert (request.status, request.granted_due, request.decision_note) == (
        ExtensionStatus.APPROVED, HELD_ON + timedelta(days=40), "Đồng ý một phần")
    assert rec.current_due == HELD_ON + timedelta(days=40)


@pytest.mark.parametrize("new_due, message", [
    (DUE, "phải sau hạn hiện tại"),
    (DUE - timedelta(days=1), "phải sau hạn hiện tại"),
    (None, "hãy nhập ngày"),
])
def test_extending_refuses_a_date_not_after_the_current_due_date(scene, item, new_due, message):
    with pytest.raises(RuleViolation, match=message) as refused:
        decide(scene.council, item, Decision.EXTEND, "Gia hạn", new_due, version=item.version)
    assert refused.value.field == "new_due"
    db.session.rollback()
    assert item.decision == Decision.PENDING and item.recommendation.current_due == DUE
    assert db.session.scalars(select(DueDateChange)).all() == []


def test_escalating_marks_the_item_and_tells_the_supervisor_and_the_council(scene, item):
    rec, other_council = item.recommendation, scene.council
    decide(scene.council, item, Decision.ESCALATE, "Đơn vị nhiều lần không báo cáo", version=item.version)
    db.session.commit()
    assert rec.escalated_at is not None and rec.escalation_note == "Đơn vị nhiều lần không báo cáo"
    assert rec.is_open
    assert set(notified(NotificationKind.ESCALATION)) == {scene.province_officer.id, other_council.id}
    assert set(notified(NotificationKind.DECISION)) == {scene.officer.id}
    assert scene.other_officer.id not in notified()
    assert "council.decide" in actions(rec)


def test_closing_as_overtaken_verifies_it_so(scene, item):
    decide(scene.council, item, Decision.OVERTAKEN, "Đơn vị đã giải thể, nhiệm vụ không còn", version=item.version)
    db.session.commit()
    assert item.recommendation.verified_status == VerifiedStatus.OVERTAKEN


def test_ordering_a_reinspection_drafts_a_mission_of_the_responsible_units(scene):
    rec = scene.overdue(90, units=[scene.unit, scene.other])
    db.session.commit()
    item = scene.open_session().items[0]
    decide(scene.council, item, Decision.REINSPECT, "Cần kiểm tra tại chỗ", version=item.version)
    db.session.commit()
    mission = db.session.get(Mission, item.reinspection_mission_id)
    assert (mission.kind, mission.status) == (MissionKind.INSPECTION, MissionStatus.DRAFT)
    assert mission.title.startswith(f"Kiểm tra lại việc thực hiện kiến nghị số {rec.number}: “")
    assert {unit.id for unit in mission.units} == {scene.unit.id, scene.other.id}
    assert [member.user_id for member in mission.members] == [scene.council.id]
    decided = next(entry for entry in recommendation_history(rec) if entry.action == "council.decide")
    assert decided.after["mission"] == mission.title and rec.is_open
    assert set(notified(NotificationKind.DECISION)) == {scene.officer.id, scene.other_officer.id}


def test_deferring_changes_nothing_but_is_recorded(scene, item):
    rec = item.recommendation
    decide(scene.council, item, Decision.DEFER, "Chờ kết quả kiểm tra của Sở Nội vụ", version=item.version)
    db.session.commit()
    assert rec.is_open and rec.current_due == DUE and rec.escalated_at is None
    assert actions(rec)[0] == "council.decide" and item.decision == Decision.DEFER


def test_a_decided_item_cannot_be_decided_again(scene, item):
    decide(scene.council, item, Decision.DEFER, "Chờ báo cáo", version=item.version)
    db.session.commit()
    with pytest.raises(RuleViolation, match="đã có quyết định “Hoãn sang phiên sau”"):
        decide(scene.council, item, Decision.ACCEPT, None, version=item.version)


@pytest.mark.parametrize("decision", [d for d in Decision if d not in (Decision.PENDING, Decision.ACCEPT)])
def test_every_decision_but_accept_needs_a_note(scene, item, decision):
    with pytest.raises(RuleViolation) as refused:
        decide(scene.council, item, decision, "   ", date(2019, 12, 31), version=item.version)
    assert refused.value.field == "note"
    assert item.decision == Decision.PENDING


def test_inspectors_and_officers_cannot_decide(scene, item):
    for user in (scene.member, scene.outsider, scene.officer):
        with pytest.raises(RuleViolation):
            decide(user, item, Decision.ACCEPT, None, version=item.version)
    assert item.recommendation.is_open


def test_a_stale_form_is_refused(scene, item):
    with pytest.raises(EditConflict):
        decide(scene.council, item, Decision.ACCEPT, None, version=item.version + 1)
    assert item.decision == Decision.PENDING


def test_an_item_the_team_closed_meanwhile_can_only_be_deferred(scene, item):
    rec = item.recommendation
    findings.verify(scene.member, rec, VerifiedStatus.IMPLEMENTED, VerificationMethod.ON_SITE, None,
                    version=rec.version)
    db.session.commit()
    with pytest.raises(RuleViolation, match="đã được đoàn kiểm tra kết luận"):
        decide(scene.council, item, Decision.ACCEPT, None, version=item.version)
    db.session.rollback()
    decide(scene.council, item, Decision.DEFER, "Đoàn đã xác minh trước phiên họp", version=item.version)
    db.session.commit()
    assert item.decision == Decision.DEFER


def test_decisions_on_a_closed_session_are_refused(scene, item):
    decide(scene.council, item, Decision.DEFER, "Chờ báo cáo", version=item.version)
    services.close_session(scene.council, item.session, minutes_ref=None, conclusion=None, version=item.session.version)
    db.session.commit()
    other = scene.overdue(100)
    db.session.commit()
    with pytest.raises(RuleViolation, match="Phiên họp đã kết thúc"):
        services.add_items(scene.council, item.session, [other.id])


def test_a_previously_escalated_item_stays_escalated_after_acceptance(scene):
    rec = escalate(scene.overdue(90))
    db.session.commit()
    item = scene.open_session().items[0]
    decide(scene.council, item, Decision.ACCEPT, None, version=item.version)
    db.session.commit()
    assert rec.escalated_at is not None and not rec.is_open
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "council.decide",
                                                      AuditEntry.target_type == "review_session")) is not None


def test_verify_by_council_admits_the_council_and_admins_only(scene, item):
    rec = item.recommendation
    with pytest.raises(RuleViolation, match="Chỉ Hội đồng mới được quyết định thay đoàn kiểm tra"):
        findings.verify(scene.member, rec, VerifiedStatus.IMPLEMENTED, VerificationMethod.DESK_REVIEW, None,
                        by_council=True, version=rec.version)
    with pytest.raises(RuleViolation, match="Chỉ thành viên đoàn kiểm tra"):
        findings.verify(scene.council, rec, VerifiedStatus.IMPLEMENTED, VerificationMethod.DESK_REVIEW, None,
                        version=rec.version)
    findings.verify(scene.admin, rec, VerifiedStatus.IMPLEMENTED, VerificationMethod.DESK_REVIEW, None,
                    by_council=True, version=rec.version)
    assert rec.verified_status == VerifiedStatus.IMPLEMENTED


def test_extending_refuses_a_date_not_after_the_meeting(scene):
    rec = scene.rec(HELD_ON - timedelta(days=400))  # long overdue: a date after its due date may still be past
    db.session.commit()
    item = scene.open_session().items[0]
    with pytest.raises(RuleViolation, match="phải sau ngày họp 15/03/2019") as refused:
        decide(scene.council, item, Decision.EXTEND, "Gia hạn", HELD_ON - timedelta(days=10), version=item.version)
    assert refused.value.field == "new_due"
    db.session.rollback()
    assert rec.current_due == HELD_ON - timedelta(days=400)
