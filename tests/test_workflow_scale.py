"""The pages people work from run the same number of queries with 10 and with 500 recommendations:
the unit's to-do page, the mission workspace and the recommendation register (issue: inspection workflow)."""

from datetime import date

import pytest

from inspection.extensions import db
from inspection.findings.models import FollowUpAction, UnitStatus
from inspection.responses.models import Message
from tests.findings.builders import make_finding, make_recommendation, make_session, make_world


def _grow(world, count: int) -> None:
    """`count` recommendations on the mission, in findings of five, with actions, progress and messages."""
    session = make_session(world.mission)
    finding = None
    for index in range(count):
        if index % 5 == 0:
            finding = make_finding(world.mission, world.own)
            finding.session = session
        due = date(2018, 6, 30) if index % 2 else date(2030, 6, 30)  # half overdue
        rec = make_recommendation(finding, [world.own], due=due)
        share = rec.responsibilities[0]
        share.status = UnitStatus.IN_PROGRESS if index % 3 else UnitStatus.NOT_STARTED
        share.actions.append(FollowUpAction(what=f"Biện pháp {index}", progress=index % 100))
        db.session.add(Message(recommendation_id=rec.id, author_id=world.member.id, body=f"Đề nghị bổ sung {index}"))
    db.session.commit()


def _count(count_queries, client, path: str) -> int:
    client.get(path)  # the first request warms the login and the app's caches
    with count_queries() as counter:
        assert client.get(path).status_code == 200
    return counter.count


@pytest.mark.parametrize("page", ["todo", "workspace", "register"])
def test_pages_run_the_same_queries_with_10_and_500_recommendations(app, login, count_queries, page):
    world = make_world()
    db.session.commit()
    viewer = {"todo": world.own_officer, "workspace": world.member, "register": world.council}[page]
    path = {"todo": "/todo", "workspace": f"/missions/{world.mission.id}", "register": "/recommendations/"}[page]
    client = login(viewer)
    _grow(world, 9)
    small = _count(count_queries, client, path)
    _grow(world, 490)
    large = _count(count_queries, client, path)
    assert large == small
    # Ceiling = the page's fixed query budget (measured 11, 16 and 12 on SQLite, plus a small margin; the
    # workspace's 16 include the one of its date warnings, inspection/missions/date_warnings.py).
    assert large <= {"todo": 13, "workspace": 17, "register": 14}[page]
