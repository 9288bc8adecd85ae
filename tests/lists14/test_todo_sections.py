"""The to-do page's sections, placed and cut by the database (responses/todo.py), equal what a direct reading of
every open share gives: each section's count and its first rows, most urgent first, after random sets of shares
(statuses, due dates, closed recommendations, messages of the team and of the unit); and a province officer with
more items than a section shows sees the counts, the first rows and a register link that lists the rest."""

import re
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from inspection.auth.models import Role
from inspection.extensions import db
from inspection.findings.models import Responsibility, UnitStatus, VerifiedStatus
from inspection.responses import todo as todo_module
from inspection.responses.models import Message
from inspection.responses.todo import DUE_SOON, SECTION_LIMIT, todo_context
from inspection.timeutil import today_vn, utcnow
from inspection.units.models import UnitKind
from tests.factories import make_unit, make_user
from tests.responses.builders import make_mission, make_recommendation

ANCHORS = ("qua-han", "sap-den-han", "con-lai", "cho-xac-minh")

#: (unit: 0 the province, 1 a department, 2 its sub-unit, 3 another province), days from today to the due date
#: (None: none), the unit's status, the recommendation closed, messages as (from the team?, minutes from now)
share = st.tuples(st.integers(0, 3), st.one_of(st.none(), st.integers(-20, 30)), st.sampled_from(list(UnitStatus)),
                  st.booleans(), st.lists(st.tuples(st.booleans(), st.integers(0, 3)), max_size=3))


def _world():
    province = make_unit(kind=UnitKind.PROVINCE)
    department = make_unit(parent=province)
    units = [province, department, make_unit(parent=department), make_unit(kind=UnitKind.PROVINCE)]
    officer = make_user(Role.UNIT_OFFICER, units=[province])
    inspector = make_user(Role.INSPECTOR)
    return units, officer, inspector, make_mission(members=[inspector], units=units)


def _build(units, inspector, mission, shares) -> None:
    today, now = today_vn(), utcnow()
    for unit_index, days, status, closed, messages in shares:
        unit = units[unit_index]
        recommendation = make_recommendation([unit], mission=mission,
                                             due=None if days is None else today + timedelta(days=days))
        if days is None:
            recommendation.current_due = recommendation.original_due = None
        if closed:
            recommendation.verified_status = VerifiedStatus.IMPLEMENTED
        recommendation.responsibilities[0].status = status
        for from_team, minutes in messages:
            db.session.add(Message(recommendation_id=recommendation.id, author_id=inspector.id, body="Trao đổi",
                                   unit_id=None if from_team else unit.id,
                                   created_at=now + timedelta(minutes=minutes)))
    db.session.flush()


def _direct(units, limit: int) -> dict[str, tuple[int, list[int]]]:
    """Section → (count, ids of its first `limit` shares), from every open share of the officer's subtree."""
    today, placed = today_vn(), {anchor: [] for anchor in ANCHORS}
    subtree = [unit.id for unit in units[:3]]
    for share in db.session.scalars(select(Responsibility).where(Responsibility.unit_id.in_(subtree))):
        if share.recommendation.verified_status == VerifiedStatus.OPEN:
            placed[_section_of(share, today)].append(share)
    return {anchor: (len(shares), [share.id for share in sorted(shares, key=_urgency)[:limit]])
            for anchor, shares in placed.items()}


def _section_of(share, today: date) -> str:
    messages = list(db.session.scalars(select(Message).where(Message.recommendation_id == share.recommendation_id)))
    team = [m.created_at for m in messages if m.unit_id is None]
    own = [m.created_at for m in messages if m.unit_id == share.unit_id]
    asked = bool(team) and (not own or max(own) < max(team))
    due = share.recommendation.current_due
    if share.status == UnitStatus.REPORTED_DONE and not asked:
        return "cho-xac-minh"
    if due is not None and due < today:
        return "qua-han"
    return "sap-den-han" if due is not None and due <= today + DUE_SOON else "con-lai"


def _urgency(share):
    due = share.recommendation.current_due
    return (due is None, due or date.min, share.id)


def _shown(todo) -> dict[str, tuple[int, list[int]]]:
    return {section.anchor: (section.count, [item.share.id for item in section.items]) for section in todo.sections}


def test_the_sections_equal_a_direct_reading_of_every_open_share(app, monkeypatch):
    units, officer, inspector, mission = _world()
    db.session.commit()
    limit = 3  # a small cut, so that random sets fill sections beyond it
    monkeypatch.setattr(todo_module, "SECTION_LIMIT", limit)

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(shares=st.lists(share, max_size=14))
    def check(shares):
        try:
            _build(units, inspector, mission, shares)
            with app.test_request_context():
                todo = todo_context(officer)["todo"]
            db.session.expire_all()
            assert _shown(todo) == _direct(units, limit)
            assert todo.total == sum(count for count, _ids in _direct(units, limit).values())
        finally:
            db.session.rollback()

    check()


def test_a_province_officer_sees_each_sections_count_first_rows_and_a_link_to_the_rest(login):
    units, officer, inspector, mission = _world()
    today, extra = today_vn(), 4
    for number in range(SECTION_LIMIT + extra):
        unit = units[number % 3]  # the province, its department and the department's sub-unit
        make_recommendation([unit], mission=mission, due=today - timedelta(days=number + 1))
        make_recommendation([unit], mission=mission, due=today + timedelta(days=number % 14))
        make_recommendation([unit], mission=mission, due=today + timedelta(days=20 + number))
        done = make_recommendation([unit], mission=mission)
        # no due date: the register's due-date lists of the other sections do not hold it
        done.current_due = done.original_due = None
        done.responsibilities[0].status = UnitStatus.REPORTED_DONE
    make_recommendation([units[3]], mission=mission, due=today - timedelta(days=1))  # another province's
    db.session.commit()
    client = login(officer)
    page = client.get("/todo").get_data(as_text=True)
    for anchor in ANCHORS:
        section = page[page.index(f'id="{anchor}"'):]
        section = section[:section.index("</section>")]
        assert f">{SECTION_LIMIT + extra}</span>" in section
        assert len(re.findall(r'href="/recommendations/\d+"', section)) == SECTION_LIMIT
        assert f"còn {extra} kiến nghị khác" in section
        link = re.search(r'href="(/recommendations/\?[^"]+)">Xem cả mục', section).group(1)
        register = client.get(link.replace("&amp;", "&")).get_data(as_text=True)
        assert f'data-total="{SECTION_LIMIT + extra}"' in register, anchor
    overdue = page[page.index('id="qua-han"'):page.index('id="sap-den-han"')]
    days = [int(n) for n in re.findall(r"Quá hạn (\d+) ngày", overdue)]
    assert days == list(range(SECTION_LIMIT + extra, extra, -1))
