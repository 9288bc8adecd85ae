"""The response endpoints for each role, against an own and a foreign unit's recommendation."""

import io
import os
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from inspection.extensions import db
from inspection.files.models import StoredFile
from inspection.findings.models import UnitStatus
from inspection.responses import services
from inspection.responses.models import DueDateChange, Evidence, ExtensionStatus, Message
from inspection.timeutil import today_vn
from tests.responses.builders import PDF_BYTES, Scene, make_recommendation, pdf


@pytest.fixture
def scene(app):
    scene = Scene(due=date(2030, 6, 30))
    db.session.commit()
    return scene


def _flashes(client) -> list[tuple[str, str]]:
    with client.session_transaction() as session:
        return list(session.get("_flashes", []))


def _page(scene) -> str:
    return f"/recommendations/{scene.recommendation.id}"


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_the_unit_officer_answers_with_files(scene, login):
    client = login(scene.officer)
    response = client.post(f"{_page(scene)}/messages", content_type="multipart/form-data", data={
        "msg-body": "Đã ban hành Kế hoạch số 12/KH-UBND.",
        "msg-files": [(io.BytesIO(PDF_BYTES), "Kế hoạch 12.pdf"), (io.BytesIO(PDF_BYTES), "Phụ lục.pdf")]})
    assert response.status_code == 302
    assert response.headers["Location"].startswith(_page(scene) + "#tin-")
    assert ("success", "Đã gửi trao đổi kèm 2 tệp minh chứng.") in _flashes(client)
    message = db.session.scalars(select(Message)).one()
    assert message.unit_id == scene.unit.id and len(message.evidence) == 2


def test_a_disguised_file_is_refused_with_the_field_named_and_nothing_saved(scene, login, app):
    client = login(scene.officer)
    response = client.post(f"{_page(scene)}/messages", content_type="multipart/form-data", data={
        "msg-body": "Gửi biên bản.",
        "msg-files": [(io.BytesIO(PDF_BYTES), "Tốt.pdf"), (io.BytesIO(b"MZ\x90\x00program"), "bien-ban.pdf")]})
    assert response.status_code == 302 and response.headers["Location"].startswith(_page(scene))
    category, text = _flashes(client)[0]
    assert category == "danger" and text.startswith("Tệp minh chứng") and "không phải PDF, Word, Excel hay ảnh" in text
    assert (_count(Message), _count(Evidence), _count(StoredFile)) == (0, 0, 0)
    folder = app.config["FILES_FOLDER"]
    assert not os.path.isdir(folder) or os.listdir(folder) == []


def test_a_foreign_unit_officer_is_refused_everywhere(scene, login):
    client = login(scene.foreign_officer)
    page = _page(scene)
    change = services.request_extension(scene.officer, scene.recommendation, scene.unit, date(2030, 9, 30), "Lý do")
    db.session.commit()
    for path, data in [(f"{page}/messages", {"msg-body": "x"}), (f"{page}/progress", {"responsibility_id": "1"}),
                       (f"{page}/actions", {"act-what": "x"}), (f"{page}/extensions", {"ext-reason": "x"}),
                       (f"/extensions/{change.id}/withdraw", {}), (f"/extensions/{change.id}/decision", {})]:
        assert client.post(path, data=data).status_code == 403, path
    assert _count(Message) == 0


def test_an_inspector_outside_the_mission_cannot_decide_but_the_council_can(scene, login, client_as):
    change = services.request_extension(scene.officer, scene.recommendation, scene.unit, date(2030, 9, 30), "Lý do")
    db.session.commit()
    decision = {f"dec{change.id}-decision": "approve", f"dec{change.id}-note": "Đồng ý", "confirmed": "1"}
    assert login(scene.outsider).post(f"/extensions/{change.id}/decision", data=decision).status_code == 403
    assert login(scene.officer).post(f"/extensions/{change.id}/decision", data=decision).status_code == 403
    response = login(scene.council).post(f"/extensions/{change.id}/decision", data=decision)
    assert response.status_code == 302
    db.session.expire_all()
    assert scene.recommendation.current_due == date(2030, 9, 30)
    assert scene.recommendation.original_due == date(2030, 6, 30)
    assert db.session.get(DueDateChange, change.id).status == ExtensionStatus.APPROVED


def test_a_member_refuses_and_the_due_date_stays(scene, login):
    change = services.request_extension(scene.officer, scene.recommendation, scene.unit, date(2030, 9, 30), "Lý do")
    db.session.commit()
    client = login(scene.inspector)
    response = client.post(f"/extensions/{change.id}/decision",
                           data={f"dec{change.id}-decision": "refuse", "confirmed": "1"})
    assert response.status_code == 302
    assert ("danger", "Ý kiến, lý do: hãy nêu lý do không chấp thuận.") in _flashes(client)
    client.post(f"/extensions/{change.id}/decision", data={f"dec{change.id}-decision": "refuse",
                                                           f"dec{change.id}-note": "Chưa đủ căn cứ", "confirmed": "1"})
    db.session.expire_all()
    assert db.session.get(DueDateChange, change.id).status == ExtensionStatus.REFUSED
    assert scene.recommendation.current_due == date(2030, 6, 30)


def test_an_extension_request_names_the_field_when_refused(scene, login):
    client = login(scene.officer)
    response = client.post(f"{_page(scene)}/extensions", data={"ext-requested_due": "30/06/2030",
                                                                "ext-reason": "Chờ hướng dẫn"})
    assert response.status_code == 302
    assert ("danger", "Ngày đề nghị gia hạn: phải sau hạn hiện tại 30/06/2030.") in _flashes(client)
    client.post(f"{_page(scene)}/extensions", data={"ext-requested_due": "31/13/2030", "ext-reason": "x"})
    assert any("không phải ngày hợp lệ" in text for _, text in _flashes(client))
    assert _count(DueDateChange) == 0
    client.post(f"{_page(scene)}/extensions", data={"ext-requested_due": "30/09/2030", "ext-reason": "Chờ hướng dẫn"})
    client.post(f"{_page(scene)}/extensions", data={"ext-requested_due": "31/10/2030", "ext-reason": "Lần hai"})
    assert any("đang chờ quyết định" in text for _, text in _flashes(client))
    assert _count(DueDateChange) == 1


def test_the_unit_reports_progress_and_adds_actions(scene, login):
    client = login(scene.officer)
    share = scene.share
    response = client.post(f"{_page(scene)}/progress", data={"responsibility_id": share.id,
                                                              f"pr{share.id}-status": "reported_done",
                                                              f"pr{share.id}-note": "Đã hoàn thành."})
    assert response.status_code == 302
    client.post(f"{_page(scene)}/actions", data={"act-what": "Tập huấn cán bộ", "act-due": "01/06/2030",
                                                 "act-progress": "40"})
    db.session.expire_all()
    assert db.session.get(type(share), share.id).status == UnitStatus.REPORTED_DONE
    action = db.session.get(type(share), share.id).actions[0]
    assert (action.what, action.due, action.progress) == ("Tập huấn cán bộ", date(2030, 6, 1), 40)
    client.post(f"{_page(scene)}/actions/{action.id}", data={f"act{action.id}-what": "Tập huấn cán bộ",
                                                             f"act{action.id}-progress": "101"})
    assert ("danger", "Tiến độ (%): phải từ 0 đến 100.") in _flashes(client)
    client.post(f"{_page(scene)}/actions/{action.id}", data={f"act{action.id}-what": "Tập huấn cán bộ",
                                                             f"act{action.id}-progress": "100",
                                                             f"act{action.id}-version": str(action.version)})
    db.session.expire_all()
    assert db.session.get(type(action), action.id).progress == 100


def test_inspectors_cannot_report_for_the_unit(scene, login):
    client = login(scene.inspector)
    response = client.post(f"{_page(scene)}/progress", data={"responsibility_id": scene.share.id,
                                                             f"pr{scene.share.id}-status": "reported_done"})
    assert response.status_code == 403


def test_downloads_only_for_viewers(scene, login, app):
    services.post_message(scene.officer, scene.recommendation, "Minh chứng", files=[pdf("Báo cáo 280.pdf")],
                          folder=app.config["FILES_FOLDER"], max_bytes=1024)
    db.session.commit()
    evidence = db.session.scalars(select(Evidence)).one()
    path = f"/evidence/{evidence.id}/download"
    response = login(scene.officer).get(path)
    assert response.status_code == 200 and response.data == PDF_BYTES
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "B%C3%A1o%20c%C3%A1o%20280.pdf" in response.headers["Content-Disposition"]
    assert login(scene.inspector).get(path).status_code == 200
    assert login(scene.foreign_officer).get(path).status_code == 403
    assert login(scene.officer).get("/evidence/987654/download").status_code == 404
    os.remove(os.path.join(app.config["FILES_FOLDER"], evidence.file.stored_name))
    missing = login(scene.officer).get(path)
    assert missing.status_code == 404 and "Không tìm thấy" in missing.get_data(as_text=True)


def test_the_todo_page_is_the_unit_officers(scene, login, client_as):
    assert login(scene.officer).get("/todo").status_code == 200
    assert login(scene.inspector).get("/todo").status_code == 403
    home = login(scene.officer).get("/").get_data(as_text=True)
    assert "Việc cần làm" in home and scene.recommendation.text in home


def test_the_nav_offers_the_todo_page_to_unit_officers_only(scene, login):
    assert 'href="/todo"' in login(scene.officer).get("/").get_data(as_text=True)
    assert 'href="/todo"' not in login(scene.inspector).get("/").get_data(as_text=True)


def test_the_overdue_item_comes_first_with_what_waits_on_the_unit(app, login):
    scene = Scene(due=today_vn() - timedelta(days=10))
    soon = make_recommendation([scene.unit], mission=scene.mission, due=today_vn() + timedelta(days=5),
                               text="Kiến nghị sắp đến hạn")
    services.post_message(scene.inspector, soon, "Đề nghị bổ sung danh sách khen thưởng.")
    db.session.commit()
    page = login(scene.officer).get("/todo").get_data(as_text=True)
    assert page.index(scene.recommendation.text) < page.index("Kiến nghị sắp đến hạn")
    assert "Quá hạn 10 ngày" in page and "Còn 5 ngày" in page
    assert "Đoàn kiểm tra đề nghị bổ sung" in page and "Chưa báo cáo tiến độ" in page
