"""Lists of issue #14 that moved from an EXISTS tested on every row to sets looked up by index, or to pages: the
register of a unit's subtree and a unit officer's register count each recommendation once, exactly the ones
with a share in scope (or, for the officer, a finding of theirs); the clusters and blocks of a year come a page
at a time with their member counts and leaders, in a fixed number of queries."""

import re

from sqlalchemy import func, select

from inspection.auth.models import Role
from inspection.extensions import db
from inspection.findings.models import Recommendation, Responsibility
from inspection.groups.models import MemberRole
from inspection.units.models import UnitKind
from tests.factories import make_group, make_unit
from tests.findings.builders import make_finding, make_mission, make_recommendation


def _total(page: str) -> int:
    return int(re.search(r'data-total="(\d+)"', page).group(1))


def _world():
    province = make_unit("UBND tỉnh Thử", code="TT", kind=UnitKind.PROVINCE)
    department = make_unit("Sở Thử", code="TT-S1", parent=province)
    commune = make_unit("UBND xã Thử", code="TT-S1-X1", parent=department)
    other = make_unit("UBND tỉnh Khác", code="KH", kind=UnitKind.PROVINCE)
    mission = make_mission([department, other])
    inside = make_finding(mission, department)
    outside = make_finding(mission, other)
    make_recommendation(inside, [department, commune])  # two shares in the subtree: once
    make_recommendation(outside, [commune])  # a share in the subtree, the finding outside
    make_recommendation(inside, [other])  # the finding inside, the share outside
    make_recommendation(outside, [other])
    db.session.commit()
    return province, department, other


def test_the_register_of_a_subtree_counts_each_recommendation_with_a_share_in_it_once(app, client_as):
    province, _department, other = _world()
    client = client_as(Role.COUNCIL)
    assert _total(client.get("/recommendations/?subtree=TT").get_data(as_text=True)) == 2
    assert _total(client.get("/recommendations/?subtree=KH").get_data(as_text=True)) == 2
    assert _total(client.get("/recommendations/?responsible=TT-S1-X1").get_data(as_text=True)) == 2
    shares = select(func.count(func.distinct(Responsibility.recommendation_id))).where(
        Responsibility.unit_id != other.id)
    assert db.session.scalar(shares) == 2


def test_a_unit_officer_sees_recommendations_with_a_share_or_a_finding_of_theirs(app, client_as):
    province, department, other = _world()
    officer = client_as(Role.UNIT_OFFICER, units=[department])
    assert _total(officer.get("/recommendations/").get_data(as_text=True)) == 3  # two shares, one finding
    assert _total(client_as(Role.UNIT_OFFICER, units=[other]).get("/recommendations/").get_data(as_text=True)) == 3
    assert db.session.scalar(select(func.count()).select_from(Recommendation)) == 4


def _groups(count: int, year: int = 2024):
    leader, member = make_unit("Sở Trưởng", code=f"TR{count}"), make_unit("Sở Viên", code=f"VI{count}")
    for number in range(count):
        make_group(year=year, name=f"Khối {count}-{number:02d}",
                   members=[(leader, MemberRole.LEADER), (member, MemberRole.MEMBER)][:1 + number % 2])
    db.session.commit()


def _names(page: str) -> list[str]:
    return re.findall(r'href="/groups/\d+">([^<]+)</a>', page)


def test_the_groups_of_a_year_come_a_page_at_a_time_with_their_counts_and_leaders(app, client_as):
    app.config.update(PAGE_SIZE=4)
    _groups(10)
    _groups(3, year=2023)
    client = client_as(Role.COUNCIL)
    pages = [client.get(f"/groups/?year=2024&page={n}").get_data(as_text=True) for n in (1, 2, 3)]
    assert [name for page in pages for name in _names(page)] == [f"Khối 10-{n:02d}" for n in range(10)]
    assert 'href="/groups/?year=2024&amp;page=2"' in pages[0]  # the year stays in the page links
    rows = re.findall(r'<td>Sở Trưởng</td><td class="text-end">(\d+)</td>', pages[0])
    assert rows == ["1", "2", "1", "2"]
    assert client.get("/groups/?year=2024&page=4").status_code == 404


def test_the_groups_page_runs_a_fixed_number_of_queries(app, client_as, count_queries):
    app.config.update(PAGE_SIZE=50)
    client = client_as(Role.COUNCIL)
    counts = []
    for count, year in ((3, 2021), (40, 2022)):
        _groups(count, year=year)
        with count_queries() as counter:
            assert len(_names(client.get(f"/groups/?year={year}").get_data(as_text=True))) == count
        counts.append(counter.count)
    assert counts[0] == counts[1] and max(counts) <= 11, counts
