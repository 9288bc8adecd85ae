"""What the portal proposes when a session opens: each reason, the threshold boundary, closed items left
out, one item per recommendation with the first reason, and items the council adds by number."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from inspection.audit import AuditEntry
from inspection.council import services
from inspection.council.decisions import decide
from inspection.council.models import Decision, ItemReason, ReviewItem
from inspection.extensions import db
from inspection.findings import services as findings
from inspection.findings.models import VerificationMethod, VerifiedStatus
from inspection.responses import deadlines
from inspection.rules import RuleViolation
from tests.council.builders import HELD_ON, ask_extension, escalate


def agenda(session) -> list[tuple[int, ItemReason, int | None]]:
    return [(item.recommendation_id, item.reason, item.days_overdue) for item in session.items]


def test_overdue_items_are_proposed_only_past_the_threshold(scene):
    at_threshold = scene.overdue(30)
    just_past = scene.overdue(31)
    long_past = scene.overdue(200)
    scene.rec(HELD_ON + timedelta(days=10))  # not due yet
    db.session.commit()
    session = scene.open_session(overdue_days=30)
    assert agenda(session) == [(long_past.id, ItemReason.OVERDUE, 200), (just_past.id, ItemReason.OVERDUE, 31)]
    assert at_threshold.id not in {item.recommendation_id for item in session.items}


def test_the_threshold_is_the_sessions_own(scene):
    rec = scene.overdue(10)
    db.session.commit()
    assert agenda(scene.open_session(overdue_days=9)) == [(rec.id, ItemReason.OVERDUE, 10)]
    assert agenda(scene.open_session(overdue_days=10)) == []


def test_escalated_items_are_proposed_even_when_not_overdue(scene):
    rec = escalate(scene.rec(HELD_ON + timedelta(days=90)))
    db.session.commit()
    assert agenda(scene.open_session()) == [(rec.id, ItemReason.ESCALATED, None)]


def test_items_with_a_waiting_extension_request_are_proposed(scene):
    rec = scene.rec(HELD_ON + timedelta(days=5))
    ask_extension(scene, rec, HELD_ON + timedelta(days=60))
    db.session.commit()
    assert agenda(scene.open_session()) == [(rec.id, ItemReason.EXTENSION_PENDING, None)]


def test_an_answered_extension_request_is_no_reason(scene):
    rec = scene.rec(HELD_ON + timedelta(days=5))
    change = ask_extension(scene, rec, HELD_ON + timedelta(days=60))
    db.session.commit()
    deadlines.decide_extension(scene.member, change, False, "Không đủ căn cứ")
    db.session.commit()
    assert agenda(scene.open_session()) == []


def test_one_item_per_recommendation_with_the_first_reason_in_order(scene):
    everything = escalate(scene.overdue(90))
    ask_extension(scene, everything, HELD_ON + timedelta(days=30))
    escalated_and_overdue = escalate(scene.overdue(60))
    overdue = scene.overdue(45)
    db.session.commit()
    assert agenda(scene.open_session()) == [(everything.id, ItemReason.EXTENSION_PENDING, 90),
                                            (escalated_and_overdue.id, ItemReason.ESCALATED, 60),
                                            (overdue.id, ItemReason.OVERDUE, 45)]


def test_closed_items_are_left_out_whatever_their_reason(scene):
    verified = escalate(scene.overdue(100))
    findings.verify(scene.member, verified, VerifiedStatus.NOT_IMPLEMENTED, VerificationMethod.ON_SITE, None,
                    version=verified.version)
    overtaken = scene.overdue(100)
    findings.verify(scene.member, overtaken, VerifiedStatus.OVERTAKEN, VerificationMethod.DESK_REVIEW, None,
                    version=overtaken.version)
    db.session.commit()
    assert agenda(scene.open_session()) == []


def test_the_agenda_is_numbered_and_noted_in_each_recommendations_history(scene):
    first, second = scene.overdue(80), scene.overdue(40)
    db.session.commit()
    session = scene.open_session()
    assert [item.position for item in session.items] == [1, 2]
    assert [item.decision for item in session.items] == [Decision.PENDING, Decision.PENDING]
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "council.agenda")
                                 .order_by(AuditEntry.target_id)).all()
    assert [entry.target_id for entry in entries] == [first.id, second.id]
    assert entries[0].summary == ("Đưa ra phiên họp “Phiên họp Hội đồng Thi đua – Khen thưởng tỉnh” ngày 15/03/2019: "
                                  "Quá hạn 80 ngày")


def test_the_council_adds_open_items_by_number(scene):
    proposed = scene.overdue(80)
    soon = scene.rec(HELD_ON + timedelta(days=3))
    late_a_little = scene.overdue(5)
    db.session.commit()
    session = scene.open_session()
    services.add_items(scene.council, session, [soon.id, late_a_little.id, soon.id])
    db.session.commit()
    assert agenda(session) == [(proposed.id, ItemReason.OVERDUE, 80), (soon.id, ItemReason.ADDED, None),
                               (late_a_little.id, ItemReason.ADDED, 5)]
    assert [item.position for item in session.items] == [1, 2, 3]


@pytest.mark.parametrize("problem, expected", [
    ("unknown", "không có kiến nghị số 987654."),
    ("closed", "đã được kết luận (Đã thực hiện (đã xác minh)), không cần đưa ra phiên họp."),
    ("again", "đã có trong chương trình phiên họp."),
])
def test_adding_refuses_unknown_closed_and_duplicate_numbers_and_adds_nothing(scene, problem, expected):
    proposed, fine, closed = scene.overdue(80), scene.rec(date(2019, 6, 30)), scene.rec(date(2019, 6, 30))
    findings.verify(scene.member, closed, VerifiedStatus.IMPLEMENTED, VerificationMethod.DESK_REVIEW, None,
                    version=closed.version)
    db.session.commit()
    session = scene.open_session()
    bad = {"unknown": 987654, "closed": closed.id, "again": proposed.id}[problem]
    with pytest.raises(RuleViolation) as refused:
        services.add_items(scene.council, session, [fine.id, bad])
    assert refused.value.field == "numbers" and expected in refused.value.message
    db.session.rollback()
    assert db.session.scalars(select(ReviewItem.recommendation_id)).all() == [proposed.id]


def test_a_pending_item_can_be_removed_and_a_decided_one_cannot(scene):
    first, second = scene.overdue(80), scene.overdue(40)
    db.session.commit()
    session = scene.open_session()
    services.remove_item(scene.council, session.items[1])
    db.session.commit()
    assert agenda(session) == [(first.id, ItemReason.OVERDUE, 80)]
    removal = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "council.agenda_remove",
                                                         AuditEntry.target_type == "recommendation"))
    assert removal.target_id == second.id
    decide(scene.council, session.items[0], Decision.DEFER, "Chờ báo cáo của đơn vị", version=session.items[0].version)
    db.session.commit()
    with pytest.raises(RuleViolation, match="đã có quyết định"):
        services.remove_item(scene.council, session.items[0])


def test_proposals_need_a_decider(scene):
    with pytest.raises(RuleViolation):
        scene.open_session(actor=scene.member)


def test_a_deferred_item_comes_back_in_the_next_session_until_decided_otherwise(scene):
    rec = scene.rec(HELD_ON + timedelta(days=200))  # not overdue: only the deferral brings it back
    first = scene.open_session()
    services.add_items(scene.council, first, [rec.id])
    decide(scene.council, first.items[0], Decision.DEFER, "Chờ ý kiến Sở Nội vụ", version=first.items[0].version)
    db.session.commit()
    second = scene.open_session(held_on=HELD_ON + timedelta(days=30))
    assert agenda(second) == [(rec.id, ItemReason.DEFERRED, None)]
    decide(scene.council, second.items[0], Decision.EXTEND, "Gia hạn", HELD_ON + timedelta(days=300),
           version=second.items[0].version)
    db.session.commit()
    assert agenda(scene.open_session(held_on=HELD_ON + timedelta(days=60))) == []


def test_an_item_waiting_in_another_open_session_is_neither_proposed_nor_added(scene):
    rec = scene.overdue(100)
    db.session.commit()
    first = scene.open_session()
    assert agenda(first) == [(rec.id, ItemReason.OVERDUE, 100)]
    second = scene.open_session(held_on=HELD_ON + timedelta(days=1))
    assert agenda(second) == []
    with pytest.raises(RuleViolation, match="đang chờ quyết định trong phiên họp ngày 15/03/2019") as refused:
        services.add_items(scene.council, second, [rec.id])
    assert refused.value.field == "numbers"
