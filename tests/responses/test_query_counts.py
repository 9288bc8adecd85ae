"""The to-do page, the response panel and what waits on the inspectors run the same number of queries
with 10 and with 60 items."""

import itertools
from datetime import timedelta

import pytest

from inspection.extensions import db
from inspection.files.models import StoredFile
from inspection.findings.models import FollowUpAction, UnitStatus
from inspection.responses.models import DueDateChange, Evidence, ExtensionStatus, Message
from inspection.responses.panel import panel_context, waiting_on_inspector
from inspection.responses.todo import todo_context
from inspection.timeutil import today_vn, utcnow
from tests.factories import make_unit, make_user
from tests.responses.builders import Scene, make_recommendation

_names = itertools.count(1)


def _file() -> StoredFile:
    number = next(_names)
    stored = StoredFile(original_name=f"minh-chung-{number}.pdf", stored_name=f"q{number:08d}.pdf", sha256="a" * 64,
                        size=2048, content_type="application/pdf")
    db.session.add(stored)
    return stored


def _conversation(scene: Scene, recommendation, count: int) -> None:
    """`count` unit messages each with a versioned evidence file, team replies, extension requests and actions,
    spoken by different people so that authors cannot all come from one cached row."""
    share = recommendation.responsibilities[0]
    for number in range(count):
        author = make_user(scene.officer.role, units=[scene.unit]) if number % 3 else scene.officer
        message = Message(recommendation_id=recommendation.id, author_id=author.id, unit_id=scene.unit.id,
                          body=f"Tin nhắn {number}")
        db.session.add(message)
        db.session.add(Evidence(recommendation_id=recommendation.id, message=message, unit_id=scene.unit.id,
                                evidence_key=f"k{number % (count // 2)}", version=number // (count // 2) + 1,
                                title="Minh chứng", file=_file(), uploaded_by_id=author.id))
        db.session.add(Message(recommendation_id=recommendation.id, author_id=scene.inspector.id,
                               body=f"Trả lời {number}"))
        db.session.add(DueDateChange(recommendation_id=recommendation.id, unit_id=scene.unit.id,
                                     previous_due=recommendation.current_due, reason="Lý do",
                                     requested_due=recommendation.current_due + timedelta(days=number + 1),
                                     requested_by_id=author.id, status=ExtensionStatus.REFUSED,
                                     decided_by_id=scene.inspector.id, decided_at=utcnow(), decision_note="Không"))
        db.session.add(FollowUpAction(responsibility=share, what=f"Biện pháp {number}", progress=number % 100))
    db.session.commit()


@pytest.mark.parametrize("viewer", ["officer", "inspector"])
def test_the_panel_runs_a_fixed_number_of_queries(app, count_queries, viewer):
    counts = []
    for size in (10, 60):
        scene = Scene()
        _conversation(scene, scene.recommendation, size)
        user = getattr(scene, viewer)
        db.session.expire_all()
        with app.test_request_context(), count_queries() as counter:
            context = panel_context(scene.recommendation, user)
        assert len(context["response_panel"].messages) == 2 * size
        counts.append(counter.count)
    assert counts[0] == counts[1], counts
    # Ceiling = the panel's fixed query budget (measured 16 on SQLite, plus a small margin).
    assert max(counts) <= 18, counts


def test_the_recommendation_page_runs_a_fixed_number_of_queries(app, login, count_queries):
    counts = []
    for size in (10, 60):
        scene = Scene()
        _conversation(scene, scene.recommendation, size)
        client = login(scene.officer)
        with count_queries() as counter:
            page = client.get(f"/recommendations/{scene.recommendation.id}")
        assert page.status_code == 200 and f"Tin nhắn {size - 1}" in page.get_data(as_text=True)
        counts.append(counter.count)
    assert counts[0] == counts[1], counts
    # Ceiling = the page's fixed query budget (measured 25 on SQLite, plus a small margin).
    assert max(counts) <= 27, counts


def _officer_with_items(size: int):
    """An officer of a unit (and a sub-unit) with `size` open items over several missions, some overdue,
    some due soon, some reported done, with team messages and extension requests."""
    scene = Scene()
    child = make_unit(parent=scene.unit)
    today = today_vn()
    for number in range(size):
        unit = child if number % 4 == 0 else scene.unit
        recommendation = make_recommendation([unit], due=today + timedelta(days=number * 3 - size))
        share = recommendation.responsibilities[0]
        share.status = list(UnitStatus)[number % 3]
        db.session.add(Message(recommendation_id=recommendation.id, author_id=scene.inspector.id, body="Bổ sung"))
        db.session.add(DueDateChange(recommendation_id=recommendation.id, unit_id=unit.id, reason="Lý do",
                                     previous_due=recommendation.current_due, requested_by_id=scene.officer.id,
                                     requested_due=recommendation.current_due + timedelta(days=30),
                                     status=list(ExtensionStatus)[number % 4]))
    db.session.commit()
    return scene


def test_the_todo_page_runs_a_fixed_number_of_queries(app, login, count_queries):
    counts = []
    for size in (10, 60):
        scene = _officer_with_items(size)
        client = login(scene.officer)
        with count_queries() as counter:
            page = client.get("/todo").get_data(as_text=True)
        assert "Quá hạn" in page and "Sắp đến hạn" in page and "Đoàn kiểm tra đề nghị bổ sung" in page
        counts.append(counter.count)
    assert counts[0] == counts[1], counts
    # Ceiling = the page's fixed query budget (measured 11 on SQLite, plus a small margin).
    assert max(counts) <= 13, counts


def test_todo_context_lists_every_open_item_in_order(app, count_queries):
    counts = []
    for size in (10, 60):
        scene = _officer_with_items(size)
        db.session.expire_all()
        with app.test_request_context(), count_queries() as counter:
            todo = todo_context(scene.officer)["todo"]
        assert todo.total == size + 1  # and the scene's own recommendation
        overdue = [item.days_overdue for item in todo.section("qua-han").items]
        assert overdue == sorted(overdue, reverse=True) and all(days > 0 for days in overdue)
        assert all(0 <= item.days_left <= 14 for item in todo.section("sap-den-han").items)
        counts.append(counter.count)
    assert counts[0] == counts[1], counts
    # Ceiling = the to-do context's fixed query budget (measured 10 on SQLite, plus a small margin).
    assert max(counts) <= 12, counts


def _mission_with_waiting_items(size: int) -> Scene:
    scene = Scene()
    for number in range(size):
        recommendation = make_recommendation([scene.unit], mission=scene.mission)
        share = recommendation.responsibilities[0]
        share.status, share.reported_done_at = UnitStatus.REPORTED_DONE, utcnow()
        db.session.add(DueDateChange(recommendation_id=recommendation.id, unit_id=scene.unit.id, reason="Lý do",
                                     previous_due=recommendation.current_due, requested_by_id=scene.officer.id,
                                     requested_due=recommendation.current_due + timedelta(days=30)))
        author = make_user(scene.officer.role, units=[scene.unit])
        db.session.add(Message(recommendation_id=recommendation.id, author_id=author.id, unit_id=scene.unit.id,
                               body=f"Đơn vị hỏi {number}"))
    db.session.commit()
    return scene


def test_waiting_on_inspector_runs_a_fixed_number_of_queries(app, count_queries):
    counts = []
    for size in (10, 60):
        scene = _mission_with_waiting_items(size)
        db.session.expire_all()
        with app.test_request_context(), count_queries() as counter:
            waiting = waiting_on_inspector(scene.mission, scene.inspector)["waiting_on_inspector"]
            for share in waiting.to_verify:
                assert share.unit.name and share.recommendation.text
            for change in waiting.pending:
                assert change.unit.name and change.recommendation.text
        assert (len(waiting.to_verify), len(waiting.pending), len(waiting.unanswered)) == (size, size, size)
        counts.append(counter.count)
    assert counts[0] == counts[1], counts
    # Ceiling = the query's fixed query budget (measured 11 on SQLite, plus a small margin).
    assert max(counts) <= 13, counts


def test_the_workspace_shows_what_waits_on_the_team(app, login):
    scene = _mission_with_waiting_items(3)
    page = login(scene.inspector).get(f"/missions/{scene.mission.id}").get_data(as_text=True)
    assert "Việc chờ đoàn kiểm tra" in page and "Đơn vị báo cáo hoàn thành, cần xác minh" in page
    assert "Đề nghị gia hạn chờ quyết định" in page and "Trao đổi của đơn vị chưa được trả lời" in page
    assert waiting_on_inspector(scene.mission, scene.officer) == {"waiting_on_inspector": None}
    assert waiting_on_inspector(scene.mission, scene.outsider) == {"waiting_on_inspector": None}
    assert waiting_on_inspector(scene.mission, scene.council)["waiting_on_inspector"].total == 9
