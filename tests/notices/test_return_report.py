"""The team sends a unit's report of "done" back when it falls short: the share is "in progress" again, the
reason is in the conversation and the history, and the unit's officers are told (never the team, never
another unit). Only the team may, only a report of done, only with a reason."""

import pytest
from sqlalchemy import select

from inspection.audit import AuditEntry
from inspection.extensions import db
from inspection.findings.models import UnitStatus
from inspection.responses import services as responses
from inspection.responses.models import Message
from inspection.rules import RuleViolation
from tests.notices.conftest import all_notices, kinds_of


@pytest.fixture
def reported(world):
    share = world.recommendation.responsibilities[0]
    responses.report_progress(world.officer, share, UnitStatus.REPORTED_DONE)
    db.session.commit()
    return share


def test_returning_puts_the_share_back_to_work_and_tells_the_unit(world, reported, login):
    client = login(world.member)
    page = client.get(f"/recommendations/{world.recommendation.id}").get_data(as_text=True)
    assert "Trả lại báo cáo của Sở Tư pháp tỉnh An Giang" in page
    before = len(all_notices())
    response = client.post(f"/recommendations/{world.recommendation.id}/return-report",
                           data={"responsibility_id": reported.id, f"rt{reported.id}-note": "Thiếu danh sách hồ sơ."},
                           follow_redirects=True)
    assert "Đã trả lại báo cáo hoàn thành của Sở Tư pháp tỉnh An Giang." in response.get_data(as_text=True)
    db.session.expire_all()
    assert reported.status == UnitStatus.IN_PROGRESS and reported.reported_done_at is None
    new = all_notices()[before:]
    assert {(notice.user_id, notice.kind.value) for notice in new} == {(world.officer.id, "returned"),
                                                                      (world.colleague.id, "returned")}
    assert new[0].subject == f"Báo cáo hoàn thành Kiến nghị {world.recommendation.number} bị trả lại"
    assert "Lý do: Thiếu danh sách hồ sơ." in new[0].body
    said = db.session.scalars(select(Message.body).where(Message.recommendation_id == world.recommendation.id))
    assert "Thiếu danh sách hồ sơ." in list(said)
    assert db.session.scalars(select(AuditEntry.summary).where(AuditEntry.action == "responsibility.return")).one() \
        == "Trả lại báo cáo hoàn thành của Sở Tư pháp tỉnh An Giang: Thiếu danh sách hồ sơ."


def test_a_return_needs_a_reason_and_saves_nothing_without_one(world, reported, login):
    before = len(all_notices())
    response = login(world.head).post(f"/recommendations/{world.recommendation.id}/return-report",
                                      data={"responsibility_id": reported.id, f"rt{reported.id}-note": " "},
                                      follow_redirects=True)
    assert "hãy nêu điều đơn vị cần bổ sung, làm tiếp." in response.get_data(as_text=True)
    db.session.expire_all()
    assert reported.status == UnitStatus.REPORTED_DONE and len(all_notices()) == before


def test_only_the_team_returns_and_only_a_report_of_done(world, reported, login):
    assert login(world.officer).post(f"/recommendations/{world.recommendation.id}/return-report",
                                     data={"responsibility_id": reported.id}).status_code == 403
    assert login(world.outsider).post(f"/recommendations/{world.recommendation.id}/return-report",
                                      data={"responsibility_id": reported.id}).status_code == 403
    with pytest.raises(RuleViolation, match="Chỉ thành viên đoàn kiểm tra"):
        responses.return_report(world.council, reported, "Chưa đạt")
    responses.return_report(world.head, reported, "Chưa đạt")
    with pytest.raises(RuleViolation, match="chưa báo cáo hoàn thành"):
        responses.return_report(world.head, reported, "Lần nữa")
    db.session.rollback()


def test_the_unit_reports_again_and_the_team_hears_of_it(world, reported):
    responses.return_report(world.head, reported, "Bổ sung biên bản")
    responses.report_progress(world.officer, reported, UnitStatus.REPORTED_DONE, "Đã bổ sung biên bản")
    db.session.commit()
    assert kinds_of(world.head) == ["done", "done"] and kinds_of(world.member) == ["done", "done"]
