"""The session page, the minutes and the list run the same number of queries with few and many items."""

from datetime import date, timedelta

from inspection.council.decisions import decide
from inspection.council.models import Decision
from inspection.extensions import db
from tests.council.builders import HELD_ON, ask_extension


def _counts(count_queries, client, path: str) -> int:
    client.get(path)  # warm up: the login, caches of the app
    with count_queries() as counter:
        assert client.get(path).status_code == 200
    return counter.count


def _session_with(scene, count: int):
    """`count` items of every kind: waiting requests, joint units, extended, re-inspected, pending."""
    for index in range(count):
        rec = scene.overdue(40 + index, units=[scene.unit, scene.other] if index % 2 else [scene.unit])
        if index % 3 == 0:
            ask_extension(scene, rec, HELD_ON + timedelta(days=90))
    db.session.commit()
    session = scene.open_session()
    for index, item in enumerate(session.items):
        if index % 4 == 1:
            decide(scene.council, item, Decision.EXTEND, "Gia hạn", date(2020, 6, 30), version=item.version)
        elif index % 4 == 2:
            decide(scene.council, item, Decision.REINSPECT, "Kiểm tra lại", version=item.version)
    db.session.commit()
    return session


def test_the_session_page_and_minutes_run_a_fixed_number_of_queries(scene, login, count_queries):
    council, inspector = login(scene.council), login(scene.member)
    few, many = _session_with(scene, 4), _session_with(scene, 16)
    for client in (council, inspector):
        for page in ("", "/minutes"):
            small = _counts(count_queries, client, f"/council/sessions/{few.id}{page}")
            large = _counts(count_queries, client, f"/council/sessions/{many.id}{page}")
            assert small == large, (page, small, large)
            # Ceiling = the page's fixed query budget (measured 16 and 12 on SQLite, plus a small margin).
            assert large <= 18, (page, large)


def test_the_list_runs_a_fixed_number_of_queries(scene, login, count_queries):
    client = login(scene.council)
    _session_with(scene, 2)
    few = _counts(count_queries, client, "/council/sessions/")
    for _ in range(5):
        _session_with(scene, 3)
    assert _counts(count_queries, client, "/council/sessions/") == few
    # Ceiling = the page's fixed query budget (measured 5 on SQLite, plus a small margin).
    assert few <= 6
