"""Unit pages as each role sees them."""

from datetime import date

from sqlalchemy import func, select

from inspection.access import SYSTEM
from inspection.auth.models import Role
from inspection.extensions import db
from inspection.units import services
from inspection.units.models import Unit, UnitEvent, UnitKind
from tests.factories import make_group, make_unit


def test_unit_officer_sees_only_own_units_and_their_subtree(app, client_as):
    own = make_unit("UBND huyện Kiên Lương", kind=UnitKind.DISTRICT)
    commune = make_unit("UBND xã Bình An", kind=UnitKind.COMMUNE, parent=own)
    foreign = make_unit("UBND huyện Hòn Đất", kind=UnitKind.DISTRICT)
    client = client_as(Role.UNIT_OFFICER, units=[own])
    listing = client.get("/units/").get_data(as_text=True)
    assert "UBND huyện Kiên Lương" in listing and "UBND xã Bình An" in listing
    assert "UBND huyện Hòn Đất" not in listing
    assert client.get(f"/units/{commune.id}").status_code == 200
    assert client.get(f"/units/{foreign.id}").status_code == 403
    assert client.get("/units/987654").status_code == 404


def test_inspector_sees_every_unit_but_cannot_edit(app, client_as):
    unit = make_unit("Sở Tư pháp")
    client = client_as(Role.INSPECTOR)
    assert "Sở Tư pháp" in client.get("/units/").get_data(as_text=True)
    assert client.get(f"/units/{unit.id}/edit").status_code == 403
    assert client.post(f"/units/{unit.id}/events/new", data={}).status_code == 403


def test_list_filters_by_name_kind_and_status(app, client_as):
    make_unit("UBND xã Hòn Nghệ", kind=UnitKind.COMMUNE)
    make_unit("Sở Xây dựng", kind=UnitKind.DEPARTMENT)
    make_unit("UBND huyện Giang Thành", kind=UnitKind.DISTRICT, valid_to=date(2025, 6, 30))
    client = client_as(Role.COUNCIL)
    by_kind = client.get("/units/?kind=commune").get_data(as_text=True)
    assert "Hòn Nghệ" in by_kind and "Sở Xây dựng" not in by_kind
    assert "Sở Xây dựng" in client.get("/units/?q=X%C3%A2y").get_data(as_text=True)
    current = client.get("/units/").get_data(as_text=True)
    former = client.get("/units/?scope=former").get_data(as_text=True)
    assert "Giang Thành" not in current and "Giang Thành" in former
    assert "Hoạt động đến hết 30/06/2025" in former


def test_unit_list_runs_a_fixed_number_of_queries(app, client_as, count_queries):
    client = client_as(Role.COUNCIL)
    parent = make_unit("Tỉnh")
    for _ in range(3):
        make_unit(parent=parent)
    db.session.commit()
    with count_queries() as few:
        client.get("/units/")
    for _ in range(20):
        make_unit(parent=parent)
    db.session.commit()
    with count_queries() as many:
        client.get("/units/")
    assert many.count == few.count
    # Ceiling = the page's fixed query budget (measured 7 on SQLite, plus a small margin).
    assert many.count <= 8


def test_unit_page_shows_history_with_names_of_the_time(app, client_as):
    district = make_unit("UBND huyện Phú Quốc", kind=UnitKind.DISTRICT)
    services.rename_unit(SYSTEM, district, "UBND thành phố Phú Quốc", date(2021, 2, 1), None)
    zone = make_unit("UBND đặc khu Phú Quốc", kind=UnitKind.COMMUNE, valid_from=date(2025, 7, 1))
    from inspection.documents.refs import parse_ref

    services.dissolve_unit(SYSTEM, district, date(2025, 7, 1), parse_ref("72/2025/QH15"), [zone])
    make_group(kind="cluster", year=2017, name="Cụm thi đua số 1", members=[(district, "leader")])
    db.session.commit()
    page = client_as(Role.INSPECTOR).get(f"/units/{district.id}").get_data(as_text=True)
    assert "01/02/2021 · Đổi tên" in page
    assert "Từ “UBND huyện Phú Quốc” thành “UBND thành phố Phú Quốc”" in page
    assert "01/07/2025 · Giải thể" in page and "72/2025/QH15" in page
    assert "Đơn vị kế thừa hiện nay" in page and "UBND đặc khu Phú Quốc" in page
    assert "2017: " in page and "Cụm thi đua số 1" in page and "Cụm trưởng" in page
    group_page = client_as(Role.INSPECTOR).get("/groups/?year=2017").get_data(as_text=True)
    assert "Cụm thi đua số 1" in group_page


def test_admin_records_a_rename_through_the_form(app, client_as):
    unit = make_unit("Sở Kế hoạch và Đầu tư")
    db.session.commit()
    client = client_as(Role.ADMIN)
    response = client.post(f"/units/{unit.id}/events/new", data={
        "kind": "rename", "effective_date": "01/03/2025", "legal_basis": "Số: 115/QĐ-UBND",
        "new_name": "Sở Tài chính"})
    assert response.status_code == 302
    db.session.expire_all()
    assert unit.name == "Sở Tài chính" and unit.name_on(date(2025, 2, 28)) == "Sở Kế hoạch và Đầu tư"
    event = db.session.scalar(select(UnitEvent))
    assert str(event.legal_basis) == "115/QĐ-UBND"


def test_bad_input_is_refused_with_messages_naming_the_field(app, client_as):
    unit = make_unit("Sở Y tế")
    db.session.commit()
    client = client_as(Role.ADMIN)
    response = client.post(f"/units/{unit.id}/events/new", data={
        "kind": "dissolve", "effective_date": "31/02/2025", "legal_basis": "28O/BC-UBND"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Ngày có hiệu lực: “31/02/2025” không phải ngày hợp lệ" in page
    assert "Căn cứ pháp lý (số, ký hiệu văn bản): " in page and "28O" in page
    assert 'value="28O/BC-UBND"' in page  # what the user typed is kept
    db.session.expire_all()
    assert unit.valid_to is None and db.session.scalar(select(func.count()).select_from(UnitEvent)) == 0


def test_admin_creates_a_unit_with_its_establishment(app, client_as):
    parent = make_unit("UBND tỉnh An Giang", code="AG", kind=UnitKind.PROVINCE)
    old = make_unit("UBND xã Hòn Nghệ", code="HN", kind=UnitKind.COMMUNE)
    db.session.commit()
    client = client_as(Role.ADMIN)
    response = client.post("/units/new", data={
        "code": "AG-X-HN", "name": "UBND xã Hòn Nghệ (mới)", "kind": "commune", "parent_code": "AG",
        "valid_from": "01/07/2025", "legal_basis": "1654/NQ-UBTVQH15", "predecessor_codes": "HN"})
    assert response.status_code == 302
    unit = db.session.scalar(select(Unit).where(Unit.code == "AG-X-HN"))
    assert unit.parent_id == parent.id and unit.valid_from == date(2025, 7, 1)
    event = db.session.scalar(select(UnitEvent))
    assert event.kind == "establish" and [u.id for u in event.units_in("predecessor")] == [old.id]


def test_unknown_unit_codes_are_named(app, client_as):
    client = client_as(Role.ADMIN)
    page = client.post("/units/new", data={"code": "N1", "name": "Sở mới", "kind": "department",
                                           "parent_code": "KHONG-CO"}).get_data(as_text=True)
    assert "Không có đơn vị mang mã: KHONG-CO" in page
    assert db.session.scalar(select(func.count()).select_from(Unit)) == 0


def test_duplicate_code_is_refused(app, client_as):
    make_unit(code="SNV")
    db.session.commit()
    page = client_as(Role.ADMIN).post("/units/new", data={"code": "SNV", "name": "Sở Nội vụ", "kind": "department"})
    assert "Mã đơn vị “SNV” đã được dùng." in page.get_data(as_text=True)
