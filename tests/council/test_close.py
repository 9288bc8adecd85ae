"""Closing a session: only with no item pending (the message says how many), once, and read-only after."""

from datetime import timedelta

import pytest

from inspection.audit import history_of
from inspection.council import services
from inspection.council.decisions import decide
from inspection.council.models import Decision, SessionStatus
from inspection.documents.refs import parse_ref
from inspection.extensions import db
from inspection.rules import EditConflict, RuleViolation
from tests.council.builders import HELD_ON


@pytest.fixture
def session(scene):
    scene.overdue(90)
    scene.overdue(60)
    scene.overdue(45)
    db.session.commit()
    return scene.open_session()


def test_a_session_with_pending_items_cannot_close_and_says_how_many(scene, session):
    decide(scene.council, session.items[0], Decision.DEFER, "Chờ báo cáo", version=session.items[0].version)
    db.session.commit()
    with pytest.raises(RuleViolation, match="Còn 2 kiến nghị chưa có quyết định"):
        services.close_session(scene.council, session, minutes_ref=None, conclusion=None, version=session.version)
    db.session.rollback()
    assert session.status == SessionStatus.OPEN


def test_closing_records_the_minutes_number_and_conclusion(scene, session):
    for item in session.items:
        decide(scene.council, item, Decision.DEFER, "Chờ báo cáo", version=item.version)
    services.close_session(scene.council, session, minutes_ref=parse_ref("05/BB-HĐTĐKT"),
                           conclusion="  Giao Sở Nội vụ theo dõi.  ", version=session.version)
    db.session.commit()
    assert session.status == SessionStatus.CLOSED and session.closed_at is not None
    assert str(session.minutes_ref) == "05/BB-HĐTĐKT" and session.conclusion == "Giao Sở Nội vụ theo dõi."
    assert history_of(session)[0].action == "council.close"


def test_removing_the_pending_items_lets_a_session_close(scene, session):
    decide(scene.council, session.items[0], Decision.DEFER, "Chờ báo cáo", version=session.items[0].version)
    for item in list(session.items[1:]):
        services.remove_item(scene.council, item)
    services.close_session(scene.council, session, minutes_ref=None, conclusion=None, version=session.version)
    db.session.commit()
    assert session.status == SessionStatus.CLOSED


def test_a_closed_session_is_read_only(scene, session):
    for item in session.items[:2]:
        decide(scene.council, item, Decision.DEFER, "Chờ báo cáo", version=item.version)
    services.remove_item(scene.council, session.items[2])
    services.close_session(scene.council, session, minutes_ref=None, conclusion=None, version=session.version)
    db.session.commit()
    other = scene.rec(HELD_ON + timedelta(days=10))
    db.session.commit()
    attempts = [lambda: services.close_session(scene.council, session, minutes_ref=None, conclusion=None,
                                               version=session.version),
                lambda: services.add_items(scene.council, session, [other.id]),
                lambda: services.remove_item(scene.council, session.items[0])]
    for attempt in attempts:
        with pytest.raises(RuleViolation, match="Phiên họp đã kết thúc"):
            attempt()


def test_a_stale_close_form_is_refused(scene, session):
    for item in session.items:
        decide(scene.council, item, Decision.DEFER, "Chờ báo cáo", version=item.version)
    with pytest.raises(EditConflict):
        services.close_session(scene.council, session, minutes_ref=None, conclusion="Kết luận",
                               version=session.version + 1)


def test_only_deciders_close(scene, session):
    with pytest.raises(RuleViolation, match="Chỉ Hội đồng"):
        services.close_session(scene.member, session, minutes_ref=None, conclusion=None, version=session.version)
