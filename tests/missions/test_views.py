"""Mission pages as each role sees them, and what bad input gets back."""

from datetime import date

import pytest
from sqlalchemy import func, select

from inspection.auth.models import Role
from inspection.extensions import db
from inspection.missions.models import Mission, MissionMember, MissionStatus, TeamRole
from tests.factories import make_group, make_user
from tests.missions.builders import add_session, make_mission, mission_form, text_of


def test_inspector_creates_a_mission_and_becomes_its_member(app, login, world):
    creator = make_user(Role.INSPECTOR, full_name="Nguyễn Văn Thanh")
    db.session.commit()
    client = login(creator)
    response = client.post("/missions/new", data=mission_form(title="Đoàn giám sát 2018", kind="supervision"))
    assert response.status_code == 302
    mission = db.session.scalar(select(Mission).where(Mission.title == "Đoàn giám sát 2018"))
    page = text_of(client.get(response.headers["Location"]))
    assert "Đoàn giám sát 2018" in page and "Trưởng đoàn:</strong> Nguyễn Văn Thanh" in page
    assert "Đưa vào kế hoạch" in page and "Bắt đầu kiểm tra" not in page
    assert ">Ghi buổi làm việc</a>" in page and ">Sửa thông tin</a>" in page
    assert "Thành lập đoàn: Đoàn giám sát 2018" in page
    assert db.session.scalar(select(MissionMember.user_id).where(MissionMember.mission_id == mission.id)) == creator.id


def test_a_cross_inspection_finds_its_group_by_name_in_the_missions_year(app, login, world):
    group = make_group(year=2017, name="Cụm thi đua số V", members=[(world["own"], "leader")])
    make_group(year=2018, name="Cụm thi đua số V")
    db.session.commit()
    client = login(world["head"])
    response = client.post("/missions/new", data=mission_form(kind="cross", group_name="cụm thi đua số v"))
    assert response.status_code == 302
    page = text_of(client.get(response.headers["Location"]))
    assert "Cụm thi đua số V</a> (2017)" in page
    chosen = client.post("/missions/new", data=mission_form(kind="cross", group_id=str(group.id), title="Chéo"))
    assert "Cụm thi đua số V</a> (2017)" in text_of(client.get(chosen.headers["Location"]))
    missing = text_of(client.post("/missions/new", data=mission_form(kind="cross", group_name="Khối 9")))
    assert "Không có cụm, khối thi đua tên “Khối 9” năm 2017." in missing


@pytest.mark.parametrize(("overrides", "message"), [
    ({"decision_date": "31/02/2017"}, "Ngày quyết định: “31/02/2017” không phải ngày hợp lệ"),
    ({"decision_ref": "28O/BC-UBND"}, "Số, ký hiệu quyết định thành lập đoàn: Phần số “28O”"),
    ({"unit_codes": "KG, XX999"}, "Đơn vị được kiểm tra (mã): Không có đơn vị mang mã: XX999"),
    ({"unit_codes": ""}, "Đơn vị được kiểm tra (mã): Nhập ít nhất một mã đơn vị được kiểm tra."),
    ({"period_from": "05/11/2017", "period_to": "06/11/2016"},
     "Thời kỳ kiểm tra đến ngày: Thời kỳ kiểm tra: ngày kết thúc phải sau ngày bắt đầu."),
    ({"planned_end": "01/10/2017"}, "Ngày kết thúc dự kiến: Ngày kết thúc dự kiến phải sau ngày bắt đầu dự kiến."),
    ({"kind": "cross"}, "Cụm, khối thi đua: Kiểm tra chéo cần chọn cụm, khối thi đua."),
])
def test_bad_mission_input_names_the_field_and_saves_nothing(app, login, world, overrides, message):
    client = login(world["head"])
    response = client.post("/missions/new", data=mission_form(**overrides))
    assert response.status_code == 200
    assert message in text_of(response)
    assert db.session.scalar(select(func.count(Mission.id))) == 2


def test_a_member_edits_and_a_stale_form_gets_a_conflict(app, login, world):
    mission = world["mission"]
    colleague = make_user(Role.INSPECTOR)
    db.session.add(MissionMember(mission_id=mission.id, user_id=colleague.id, role=TeamRole.MEMBER))
    db.session.commit()
    first, second = login(world["head"]), login(colleague)
    assert 'name="version" type="hidden" value="1"' in text_of(first.get(f"/missions/{mission.id}/edit"))
    saved = second.post(f"/missions/{mission.id}/edit", data=mission_form(title="Đoàn đã sửa", version="1"))
    assert saved.status_code == 302
    stale = first.post(f"/missions/{mission.id}/edit", data=mission_form(title="Đoàn sửa lần hai", version="1"))
    page = text_of(stale)
    assert "Bản ghi đã được người khác sửa sau khi bạn mở biểu mẫu" in page
    assert "<td>Tên đoàn</td><td>Đoàn đã sửa</td><td>Đoàn sửa lần hai</td>" in page
    assert 'name="version" type="hidden" value="2"' in page  # a deliberate second save may go through
    db.session.expire_all()
    assert db.session.get(Mission, mission.id).title == "Đoàn đã sửa"


def test_a_non_member_inspector_views_but_cannot_change(app, client_as, world):
    client = client_as(Role.INSPECTOR)
    mission_id = world["mission"].id
    page = text_of(client.get(f"/missions/{mission_id}"))
    assert "Đoàn kiểm tra Kiên Giang 2017" in page and "Sửa thông tin" not in page
    for path in (f"/missions/{mission_id}/edit", f"/missions/{mission_id}/members",
                 f"/missions/{mission_id}/sessions/new", f"/missions/{mission_id}/self-reports/new"):
        assert client.get(path).status_code == 403, path
    assert client.post(f"/missions/{mission_id}/status", data={"target": "planned"}).status_code == 403
    assert client.post(f"/missions/{mission_id}/members", data={"outsider_name": "X"}).status_code == 403
    member_id = world["mission"].members[0].id
    assert client.post(f"/missions/{mission_id}/members/{member_id}/remove").status_code == 403


@pytest.mark.parametrize("role", [Role.COUNCIL, Role.ADMIN])
def test_council_and_admin_see_every_mission(app, client_as, world, role):
    client = client_as(role)
    listing = text_of(client.get("/missions/"))
    assert "Đoàn kiểm tra Kiên Giang 2017" in listing and "Đoàn kiểm tra An Giang 2017" in listing
    assert client.get(f"/missions/{world['other'].id}").status_code == 200
    assert client.get("/plans/").status_code == 200


def test_unit_officer_sees_only_missions_of_own_units_read_only(app, login, world):
    officer = make_user(Role.UNIT_OFFICER, units=[world["own"]])
    session = add_session(world["mission"], world["own"])
    db.session.commit()
    client = login(officer)
    listing = text_of(client.get("/missions/"))
    assert "Đoàn kiểm tra Kiên Giang 2017" in listing and "Đoàn kiểm tra An Giang 2017" not in listing
    page = text_of(client.get(f"/missions/{world['mission'].id}"))
    assert "Gửi báo cáo tự kiểm tra" in page
    assert "Sửa thông tin" not in page and ">Ghi buổi làm việc</a>" not in page and "Đưa vào kế hoạch" not in page
    assert client.get(f"/missions/{world['other'].id}").status_code == 403
    assert client.get(f"/missions/sessions/{session.id}").status_code == 200
    assert client.get(f"/missions/{world['mission'].id}/edit").status_code == 403
    assert client.get("/plans/").status_code == 403


def test_status_buttons_follow_the_table_and_illegal_moves_are_refused(app, login, world):
    client = login(world["head"])
    mission_id = world["mission"].id
    assert client.post(f"/missions/{mission_id}/status", data={"target": "planned"}).status_code == 302
    page = text_of(client.get(f"/missions/{mission_id}"))
    assert "Bắt đầu kiểm tra" in page and "Trả về dự thảo" in page and "Kết luận…" not in page
    refused = client.post(f"/missions/{mission_id}/status", data={"target": "closed", "confirmed": "1"})
    assert refused.status_code == 400
    assert "Không thể chuyển trạng thái từ “Đã lên kế hoạch” sang “Đã kết thúc”." in text_of(refused)
    client.post(f"/missions/{mission_id}/status", data={"target": "in_progress"})
    bad = client.post(f"/missions/{mission_id}/status", data={"target": "concluded", "conclusion_ref": "15/TB-HĐTĐKT",
                                                              "conclusion_date": "31/02/2017"})
    assert "Ngày thông báo kết luận: “31/02/2017” không phải ngày hợp lệ" in text_of(bad)
    done = client.post(f"/missions/{mission_id}/status", data={"target": "concluded", "conclusion_ref": "15/TB-HĐTĐKT",
                                                               "conclusion_date": "15/12/2017"})
    assert done.status_code == 302
    page = text_of(client.get(f"/missions/{mission_id}"))
    assert "15/TB-HĐTĐKT ngày 15/12/2017" in page and "Kết thúc đoàn kiểm tra</button>" in page
    db.session.expire_all()
    assert db.session.get(Mission, mission_id).status == MissionStatus.CONCLUDED
    assert client.post(f"/missions/{mission_id}/status", data={"target": "in_progress"}).status_code == 302
    reopened = text_of(client.get(f"/missions/{mission_id}"))
    assert "Mở lại" not in reopened and 'value="15/TB-HĐTĐKT"' in reopened  # concluding again starts from it


def test_members_page_adds_users_and_outsiders_and_keeps_one_head(app, login, world):
    colleague = make_user(Role.COUNCIL, username="thuky", full_name="Phạm Thị Thư")
    db.session.commit()
    client = login(world["head"])
    path = f"/missions/{world['mission'].id}/members"
    assert client.post(path, data={"username": "thuky", "role": "secretary"}).status_code == 302
    assert client.post(path, data={"outsider_name": "Nguyễn Thị Hạnh", "position": "Phó Trưởng Ban",
                                   "role": "deputy"}).status_code == 302
    refused = text_of(client.post(path, data={"outsider_name": "Trần Văn C", "role": "head"}))
    assert "Vai trò trong đoàn: Đoàn đã có trưởng đoàn (Lại Xuân Môn)" in refused
    unknown = text_of(client.post(path, data={"username": "khongco", "role": "member"}))
    assert "Tên đăng nhập (người dùng của cổng): Không có tài khoản “khongco”." in unknown
    page = text_of(client.get(path))
    assert "Phạm Thị Thư" in page and "Nguyễn Thị Hạnh" in page and "Phó Trưởng Ban" in page
    db.session.expire_all()
    outsider = db.session.scalar(select(MissionMember).where(MissionMember.outsider_name == "Nguyễn Thị Hạnh"))
    assert client.post(f"{path}/{outsider.id}/remove", data={"confirmed": "1"}).status_code == 302
    assert "Bỏ Nguyễn Thị Hạnh khỏi đoàn" in text_of(client.get(f"/missions/{world['mission'].id}"))
    assert colleague.id in {m.user_id for m in db.session.get(Mission, world["mission"].id).members}


def test_missing_records_are_404(app, login, world):
    client = login(world["head"])
    for path in ("/missions/999999", "/missions/999999/edit", "/missions/999999/members",
                 "/missions/999999/sessions/new", "/missions/999999/self-reports/new", "/missions/sessions/999999",
                 "/missions/sessions/999999/edit", "/missions/self-reports/999999/file", "/plans/999999",
                 "/plans/999999/edit", f"/missions/{world['mission'].id}/members/999999/remove"):
        method = client.post if path.endswith("/remove") else client.get
        expected = 302 if path.endswith("/remove") else 404
        assert method(path).status_code == expected, path
    assert client.post("/missions/999999/status", data={"target": "planned"}).status_code == 404


def test_filters_of_the_mission_list(app, login, world):
    make_mission([world["own"]], title="Đoàn năm 2019", planned_start=date(2019, 5, 1), planned_end=date(2019, 5, 9))
    db.session.commit()
    client = login(world["head"])
    by_year = text_of(client.get("/missions/?year=2019"))
    assert "Đoàn năm 2019" in by_year and "Đoàn kiểm tra Kiên Giang 2017" not in by_year
    mine = text_of(client.get("/missions/?mine=1"))
    assert "Đoàn kiểm tra Kiên Giang 2017" in mine and "Đoàn kiểm tra An Giang 2017" not in mine
    assert "Đoàn năm 2019" not in text_of(client.get("/missions/?status=planned"))
    assert "Đoàn năm 2019" not in text_of(client.get("/missions/?kind=supervision"))
