"""Messages, evidence versions, the unit's progress and follow-up actions, through the services."""

import os
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from inspection.audit import AuditEntry
from inspection.extensions import db
from inspection.files.models import StoredFile
from inspection.findings.models import FollowUpAction, UnitStatus, VerifiedStatus
from inspection.responses import services
from inspection.responses.models import Evidence, Message
from inspection.rules import RuleViolation
from inspection.timeutil import today_vn
from tests.responses.builders import Scene, pdf, program


@pytest.fixture
def scene(app):
    return Scene(due=today_vn() + timedelta(days=30))


@pytest.fixture
def files(app):
    return {"folder": app.config["FILES_FOLDER"], "max_bytes": 1024}


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _files_on_disk(folder: str) -> list[str]:
    return os.listdir(folder) if os.path.isdir(folder) else []


def _audit_actions(recommendation) -> list[str]:
    query = select(AuditEntry.action).where(AuditEntry.target_type == "recommendation",
                                            AuditEntry.target_id == recommendation.id).order_by(AuditEntry.id)
    return list(db.session.scalars(query))


def test_a_unit_message_with_files_creates_evidence_version_one(scene, files):
    message = services.post_message(scene.officer, scene.recommendation, "  Đã ban hành kế hoạch tuyên truyền. ",
                                    files=[pdf("Kế hoạch 12.pdf"), pdf("Danh sách.pdf")], **files)
    assert message.body == "Đã ban hành kế hoạch tuyên truyền." and message.unit_id == scene.unit.id
    evidence = db.session.scalars(select(Evidence).order_by(Evidence.id)).all()
    assert [(item.title, item.version, item.message_id) for item in evidence] == [
        ("Kế hoạch 12.pdf", 1, message.id), ("Danh sách.pdf", 1, message.id)]
    assert evidence[0].evidence_key != evidence[1].evidence_key
    assert len(_files_on_disk(files["folder"])) == 2
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "response.message")).one()
    assert "Sở Văn hóa và Thể thao" in entry.summary and entry.after["files"] == ["Kế hoạch 12.pdf", "Danh sách.pdf"]


def test_inspectors_speak_for_no_unit_and_outsiders_cannot_speak(scene):
    message = services.post_message(scene.inspector, scene.recommendation, "Đề nghị bổ sung danh sách.")
    assert message.unit_id is None
    assert services.post_message(scene.council, scene.recommendation, "Hội đồng đã xem.").unit_id is None
    with pytest.raises(RuleViolation, match="Chỉ đơn vị được giao kiến nghị"):
        services.post_message(scene.outsider, scene.recommendation, "Tôi không thuộc đoàn.")
    with pytest.raises(RuleViolation) as refused:
        services.post_message(scene.foreign_officer, scene.recommendation, "Đơn vị khác.")
    assert refused.value.field == "unit_id"


def test_an_empty_message_is_refused(scene):
    with pytest.raises(RuleViolation) as refused:
        services.post_message(scene.officer, scene.recommendation, "   ")
    assert refused.value.field == "body"


@pytest.mark.parametrize("bad", [program, lambda: pdf("to.pdf", b"%PDF-1.7\n" + b"x" * 4096)],
                         ids=["disguised", "oversize"])
def test_a_refused_file_leaves_nothing_behind(scene, files, bad):
    """The first file is good, the second refused: no message, no evidence, no StoredFile, no file on disk."""
    with pytest.raises(RuleViolation) as refused:
        services.post_message(scene.officer, scene.recommendation, "Gửi minh chứng.",
                              files=[pdf("Tốt.pdf"), bad()], **files)
    assert refused.value.field == "files"
    db.session.rollback()
    assert (_count(Message), _count(Evidence), _count(StoredFile)) == (0, 0, 0)
    assert _files_on_disk(files["folder"]) == []


def test_a_new_version_keeps_the_key_and_the_older_versions(scene, files):
    message = services.post_message(scene.officer, scene.recommendation, "Bản đầu.", files=[pdf("Báo cáo.pdf")],
                                    **files)
    first = message.evidence[0]
    second = services.add_evidence_version(scene.officer, first.evidence_key, scene.recommendation,
                                           pdf("Báo cáo (sửa).pdf"), note="Bản đã ký.", **files)
    third = services.add_evidence_version(scene.officer, first.evidence_key, scene.recommendation,
                                          pdf("Báo cáo (sửa 2).pdf"), **files)
    versions = db.session.scalars(select(Evidence).where(Evidence.evidence_key == first.evidence_key)
                                  .order_by(Evidence.version)).all()
    assert [v.version for v in versions] == [1, 2, 3]
    assert [v.file.original_name for v in versions] == ["Báo cáo.pdf", "Báo cáo (sửa).pdf", "Báo cáo (sửa 2).pdf"]
    assert {v.title for v in versions} == {"Báo cáo.pdf"}
    assert second.message is not None and second.message.body == "Bản đã ký." and third.message is None
    assert len(_files_on_disk(files["folder"])) == 3
    assert _audit_actions(scene.recommendation).count("evidence.version") == 2


def test_only_the_unit_that_gave_evidence_adds_versions(scene, files):
    message = services.post_message(scene.officer, scene.recommendation, "Bản đầu.", files=[pdf()], **files)
    key = message.evidence[0].evidence_key
    with pytest.raises(RuleViolation, match="Chỉ bên đã nộp"):
        services.add_evidence_version(scene.inspector, key, scene.recommendation, pdf(), **files)
    with pytest.raises(RuleViolation, match="Không tìm thấy minh chứng"):
        services.add_evidence_version(scene.officer, "khong-co", scene.recommendation, pdf(), **files)


def test_a_refused_version_leaves_nothing_behind(scene, files):
    message = services.post_message(scene.officer, scene.recommendation, "Bản đầu.", files=[pdf()], **files)
    db.session.commit()
    with pytest.raises(RuleViolation, match="không phải PDF"):
        services.add_evidence_version(scene.officer, message.evidence[0].evidence_key, scene.recommendation,
                                      program(), note="Bản mới", **files)
    db.session.rollback()
    assert (_count(Evidence), _count(StoredFile), _count(Message)) == (1, 1, 1)
    assert len(_files_on_disk(files["folder"])) == 1


def test_progress_moves_through_the_table_and_done_never_closes(scene):
    services.report_progress(scene.officer, scene.share, UnitStatus.IN_PROGRESS, "Đang xây dựng kế hoạch.")
    assert scene.share.status == UnitStatus.IN_PROGRESS and scene.share.reported_done_at is None
    services.report_progress(scene.officer, scene.share, UnitStatus.REPORTED_DONE)
    assert scene.share.status == UnitStatus.REPORTED_DONE and scene.share.reported_done_at is not None
    assert scene.recommendation.verified_status == VerifiedStatus.OPEN and scene.recommendation.is_open
    with pytest.raises(RuleViolation, match="Không thể chuyển trạng thái"):
        services.report_progress(scene.officer, scene.share, UnitStatus.NOT_STARTED)
    services.report_progress(scene.officer, scene.share, UnitStatus.IN_PROGRESS)
    assert scene.share.reported_done_at is None
    assert db.session.scalars(select(Message.body)).all() == ["Đang xây dựng kế hoạch."]
    assert _audit_actions(scene.recommendation).count("responsibility.progress") == 3


def test_progress_is_the_units_own(scene):
    with pytest.raises(RuleViolation, match="Chỉ cán bộ đầu mối"):
        services.report_progress(scene.inspector, scene.share, UnitStatus.IN_PROGRESS)
    with pytest.raises(RuleViolation, match="Chỉ cán bộ đầu mối"):
        services.report_progress(scene.foreign_officer, scene.share, UnitStatus.IN_PROGRESS)
    with pytest.raises(RuleViolation, match="trùng trạng thái"):
        services.report_progress(scene.officer, scene.share, UnitStatus.NOT_STARTED)


def test_a_verified_recommendation_takes_no_more_progress(scene):
    scene.recommendation.verified_status = VerifiedStatus.IMPLEMENTED
    with pytest.raises(RuleViolation, match="đã được đoàn kiểm tra kết luận"):
        services.report_progress(scene.officer, scene.share, UnitStatus.IN_PROGRESS)


def test_follow_up_actions_are_checked_and_audited(scene):
    due = scene.recommendation.current_due
    action = services.add_action(scene.officer, scene.share, "Tổ chức hội nghị", "Phòng TĐKT", due - timedelta(5), 0)
    services.update_action(scene.officer, action, "Tổ chức hội nghị", "Phòng TĐKT", due - timedelta(5), 60,
                           "Đã tổ chức 1/2 hội nghị", version=action.version)
    assert (action.progress, action.note) == (60, "Đã tổ chức 1/2 hội nghị")
    for values, field in [(("", None, None, 0), "what"), (("Việc", None, None, 120), "progress"),
                          (("Việc", None, due + timedelta(1), 0), "due"),
                          (("Việc", None, scene.recommendation.issued_on - timedelta(1), 0), "due")]:
        with pytest.raises(RuleViolation) as refused:
            services.add_action(scene.officer, scene.share, *values)
        assert refused.value.field == field
    with pytest.raises(RuleViolation, match="Không có thay đổi"):
        services.update_action(scene.officer, action, "Tổ chức hội nghị", "Phòng TĐKT", due - timedelta(5), 60,
                               "Đã tổ chức 1/2 hội nghị", version=action.version)
    assert _count(FollowUpAction) == 1
    assert _audit_actions(scene.recommendation) == ["action.add", "action.update"]
