"""Emulation clusters and blocks by year, with leader, deputy and members."""

from sqlalchemy import select

from inspection.auth.models import Role
from inspection.extensions import db
from inspection.groups.models import EmulationGroup, GroupMember
from inspection.units.models import UnitKind
from tests.factories import make_group, make_unit


def test_admin_creates_a_block_and_assigns_roles(app, client_as):
    health = make_unit("Sở Y tế", code="SYT")
    education = make_unit("Sở Giáo dục và Đào tạo", code="SGDDT")
    db.session.commit()
    client = client_as(Role.ADMIN)
    response = client.post("/groups/new", data={"kind": "block", "name": "Khối Văn hóa – Xã hội", "year": "2017"})
    group = db.session.scalar(select(EmulationGroup))
    assert response.headers["Location"] == f"/groups/{group.id}"
    client.post(f"/groups/{group.id}/members", data={"unit_code": "SYT", "role": "leader"})
    client.post(f"/groups/{group.id}/members", data={"unit_code": "SGDDT", "role": "deputy"})
    page = client.get(f"/groups/{group.id}").get_data(as_text=True)
    assert "Khối thi đua · Năm thi đua 2017" in page
    roles = {m.unit_id: m.role for m in db.session.scalars(select(GroupMember))}
    assert roles == {health.id: "leader", education.id: "deputy"}


def test_second_leader_is_refused_with_a_clear_message(app, client_as):
    first = make_unit("UBND huyện Giồng Riềng", code="GR", kind=UnitKind.DISTRICT)
    make_unit("UBND huyện Gò Quao", code="GQ", kind=UnitKind.DISTRICT)
    group = make_group(kind="cluster", name="Cụm thi đua số 2", members=[(first, "leader")])
    db.session.commit()
    response = client_as(Role.ADMIN).post(f"/groups/{group.id}/members", data={"unit_code": "GQ", "role": "leader"})
    assert response.status_code == 400
    assert "Cụm thi đua số 2 đã có cụm trưởng: UBND huyện Giồng Riềng." in response.get_data(as_text=True)
    assert len(db.session.scalars(select(GroupMember)).all()) == 1


def test_same_name_twice_in_a_year_is_refused_but_allowed_next_year(app, client_as):
    make_group(kind="block", year=2017, name="Khối Kinh tế")
    db.session.commit()
    client = client_as(Role.ADMIN)
    again = client.post("/groups/new", data={"kind": "block", "name": "Khối Kinh tế", "year": "2017"})
    assert "Năm 2017 đã có Khối Kinh tế." in again.get_data(as_text=True)
    assert client.post("/groups/new", data={"kind": "block", "name": "Khối Kinh tế", "year": "2018"}).status_code == 302


def test_year_filter_and_leader_column(app, client_as):
    leader = make_unit("Sở Nội vụ")
    make_group(year=2017, name="Khối Nội chính", members=[(leader, "leader")])
    make_group(year=2026, name="Khối Tổng hợp 2026")
    db.session.commit()
    client = client_as(Role.COUNCIL)
    page_2017 = client.get("/groups/?year=2017").get_data(as_text=True)
    assert "Khối Nội chính" in page_2017 and "Sở Nội vụ" in page_2017 and "Khối Tổng hợp 2026" not in page_2017
    assert "Khối Tổng hợp 2026" in client.get("/groups/").get_data(as_text=True)  # newest year first


def test_unit_officer_sees_only_groups_of_own_units(app, client_as):
    own, other = make_unit("Đơn vị của tôi"), make_unit("Đơn vị khác")
    mine = make_group(name="Khối có tôi", members=[(own, "member")])
    theirs = make_group(name="Khối không có tôi", members=[(other, "member")])
    db.session.commit()
    client = client_as(Role.UNIT_OFFICER, units=[own])
    page = client.get("/groups/?year=2017").get_data(as_text=True)
    assert "Khối có tôi" in page and "Khối không có tôi" not in page
    assert client.get(f"/groups/{mine.id}").status_code == 200
    assert client.get(f"/groups/{theirs.id}").status_code == 403


def test_group_list_query_count_does_not_grow(app, client_as, count_queries):
    client = client_as(Role.COUNCIL)
    make_group(members=[(make_unit(), "leader")])
    db.session.commit()
    with count_queries() as few:
        client.get("/groups/?year=2017")
    for _ in range(10):
        make_group(members=[(make_unit(), "leader"), (make_unit(), "member")])
    db.session.commit()
    with count_queries() as many:
        client.get("/groups/?year=2017")
    assert many.count == few.count
    # Ceiling = the page's fixed query budget (measured 7 on SQLite, plus a small margin).
    assert many.count <= 8


def test_membership_respects_the_units_lifetime_and_one_group_a_year(app, client_as):
    from datetime import date

    ended = make_unit("UBND thành phố Rạch Giá", code="RG", valid_to=date(2025, 6, 30))
    zone = make_unit("UBND đặc khu Phú Quốc", code="PQ")
    first = make_group(kind="cluster", year=2026, name="Cụm các đặc khu", members=[(zone, "member")])
    second = make_group(kind="cluster", year=2026, name="Cụm ven biển")
    db.session.commit()
    client = client_as(Role.ADMIN)
    gone = client.post(f"/groups/{second.id}/members", data={"unit_code": "RG", "role": "leader"})
    assert "UBND thành phố Rạch Giá không hoạt động trong năm 2026." in gone.get_data(as_text=True)
    twice = client.post(f"/groups/{second.id}/members", data={"unit_code": "PQ", "role": "member"})
    assert f"UBND đặc khu Phú Quốc đã thuộc {first.name} năm 2026." in twice.get_data(as_text=True)
    assert ended.id and len(db.session.scalars(select(GroupMember)).all()) == 1


def test_a_year_that_is_not_a_number_says_so(app, client_as):
    page = client_as(Role.ADMIN).post("/groups/new", data={"kind": "block", "name": "Khối A", "year": "20x6"})
    assert "Năm thi đua: Không phải số nguyên hợp lệ." in page.get_data(as_text=True)
