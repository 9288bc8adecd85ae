"""A mission's records through its pages: self-reports, working sessions, their files, and plans."""

import io

import pytest
from sqlalchemy import func, select

from inspection.auth.models import Role
from inspection.extensions import db
from inspection.missions.models import SelfReport, WorkingSession
from tests.factories import make_user
from tests.missions.builders import PDF_BYTES, add_self_report, add_session, mission_form, text_of


def test_unit_officer_sends_their_own_self_report(app, login, world):
    officer = make_user(Role.UNIT_OFFICER, units=[world["own"]])
    db.session.commit()
    client = login(officer)
    mission_id = world["mission"].id
    response = client.post(f"/missions/{mission_id}/self-reports/new", content_type="multipart/form-data", data={
        "unit_id": str(world["own"].id), "ref": "280/BC-UBND", "report_date": "30/11/2017",
        "subject": "Báo cáo tự kiểm tra công tác TĐKT", "file": (io.BytesIO(PDF_BYTES), "280-BC-UBND.pdf")})
    assert response.status_code == 302
    page = text_of(client.get(f"/missions/{mission_id}"))
    assert "280/BC-UBND" in page and "30/11/2017" in page and "280-BC-UBND.pdf" in page
    report = db.session.scalar(select(SelfReport))
    download = client.get(f"/missions/self-reports/{report.id}/file")
    assert download.status_code == 200 and download.data == PDF_BYTES
    assert "attachment" in download.headers["Content-Disposition"]
    foreign = client.post(f"/missions/{mission_id}/self-reports/new", data={
        "unit_id": str(world["foreign"].id), "ref": "1/BC-UBND", "report_date": "30/11/2017"})
    assert "Đơn vị báo cáo: Lựa chọn không hợp lệ." in text_of(foreign)
    assert db.session.scalar(select(func.count(SelfReport.id))) == 1


@pytest.mark.parametrize(("fields", "message"), [
    ({"ref": "28O/BC-UBND"}, "Số, ký hiệu báo cáo: Phần số “28O” chỉ được gồm các chữ số 0–9"),
    ({"report_date": "31/02/2017"}, "Ngày báo cáo: “31/02/2017” không phải ngày hợp lệ"),
    ({"file": (io.BytesIO(b"MZ\x90\x00 a program"), "bao-cao.pdf")},
     "Tệp báo cáo: Tệp “bao-cao.pdf” không phải PDF, Word, Excel hay ảnh"),
])
def test_bad_self_report_input_is_refused_on_its_field(app, login, world, fields, message):
    client = login(world["head"])
    data = {"unit_id": str(world["own"].id), "ref": "280/BC-UBND", "report_date": "30/11/2017"} | fields
    response = client.post(f"/missions/{world['mission'].id}/self-reports/new", data=data,
                           content_type="multipart/form-data")
    assert response.status_code == 200 and message in text_of(response)
    assert db.session.scalar(select(func.count(SelfReport.id))) == 0


def test_files_are_served_only_to_who_may_see_the_mission(app, login, client_as, world):
    report = add_self_report(world["mission"], world["own"], app=app, with_file=True)
    db.session.commit()
    officer_elsewhere = make_user(Role.UNIT_OFFICER, units=[world["foreign"]])
    db.session.commit()
    assert login(officer_elsewhere).get(f"/missions/self-reports/{report.id}/file").status_code == 403
    assert client_as(Role.COUNCIL).get(f"/missions/self-reports/{report.id}/file").status_code == 200


def test_member_logs_a_session_with_attachments_and_sees_its_history(app, login, world):
    client = login(world["head"])
    mission_id = world["mission"].id
    response = client.post(f"/missions/{mission_id}/sessions/new", content_type="multipart/form-data", data={
        "held_on": "04/11/2017", "unit_id": str(world["own"].id), "place": "Trụ sở UBND tỉnh",
        "team_participants": "Ông Lại Xuân Môn", "unit_participants": "Ông Mai Văn Huỳnh, Phó Chủ tịch UBND tỉnh",
        "content": "Nghe báo cáo 280/BC-UBND", "minutes_ref": "01/BB-ĐKT", "minutes_date": "04/11/2017",
        "files": [(io.BytesIO(PDF_BYTES), "Biên bản.pdf"), (io.BytesIO(PDF_BYTES), "Danh sách.pdf")]})
    assert response.status_code == 302
    page = text_of(client.get(response.headers["Location"]))
    assert "Buổi làm việc ngày 04/11/2017" in page and "Ông Mai Văn Huỳnh, Phó Chủ tịch UBND tỉnh" in page
    assert "Biên bản.pdf" in page and "Danh sách.pdf" in page and "01/BB-ĐKT ngày 04/11/2017" in page
    assert "Ghi buổi làm việc ngày 04/11/2017" in page and "Đính kèm 2 tệp vào buổi làm việc" in page
    session = db.session.scalar(select(WorkingSession))
    stored = session.files[0]
    assert client.get(f"/missions/sessions/{session.id}/files/{stored.id}").data == PDF_BYTES
    workspace = text_of(client.get(f"/missions/{mission_id}"))
    assert "Ghi buổi làm việc ngày 04/11/2017" in workspace  # the mission's history includes its sessions


def test_a_session_with_a_disguised_file_or_early_minutes_saves_nothing(app, login, world):
    client = login(world["head"])
    data = {"held_on": "04/11/2017", "unit_id": str(world["own"].id), "minutes_date": "03/11/2017"}
    early = text_of(client.post(f"/missions/{world['mission'].id}/sessions/new", data=data))
    assert "Ngày biên bản: Ngày biên bản không thể trước ngày làm việc." in early
    disguised = client.post(f"/missions/{world['mission'].id}/sessions/new", content_type="multipart/form-data",
                            data={"held_on": "04/11/2017", "unit_id": str(world["own"].id),
                                  "files": [(io.BytesIO(b"<html>not a pdf</html>"), "bien-ban.pdf")]})
    assert "Tệp đính kèm: Tệp “bien-ban.pdf” không phải PDF" in text_of(disguised)
    assert db.session.scalar(select(func.count(WorkingSession.id))) == 0


def test_plans_are_listed_by_year_and_show_their_missions(app, login, world):
    client = login(world["head"])
    response = client.post("/plans/new", data={"ref": "64/KH-HĐTĐKT", "issued_on": "14/09/2017", "year": "2017",
                                               "title": "Kế hoạch kiểm tra công tác TĐKT năm 2017",
                                               "content_areas": "Lãnh đạo, chỉ đạo\nTổ chức phong trào",
                                               "unit_codes": "KG, AG"})
    assert response.status_code == 302
    plan_path = response.headers["Location"]
    plan_id = int(plan_path.rsplit("/", 1)[1])
    client.post("/missions/new", data=mission_form(title="Đoàn theo kế hoạch 64", plan_id=str(plan_id)))
    listing = text_of(client.get("/plans/?year=2017"))
    assert "64/KH-HĐTĐKT" in listing and "14/09/2017" in listing
    page = text_of(client.get(plan_path))
    assert "Đoàn theo kế hoạch 64" in page and "UBND tỉnh An Giang" in page and "Thêm kế hoạch kiểm tra" in page
    bad = text_of(client.post(f"/plans/{plan_id}/edit", data={"ref": "64/KH-HDTDKT x", "year": "2017", "title": "X",
                                                            "issued_on": "31/02/2017", "unit_codes": "ZZ1"}))
    assert "Ngày ban hành: “31/02/2017” không phải ngày hợp lệ" in bad
    assert "Đơn vị được kiểm tra (mã): Không có đơn vị mang mã: ZZ1" in bad


def test_editing_a_session_keeps_its_files_and_adds_new_ones(app, login, world):
    session = add_session(world["mission"], world["own"])
    db.session.commit()
    client = login(world["head"])
    path = f"/missions/sessions/{session.id}/edit"
    data = {"held_on": "04/11/2017", "unit_id": str(world["own"].id), "place": "Hội trường UBND tỉnh",
            "version": str(session.version)}
    assert client.post(path, data=data, content_type="multipart/form-data").status_code == 302
    with_file = data | {"files": [(io.BytesIO(PDF_BYTES), "Phụ lục.pdf")], "version": str(session.version + 1)}
    assert client.post(path, data=with_file, content_type="multipart/form-data").status_code == 302
    page = text_of(client.get(f"/missions/sessions/{session.id}"))
    assert "Hội trường UBND tỉnh" in page and "Phụ lục.pdf" in page
    assert "Sửa buổi làm việc ngày 04/11/2017" in page and "Đính kèm 1 tệp vào buổi làm việc" in page
    assert client_for_outsider(app, login).get(path).status_code == 403


def client_for_outsider(app, login):
    outsider = make_user(Role.INSPECTOR)
    db.session.commit()
    return login(outsider)
