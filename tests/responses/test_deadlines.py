"""Extension requests and decisions; change_due_date is the only writer of current_due."""

from datetime import date

import pytest
from sqlalchemy import select

from inspection.audit import AuditEntry
from inspection.extensions import db
from inspection.responses import services
from inspection.responses.models import DueDateChange, ExtensionStatus
from inspection.rules import RuleViolation
from tests.responses.builders import Scene

DUE = date(2018, 6, 30)


@pytest.fixture
def scene(app):
    scene = Scene(due=DUE)
    scene.recommendation.issued_on = date(2017, 12, 15)
    return scene


def _ask(scene, day=date(2018, 9, 30), reason="Chờ ý kiến của Ban Thi đua – Khen thưởng Trung ương"):
    return services.request_extension(scene.officer, scene.recommendation, scene.unit, day, reason)


def test_a_request_must_be_later_than_the_current_due_date(scene):
    with pytest.raises(RuleViolation) as refused:
        _ask(scene, day=DUE)
    assert refused.value.field == "requested_due"
    assert refused.value.message == "phải sau hạn hiện tại 30/06/2018."
    with pytest.raises(RuleViolation) as refused:
        _ask(scene, reason="  ")
    assert refused.value.field == "reason"


def test_one_pending_request_per_recommendation_and_unit(scene):
    first = _ask(scene)
    assert (first.status, first.previous_due, first.requested_due) == (ExtensionStatus.PENDING, DUE, date(2018, 9, 30))
    with pytest.raises(RuleViolation, match="đã có một đề nghị gia hạn đến 30/09/2018 đang chờ quyết định"):
        _ask(scene, day=date(2018, 12, 31))
    services.withdraw_extension(scene.officer, first)
    assert first.status == ExtensionStatus.WITHDRAWN
    assert _ask(scene, day=date(2018, 12, 31)).status == ExtensionStatus.PENDING


def test_only_the_responsible_unit_asks(scene):
    with pytest.raises(RuleViolation):
        services.request_extension(scene.foreign_officer, scene.recommendation, scene.foreign_unit,
                                   date(2018, 9, 30), "Lý do")
    with pytest.raises(RuleViolation, match="Chỉ đơn vị được giao"):
        services.request_extension(scene.inspector, scene.recommendation, None, date(2018, 9, 30), "Lý do")


def test_approval_changes_the_due_date_and_keeps_the_original(scene):
    change = _ask(scene)
    services.decide_extension(scene.inspector, change, approve=True, note="Đồng ý", granted_due=date(2018, 8, 31))
    recommendation = scene.recommendation
    assert (recommendation.original_due, recommendation.current_due) == (DUE, date(2018, 8, 31))
    assert (change.status, change.previous_due, change.requested_due, change.granted_due) == (
        ExtensionStatus.APPROVED, DUE, date(2018, 9, 30), date(2018, 8, 31))
    assert change.decided_by_id == scene.inspector.id and change.decided_at is not None
    assert change.decision_note == "Đồng ý" and change.requested_by_id == scene.officer.id
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "recommendation.due_change")).one()
    assert entry.before == {"current_due": "2018-06-30"} and entry.after["current_due"] == "2018-08-31"
    assert "30/06/2018" in entry.summary and "31/08/2018" in entry.summary


def test_approval_without_a_date_grants_the_date_asked(scene):
    change = _ask(scene)
    services.decide_extension(scene.council, change, approve=True)
    assert scene.recommendation.current_due == date(2018, 9, 30) and change.decision_note is None


def test_refusal_keeps_the_due_date_and_needs_a_reason(scene):
    change = _ask(scene)
    with pytest.raises(RuleViolation) as refused:
        services.decide_extension(scene.inspector, change, approve=False, note="")
    assert refused.value.field == "note"
    services.decide_extension(scene.inspector, change, approve=False, note="Không có căn cứ")
    assert scene.recommendation.current_due == DUE and change.status == ExtensionStatus.REFUSED
    assert change.granted_due is None and change.decision_note == "Không có căn cứ"
    with pytest.raises(RuleViolation, match="Không thể chuyển trạng thái"):
        services.decide_extension(scene.inspector, change, approve=True)
    actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["extension.request", "extension.refuse"]


def test_only_members_and_the_council_decide(scene):
    change = _ask(scene)
    for user in (scene.outsider, scene.officer, scene.admin):
        with pytest.raises(RuleViolation, match="Chỉ thành viên đoàn kiểm tra hoặc Hội đồng"):
            services.decide_extension(user, change, approve=True)
    assert scene.recommendation.current_due == DUE


def test_a_granted_date_must_still_be_after_the_current_due(scene):
    change = _ask(scene)
    with pytest.raises(RuleViolation) as refused:
        services.decide_extension(scene.inspector, change, approve=True, granted_due=date(2018, 6, 1))
    assert refused.value.field == "granted_due"


def test_a_direct_change_is_recorded_like_any_other(scene):
    change = services.change_due_date(scene.council, scene.recommendation, date(2018, 12, 31),
                                      "Phiên họp Hội đồng 6 tháng cuối năm")
    assert scene.recommendation.current_due == date(2018, 12, 31) and scene.recommendation.original_due == DUE
    assert (change.status, change.requested_by_id, change.decided_by_id) == (
        ExtensionStatus.APPROVED, scene.council.id, scene.council.id)
    assert (change.previous_due, change.granted_due, change.reason) == (DUE, date(2018, 12, 31),
                                                                        "Phiên họp Hội đồng 6 tháng cuối năm")
    for day, reason, field in [(date(2018, 12, 31), "Lý do", "new_due"), (date(2017, 12, 1), "Lý do", "new_due"),
                               (date(2019, 3, 1), " ", "reason"), (None, "Lý do", "new_due")]:
        with pytest.raises(RuleViolation) as refused:
            services.change_due_date(scene.council, scene.recommendation, day, reason)
        assert refused.value.field == field
    assert db.session.scalar(select(DueDateChange.id).where(DueDateChange.id != change.id)) is None


def test_only_the_asking_unit_withdraws(scene):
    change = _ask(scene)
    with pytest.raises(RuleViolation, match="Chỉ đơn vị đã đề nghị"):
        services.withdraw_extension(scene.inspector, change)
    services.decide_extension(scene.inspector, change, approve=False, note="Không")
    with pytest.raises(RuleViolation, match="Không thể chuyển trạng thái"):
        services.withdraw_extension(scene.officer, change)
