"""Records of the features above that belong to a recommendation (inspection/findings/models.py
RECOMMENDATION_PARTS): the answers' messages, evidence and due-date changes declare themselves, and findings
use them without importing them (tests/test_layers.py)."""

from datetime import date

import pytest

from inspection import audit
from inspection.access import SYSTEM
from inspection.extensions import db
from inspection.findings import services
from inspection.findings.models import RECOMMENDATION_PARTS
from inspection.findings.queries import recommendation_history
from inspection.responses.deadlines import request_extension
from inspection.responses.models import DueDateChange, Evidence, Message
from inspection.rules import RuleViolation
from tests.findings.builders import make_recommendation


def test_the_answers_records_are_the_parts_of_a_recommendation():
    assert set(RECOMMENDATION_PARTS) == {Message, Evidence, DueDateChange}
    for part in RECOMMENDATION_PARTS:
        assert {"recommendation_id", "unit_id"} <= set(part.__table__.columns.keys())


def test_a_unit_that_asked_for_an_extension_stays_responsible(world):
    rec = world.recommendation
    request_extension(world.own_officer, rec, world.own, date(2018, 12, 31), "Chờ kinh phí")
    db.session.flush()
    values = services.recommendation_values(rec) | {"responsible_units": [world.foreign]}
    with pytest.raises(RuleViolation, match="đơn vị đã trả lời"):
        services.update_recommendation(world.member, rec, version=rec.version, **values)
    assert [share.unit.code for share in rec.responsibilities] == ["KG"]


def _message_with_an_entry(world, rec, action: str) -> None:
    message = Message(recommendation_id=rec.id, author_id=world.own_officer.id, unit_id=world.own.id, body="Đã nhận")
    db.session.add(message)
    db.session.flush()
    audit.record(SYSTEM, action, message, "Ẩn nội dung trao đổi")


def test_the_history_of_a_recommendation_includes_the_entries_of_its_own_parts(world):
    _message_with_an_entry(world, world.recommendation, "message.redact")
    _message_with_an_entry(world, make_recommendation(world.finding), "message.redact_elsewhere")
    actions = [entry.action for entry in recommendation_history(world.recommendation)]
    assert "message.redact" in actions and "message.redact_elsewhere" not in actions
