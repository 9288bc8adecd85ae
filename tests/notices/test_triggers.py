"""Each change on a recommendation tells the other side, in the change's own transaction: the units' answers,
evidence, reports of "done" and extension requests reach the mission's team (extension requests the council
too); the team's verdicts, reopenings, messages and extension decisions reach the responsible unit's officers;
a new recommendation (or a unit added to one) reaches that unit's officers. Never the actor, never another unit."""

from datetime import date

import pytest
from sqlalchemy import func, select

from inspection.access import SYSTEM
from inspection.auth.models import Role
from inspection.documents.refs import parse_ref
from inspection.extensions import db
from inspection.findings import services as findings
from inspection.findings.models import UnitStatus, VerificationMethod, VerifiedStatus
from inspection.forms_util import commit_or_refuse
from inspection.notifications.models import Notification
from inspection.responses import services as responses
from inspection.rules import RuleViolation
from inspection.units import services as units
from tests.factories import make_unit, make_user
from tests.findings.builders import make_finding
from tests.notices.conftest import all_notices, kinds_of, notices_of
from tests.responses.builders import pdf


def _new_since(count: int) -> list[Notification]:
    return all_notices()[count:]


def _recipients(notices) -> set[int]:
    return {notice.user_id for notice in notices}


def test_a_new_recommendation_tells_the_officers_of_its_unit_only(world):
    rec = world.recommendation
    [notice] = notices_of(world.officer)
    assert notice.kind.value == "issued" and notice.link == f"/recommendations/{rec.id}"
    assert notice.subject == f"Kiến nghị {rec.number} giao cho đơn vị của bạn, hạn 30/09/2026"
    assert "Rà soát hồ sơ khen thưởng còn tồn đọng" in notice.body and world.mission.title in notice.body
    assert kinds_of(world.colleague) == ["issued"]
    assert _recipients(all_notices()) == {world.officer.id, world.colleague.id}  # not the team, not Y tế


def test_a_unit_added_later_is_told_and_the_first_one_not_again(world):
    rec = world.recommendation
    before = len(all_notices())
    findings.update_recommendation(world.member, rec, version=rec.version, text=rec.text,
                                   responsible_units=[world.home, world.other])
    db.session.commit()
    new = _new_since(before)
    assert _recipients(new) == {world.other_officer.id} and new[0].kind.value == "issued"


def test_a_units_message_tells_the_team_not_the_unit_nor_the_council(world):
    before = len(all_notices())
    responses.post_message(world.officer, world.recommendation, "Đơn vị đã rà soát 12 hồ sơ.")
    db.session.commit()
    new = _new_since(before)
    assert _recipients(new) == {world.head.id, world.member.id}
    assert {notice.kind.value for notice in new} == {"answer"}
    assert new[0].subject == f"Sở Tư pháp tỉnh An Giang trao đổi về Kiến nghị {world.recommendation.number}"
    assert "Đơn vị đã rà soát 12 hồ sơ." in new[0].body


def test_the_teams_message_tells_the_units_officers(world):
    before = len(all_notices())
    responses.post_message(world.member, world.recommendation, "Đề nghị gửi thêm biên bản họp.")
    db.session.commit()
    new = _new_since(before)
    assert _recipients(new) == {world.officer.id, world.colleague.id}
    assert {notice.kind.value for notice in new} == {"reply"}


def test_evidence_tells_the_team(world, app):
    settings = {"folder": app.config["FILES_FOLDER"], "max_bytes": app.config["EVIDENCE_MAX_BYTES"]}
    message = responses.post_message(world.officer, world.recommendation, "Gửi báo cáo khắc phục.",
                                     files=[pdf()], **settings)
    db.session.commit()
    [answer] = notices_of(world.head)
    assert "(kèm 1 tệp minh chứng)" in answer.body
    key = message.evidence[0].evidence_key
    responses.add_evidence_version(world.colleague, key, world.recommendation, pdf("Bản sửa.pdf"), **settings)
    db.session.commit()
    assert kinds_of(world.head) == ["answer", "evidence"] and kinds_of(world.member) == ["answer", "evidence"]
    assert "phiên bản 2" in notices_of(world.head)[-1].body
    # the unit's own side is not told of its evidence: it goes to the team
    assert kinds_of(world.officer) == ["issued"] and kinds_of(world.colleague) == ["issued"]


def test_a_report_of_done_tells_the_team_once_even_with_a_note(world):
    share = world.recommendation.responsibilities[0]
    before = len(all_notices())
    responses.report_progress(world.officer, share, UnitStatus.REPORTED_DONE, "Đã hoàn thành, gửi minh chứng")
    db.session.commit()
    new = _new_since(before)
    assert sorted(notice.user_id for notice in new) == sorted([world.head.id, world.member.id])
    assert {notice.kind.value for notice in new} == {"done"}
    assert "Ghi chú: Đã hoàn thành, gửi minh chứng" in new[0].body


def test_an_extension_request_tells_the_team_and_the_council(world):
    before = len(all_notices())
    responses.request_extension(world.officer, world.recommendation, world.home, date(2026, 12, 31),
                                "Chờ Bộ Nội vụ hướng dẫn")
    db.session.commit()
    new = _new_since(before)
    assert _recipients(new) == {world.head.id, world.member.id, world.council.id}
    assert "từ 30/09/2026 đến 31/12/2026" in new[0].body and "Chờ Bộ Nội vụ hướng dẫn" in new[0].body


@pytest.mark.parametrize("approve", [True, False])
def test_an_extension_decision_tells_the_requesting_units_officers(world, approve):
    change = responses.request_extension(world.officer, world.recommendation, world.home, date(2026, 12, 31),
                                         "Chờ hướng dẫn")
    db.session.commit()
    before = len(all_notices())
    responses.decide_extension(world.head, change, approve, None if approve else "Không đủ căn cứ")
    db.session.commit()
    new = _new_since(before)
    assert _recipients(new) == {world.officer.id, world.colleague.id}
    expected = ("được chấp thuận đến 31/12/2026" if approve else "không được chấp thuận")
    assert expected in new[0].subject and {notice.kind.value for notice in new} == {"deadline"}


def test_a_verdict_and_a_reopening_tell_the_units_officers(world):
    rec = world.recommendation
    before = len(all_notices())
    findings.verify(world.head, rec, VerifiedStatus.IMPLEMENTED, VerificationMethod.DESK_REVIEW, "Đủ minh chứng",
                    version=rec.version)
    db.session.commit()
    findings.reopen(world.member, rec, "Phát hiện còn 2 hồ sơ", version=rec.version)
    db.session.commit()
    new = _new_since(before)
    assert [(notice.kind.value, notice.user_id) for notice in new] == [
        ("verdict", world.officer.id), ("verdict", world.colleague.id),
        ("reopened", world.officer.id), ("reopened", world.colleague.id)]
    assert new[0].subject == f"Kiến nghị {rec.number} đã được xác minh: Đã thực hiện (đã xác minh)"
    assert "Phát hiện còn 2 hồ sơ" in new[2].body


def test_inactive_people_and_outsiders_hear_nothing(world):
    world.member.is_active_account = False
    db.session.commit()
    before = len(all_notices())
    responses.post_message(world.officer, world.recommendation, "Đã xong.")
    db.session.commit()
    assert _recipients(_new_since(before)) == {world.head.id}
    assert notices_of(world.outsider) == []


def test_what_the_system_records_tells_nobody(world):
    before = len(all_notices())
    findings.create_recommendation(SYSTEM, make_finding(world.mission, world.home), text="Nạp từ dữ liệu cũ",
                                   issued_on=date(2026, 3, 2), due=date(2026, 9, 30),
                                   responsible_units=[world.home])
    db.session.commit()
    assert _new_since(before) == []


def _count() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(Notification))


def test_a_refused_change_leaves_no_notice(world):
    """The notice is written in the change's transaction: when the request ends in a refusal, both go."""
    before = _count()

    def post_then_refused():
        responses.post_message(world.officer, world.recommendation, "Gửi lần một")
        raise RuleViolation("refused after the message was written")

    with pytest.raises(RuleViolation):
        commit_or_refuse(post_then_refused)
    assert _count() == before

    with pytest.raises(RuleViolation):  # refused by the rules themselves: a date before the current due date
        commit_or_refuse(lambda: responses.request_extension(world.officer, world.recommendation, world.home,
                                                             date(2026, 1, 1), "Sớm hơn"))
    assert _count() == before


def test_a_rolled_back_request_leaves_no_notice(world):
    before = _count()
    responses.post_message(world.officer, world.recommendation, "Sẽ không được lưu")
    db.session.flush()
    db.session.rollback()
    assert _count() == before


def test_a_transfer_tells_the_successors_officers_once(world):
    """A dissolved unit's open recommendations move to its successor: its officers get one notice naming them
    all and linking to the register of what they now carry."""
    successor = make_unit("Sở Tư pháp tỉnh An Giang (mới)", code="AG-STP2", valid_from=date(2025, 7, 1))
    heir = make_user(Role.UNIT_OFFICER, units=[successor])
    council = world.council
    second = world.issue(text="Số hóa hồ sơ khen thưởng")
    units.merge_units(SYSTEM, [world.home], successor, date(2025, 7, 1), parse_ref("1654/NQ-UBTVQH15"))
    db.session.commit()
    before = len(all_notices())
    findings.transfer_open_recommendations(council, world.home, successor, parse_ref("1654/NQ-UBTVQH15"))
    db.session.commit()
    [notice] = _new_since(before)
    assert notice.user_id == heir.id and notice.kind.value == "issued"
    assert notice.subject == "2 kiến nghị của Sở Tư pháp tỉnh An Giang chuyển cho đơn vị của bạn"
    assert f"Kiến nghị {world.recommendation.number}, Kiến nghị {second.number}." in notice.body
    assert notice.link == "/recommendations/?responsible=AG-STP2"
