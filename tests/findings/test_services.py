"""Finding and recommendation services: rules, transitions, conflicts and the audit trail."""

from datetime import date

import pytest
from sqlalchemy import select

from inspection import audit
from inspection.audit import AuditEntry
from inspection.extensions import db
from inspection.findings import services
from inspection.findings.models import (
    FindingCategory,
    FindingKind,
    FollowUpAction,
    Severity,
    UnitStatus,
    VerificationMethod,
    VerifiedStatus,
)
from inspection.missions.models import MissionStatus
from inspection.responses.models import Message
from inspection.rules import EditConflict, RuleViolation
from tests.factories import make_unit
from tests.findings.builders import make_mission, make_recommendation, make_session


def _entries(record, action: str) -> list[AuditEntry]:
    return [entry for entry in audit.history_of(record) if entry.action == action]


# --- findings ----------------------------------------------------------------------------------------------


def test_a_member_records_a_finding_with_its_session_and_it_is_audited(world):
    session = make_session(world.mission)
    finding = services.create_finding(
        world.member, world.mission, unit=world.own, working_session=session, kind=FindingKind.SHORTCOMING,
        category=FindingCategory.APPARATUS_STAFF, severity=Severity.SERIOUS,
        title="Năng lực chuyên môn cán bộ còn hạn chế", figures="1.973 / 3.408 = 57,86%")
    assert finding.session is session and finding.created_by_id == world.member.id
    [entry] = _entries(finding, "finding.create")
    assert entry.actor_id == world.member.id and entry.after["unit"] == "KG"
    assert entry.after["working_session"] == "2017-11-04" and entry.after["severity"] == "serious"


def test_a_finding_must_name_one_of_the_missions_units_and_sessions(world):
    other_mission = make_mission([world.foreign], [world.member])
    with pytest.raises(RuleViolation) as refused:
        services.create_finding(world.member, world.mission, unit=world.foreign,
                                category=FindingCategory.BACKLOG, title="x")
    assert refused.value.field == "unit"
    with pytest.raises(RuleViolation) as refused:
        services.create_finding(world.member, world.mission, unit=world.own, category=FindingCategory.BACKLOG,
                                title="x", working_session=make_session(other_mission))
    assert refused.value.field == "working_session"


def test_only_members_record_findings_and_not_in_a_closed_mission(world):
    with pytest.raises(RuleViolation, match="Chỉ thành viên đoàn kiểm tra"):
        services.create_finding(world.outsider, world.mission, unit=world.own,
                                category=FindingCategory.BACKLOG, title="x")
    world.mission.status = MissionStatus.CLOSED
    with pytest.raises(RuleViolation, match="đã kết thúc"):
        services.create_finding(world.member, world.mission, unit=world.own,
                                category=FindingCategory.BACKLOG, title="x")


def _finding_edit(world, **changes) -> dict:
    values = services.finding_values(world.finding) | changes
    return values


def test_editing_a_finding_records_before_and_after(world):
    finding = world.finding
    services.update_finding(world.member, finding, version=finding.version,
                            **_finding_edit(world, severity=Severity.CRITICAL, title="Nhân rộng mô hình yếu"))
    [entry] = _entries(finding, "finding.update")
    assert entry.before["severity"] == "moderate" and entry.after["severity"] == "critical"
    assert entry.before["title"] == "Nhân rộng mô hình còn hạn chế" and entry.after["title"] == "Nhân rộng mô hình yếu"
    assert set(entry.before) == set(entry.after) == {"severity", "title"}  # only what changed
    assert finding.version == 2


def test_a_stale_finding_form_is_refused_and_names_the_fields_that_differ(world):
    finding = world.finding
    opened_at = finding.version
    services.update_finding(world.member, finding, version=opened_at, **_finding_edit(world, title="Bản của A"))
    with pytest.raises(EditConflict) as stale:
        services.update_finding(world.member, finding, version=opened_at,
                                **_finding_edit(world, title="Bản của B", severity=Severity.MINOR))
    conflicts = dict(zip(stale.value.fields, stale.value.changes, strict=True))
    assert conflicts == {"title": ("title", "Bản của A", "Bản của B"),
                         "severity": ("severity", Severity.MODERATE.label, Severity.MINOR.label)}
    assert "Bản ghi đã được người khác sửa sau khi bạn mở biểu mẫu" in stale.value.message
    assert finding.title == "Bản của A" and finding.severity == Severity.MODERATE


# --- recommendations --------------------------------------------------------------------------------------


def test_a_recommendation_starts_with_the_same_original_and_current_due(world):
    rec = services.create_recommendation(
        world.member, world.finding, text="Hoàn thành hồ sơ truy tặng", issued_on=date(2017, 12, 1),
        due=date(2018, 3, 31), responsible_units=[world.own, world.foreign, world.own], awards_to_reexamine=3,
        amount_to_recover=5_000_000, amount_recovered=1_000_000)
    assert rec.original_due == rec.current_due == date(2018, 3, 31)
    assert [share.unit.code for share in rec.responsibilities] == ["KG", "CM"]
    assert all(share.status == UnitStatus.NOT_STARTED for share in rec.responsibilities)
    [entry] = _entries(rec, "recommendation.create")
    assert entry.after["responsible_units"] == ["KG", "CM"] and entry.after["due"] == "2018-03-31"
    assert "thời hạn 31/03/2018" in entry.summary


@pytest.mark.parametrize("due, field, message", [
    (date(2017, 11, 30), "due", "Thời hạn không được trước ngày ban hành kiến nghị (01/12/2017)"),
    (None, "due", "Nhập thời hạn"),
])
def test_a_due_date_before_the_issue_date_is_refused_on_the_field(world, due, field, message):
    with pytest.raises(RuleViolation) as refused:
        services.create_recommendation(world.member, world.finding, text="x", issued_on=date(2017, 12, 1), due=due,
                                       responsible_units=[world.own])
    assert refused.value.field == field and message in refused.value.message


def test_responsible_units_and_outcomes_are_checked(world):
    ended = make_unit("UBND huyện cũ", code="OLD", valid_to=date(2017, 6, 30))
    cases = [({"responsible_units": []}, "responsible_units", "Cần ít nhất một đơn vị"),
             ({"responsible_units": [ended]}, "responsible_units", "UBND huyện cũ (OLD)"),
             ({"amount_to_recover": 10, "amount_recovered": 11}, "amount_recovered", "không được lớn hơn"),
             ({"amount_recovered": 1}, "amount_recovered", "không được lớn hơn"),
             ({"awards_to_revoke": -1}, "awards_to_revoke", "số âm")]
    for changes, field, message in cases:
        values = {"text": "x", "issued_on": date(2017, 12, 1), "due": date(2018, 1, 1),
                  "responsible_units": [world.own]} | changes
        with pytest.raises(RuleViolation) as refused:
            services.create_recommendation(world.member, world.finding, **values)
        assert (refused.value.field, message in refused.value.message) == (field, True), changes
    assert len(world.finding.recommendations) == 1  # only the world's own: nothing half-saved


def _content(rec, **changes) -> dict:
    return services.recommendation_values(rec) | changes


def test_edit_adds_and_removes_units_but_never_one_that_has_answered(world):
    rec = world.recommendation
    services.update_recommendation(world.member, rec, version=rec.version,
                                   **_content(rec, responsible_units=[world.own, world.foreign]))
    assert [share.unit.code for share in rec.responsibilities] == ["KG", "CM"]
    services.update_recommendation(world.member, rec, version=rec.version,
                                   **_content(rec, responsible_units=[world.own]))
    assert [share.unit.code for share in rec.responsibilities] == ["KG"]
    share = rec.responsibilities[0]
    other = make_unit("Sở Nội vụ", code="SNV")
    for answer in (lambda: setattr(share, "status", UnitStatus.IN_PROGRESS),
                   lambda: share.actions.append(FollowUpAction(what="Tổ chức hội nghị")),
                   lambda: db.session.add(Message(recommendation_id=rec.id, author_id=world.own_officer.id,
                                                  unit_id=world.own.id, body="Đã nhận"))):
        share.status, share.actions = UnitStatus.NOT_STARTED, []
        db.session.query(Message).delete()
        answer()
        db.session.flush()
        with pytest.raises(RuleViolation, match="đơn vị đã trả lời") as refused:
            services.update_recommendation(world.member, rec, version=rec.version,
                                           **_content(rec, responsible_units=[other]))
        assert refused.value.field == "responsible_units"
        assert [s.unit.code for s in rec.responsibilities] == ["KG"]


def test_edit_never_touches_the_due_dates_and_is_audited(world):
    rec = world.recommendation
    changed = services.update_recommendation(world.member, rec, version=rec.version,
                                             **_content(rec, text="Nội dung mới", awards_to_revoke=2))
    assert changed and rec.original_due == rec.current_due == date(2018, 6, 30)
    [entry] = _entries(rec, "recommendation.update")
    assert entry.before["text"] == "Đẩy mạnh nhân rộng điển hình tiên tiến" and entry.after["text"] == "Nội dung mới"
    assert entry.before["awards_to_revoke"] is None and entry.after["awards_to_revoke"] == 2
    assert not services.update_recommendation(world.member, rec, version=rec.version, **_content(rec))


def test_a_stale_recommendation_form_shows_what_changed_and_saves_nothing(world):
    rec = world.recommendation
    opened_at = rec.version
    services.update_recommendation(world.member, rec, version=opened_at,
                                   **_content(rec, responsible_units=[world.own, world.foreign]))
    with pytest.raises(EditConflict) as stale:
        services.update_recommendation(world.member, rec, version=opened_at,
                                       **_content(rec, text="Bản cũ sửa lại", responsible_units=[world.own]))
    fields = set(stale.value.fields)
    assert fields == {"text", "responsible_units"}
    assert rec.text == "Đẩy mạnh nhân rộng điển hình tiên tiến" and len(rec.responsibilities) == 2


# --- verification ---------------------------------------------------------------------------------------------


def test_a_member_verifies_and_every_verdict_is_audited(world):
    rec = world.recommendation
    services.verify(world.member, rec, VerifiedStatus.IMPLEMENTED, VerificationMethod.ON_SITE, "Đã kiểm tra hồ sơ",
                    version=rec.version)
    assert rec.verified_status == VerifiedStatus.IMPLEMENTED and rec.verified_by_id == world.member.id
    assert rec.verified_at is not None and rec.verification_method == VerificationMethod.ON_SITE
    [entry] = _entries(rec, "recommendation.verify")
    assert entry.before == {"verified_status": "open", "verification_method": None, "verification_note": None}
    assert entry.after["verified_status"] == "implemented" and "Kiểm tra tại chỗ" in entry.summary


@pytest.mark.parametrize("status", [VerifiedStatus.IMPLEMENTED, VerifiedStatus.PARTIAL, VerifiedStatus.NOT_IMPLEMENTED,
                                    VerifiedStatus.OVERTAKEN, VerifiedStatus.NOT_ACCEPTED])
def test_a_closed_recommendation_moves_only_back_to_open(world, status):
    rec = world.recommendation
    services.verify(world.member, rec, status, VerificationMethod.DESK_REVIEW, None, version=rec.version)
    other = VerifiedStatus.PARTIAL if status != VerifiedStatus.PARTIAL else VerifiedStatus.IMPLEMENTED
    with pytest.raises(RuleViolation, match="Không thể chuyển trạng thái") as refused:
        services.verify(world.member, rec, other, VerificationMethod.DESK_REVIEW, None, version=rec.version)
    assert refused.value.field == "status" and rec.verified_status == status
    services.reopen(world.member, rec, "Đơn vị bổ sung hồ sơ", version=rec.version)
    assert rec.is_open and rec.verification_method is None
    assert "Đơn vị bổ sung hồ sơ" in _entries(rec, "recommendation.reopen")[0].summary


def test_verification_needs_a_method_a_member_and_a_verdict(world):
    rec = world.recommendation
    with pytest.raises(RuleViolation) as refused:
        services.verify(world.member, rec, VerifiedStatus.IMPLEMENTED, None, None, version=rec.version)
    assert refused.value.field == "method"
    with pytest.raises(RuleViolation, match="Chỉ thành viên"):
        services.verify(world.outsider, rec, VerifiedStatus.IMPLEMENTED, VerificationMethod.ON_SITE, None,
                        version=rec.version)
    with pytest.raises(RuleViolation, match="Chỉ thành viên"):
        services.verify(world.own_officer, rec, VerifiedStatus.IMPLEMENTED, VerificationMethod.UNIT_WORD, None,
                        version=rec.version)
    with pytest.raises(RuleViolation, match="Không thể chuyển trạng thái"):
        services.verify(world.member, rec, VerifiedStatus.OPEN, None, None, version=rec.version)  # already open
    assert rec.is_open and _entries(rec, "recommendation.verify") == []


def test_a_unit_reporting_done_closes_nothing(world):
    rec = make_recommendation(world.finding, [world.own, world.foreign])
    for share in rec.responsibilities:
        share.status, share.reported_done_at = UnitStatus.REPORTED_DONE, None
    db.session.flush()
    db.session.expire(rec)
    assert rec.verified_status == VerifiedStatus.OPEN
    with pytest.raises(RuleViolation, match="Không thể chuyển trạng thái"):
        services.verify(world.member, rec, UnitStatus.REPORTED_DONE, VerificationMethod.UNIT_WORD, None,
                        version=rec.version)
    assert rec.is_open


def test_editing_a_verified_recommendation_reopens_it_and_says_so(world):
    rec = world.recommendation
    services.verify(world.member, rec, VerifiedStatus.PARTIAL, VerificationMethod.DESK_REVIEW, "Còn thiếu",
                    version=rec.version)
    services.update_recommendation(world.member, rec, version=rec.version, **_content(rec, text="Sửa nội dung"))
    assert rec.verified_status == VerifiedStatus.OPEN and rec.verification_method is None
    [reopened] = _entries(rec, "recommendation.reopen")
    assert "Mở lại do sửa nội dung" in reopened.summary and "Thực hiện một phần" in reopened.summary
    assert reopened.before["verified_status"] == "partial" and reopened.after["verified_status"] == "open"
    actions = [entry.action for entry in audit.history_of(rec)]
    assert actions[:2] == ["recommendation.reopen", "recommendation.update"]  # newest first


def test_a_verdict_on_a_stale_page_is_refused(world):
    rec = world.recommendation
    seen = rec.version
    services.update_recommendation(world.member, rec, version=seen, **_content(rec, text="Đổi"))
    with pytest.raises(EditConflict):
        services.verify(world.member, rec, VerifiedStatus.IMPLEMENTED, VerificationMethod.ON_SITE, None, version=seen)
    assert rec.is_open


def test_every_change_leaves_one_entry_per_action(world):
    rec = world.recommendation
    services.verify(world.member, rec, VerifiedStatus.NOT_IMPLEMENTED, VerificationMethod.ON_SITE, None,
                    version=rec.version)
    services.reopen(world.member, rec, version=rec.version)
    kinds = [entry.action for entry in db.session.scalars(select(AuditEntry).where(
        AuditEntry.target_type == "recommendation", AuditEntry.target_id == rec.id).order_by(AuditEntry.id))]
    assert kinds == ["recommendation.create", "recommendation.verify", "recommendation.reopen"]
