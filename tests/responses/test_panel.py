"""The response panel on the recommendation page, as each role sees it."""

import re
from datetime import date

import pytest

from inspection.extensions import db
from inspection.findings.models import UnitStatus
from inspection.responses import services
from tests.responses.builders import Scene, make_recommendation, pdf


@pytest.fixture
def scene(app):
    scene = Scene(due=date(2030, 6, 30))
    db.session.commit()
    return scene


def _page(login, user, scene) -> str:
    response = login(user).get(f"/recommendations/{scene.recommendation.id}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _files(app) -> dict:
    return {"folder": app.config["FILES_FOLDER"], "max_bytes": 1024}


def test_the_unit_officer_gets_the_unit_forms_with_only_the_allowed_statuses(scene, login):
    page = _page(login, scene.officer, scene)
    for action in ("messages", "progress", "actions", "extensions"):
        assert f'action="/recommendations/{scene.recommendation.id}/{action}"' in page, action
    assert 'enctype="multipart/form-data"' in page
    progress_select = re.search(r'<select[^>]*name="pr\d+-status".*?</select>', page, re.S).group(0)
    values = re.findall(r'<option[^>]*value="(\w+)"', progress_select)
    # the current status first, to send a note only; then the moves the transition table allows
    assert values == ["not_started", "in_progress", "reported_done"]
    assert "Giữ nguyên: Chưa thực hiện (chỉ gửi ghi chú)" in progress_select


def test_after_reporting_done_a_note_keeps_the_report_and_going_back_is_explicit(scene, login):
    services.report_progress(scene.officer, scene.share, UnitStatus.REPORTED_DONE)
    db.session.commit()
    page = _page(login, scene.officer, scene)
    progress_select = re.search(r'<select[^>]*name="pr\d+-status".*?</select>', page, re.S).group(0)
    assert re.findall(r'<option[^>]*value="(\w+)"', progress_select) == ["reported_done", "in_progress"]
    services.report_progress(scene.officer, scene.share, UnitStatus.REPORTED_DONE, "Gửi thêm biên bản.")
    assert scene.share.status == UnitStatus.REPORTED_DONE


def test_the_conversation_shows_authors_units_times_and_files(scene, login, app):
    services.post_message(scene.officer, scene.recommendation, "Đã ban hành kế hoạch.", files=[pdf("Kế hoạch.pdf")],
                          **_files(app))
    services.post_message(scene.inspector, scene.recommendation, "Đề nghị gửi bản có chữ ký.")
    db.session.commit()
    page = _page(login, scene.council, scene)
    first, second = page.index("Đã ban hành kế hoạch."), page.index("Đề nghị gửi bản có chữ ký.")
    assert first < second
    assert "Trần Thị Đầu Mối" in page and "Lại Xuân Môn" in page and "Sở Văn hóa và Thể thao" in page
    assert re.search(r"\d\d/\d\d/\d{4} \d\d:\d\d", page)
    assert "/evidence/" in page and "Kế hoạch.pdf" in page and "phiên bản 1" in page


def test_evidence_lists_every_version_newest_first(scene, login, app):
    message = services.post_message(scene.officer, scene.recommendation, "Bản đầu.", files=[pdf("Bản 1.pdf")],
                                    **_files(app))
    services.add_evidence_version(scene.officer, message.evidence[0].evidence_key, scene.recommendation,
                                  pdf("Bản 2.pdf"), **_files(app))
    db.session.commit()
    page = _page(login, scene.officer, scene)
    evidence_section = page[page.index('id="minh-chung"'):]
    rows = evidence_section[evidence_section.index("<tbody>"):]
    assert rows.index("Bản 2.pdf") < rows.index("Bản 1.pdf")
    assert "2 phiên bản" in evidence_section and message.evidence[0].file.sha256[:12] in evidence_section
    assert f"/evidence/{message.evidence[0].evidence_key}/versions" in evidence_section


def test_the_extension_history_keeps_the_original_due_date_and_every_decision(scene, login):
    change = services.request_extension(scene.officer, scene.recommendation, scene.unit, date(2030, 9, 30),
                                        "Chờ ý kiến Trung ương")
    db.session.commit()
    member_page = _page(login, scene.inspector, scene)
    assert f'action="/extensions/{change.id}/decision"' in member_page
    assert f'action="/extensions/{change.id}/decision"' not in _page(login, scene.outsider, scene)
    assert f'action="/extensions/{change.id}/withdraw"' in _page(login, scene.officer, scene)
    services.decide_extension(scene.inspector, change, approve=True, note="Đồng ý gia hạn",
                              granted_due=date(2030, 8, 31))
    db.session.commit()
    page = _page(login, scene.officer, scene)
    history = page[page.index('id="han-thuc-hien"'):page.index('id="trao-doi"')]
    assert "30/06/2030" in history and "31/08/2030" in history and "đề nghị 30/09/2030" in history
    assert "Chờ ý kiến Trung ương" in history and "Đồng ý gia hạn" in history
    assert "Trần Thị Đầu Mối" in history and "Lại Xuân Môn" in history and "Đã chấp thuận" in history


def test_viewers_who_cannot_answer_or_decide_get_no_forms(scene, login):
    page = _page(login, scene.outsider, scene)
    assert "Phản hồi của đơn vị và trao đổi" in page
    assert f"/recommendations/{scene.recommendation.id}/messages" not in page
    assert f"/recommendations/{scene.recommendation.id}/progress" not in page


def test_a_refused_form_comes_back_filled_in_with_the_message_beside_the_field(scene, login):
    client = login(scene.officer)
    client.post(f"/recommendations/{scene.recommendation.id}/extensions",
                data={"ext-requested_due": "01/05/2030", "ext-reason": "Chờ hướng dẫn của Bộ Nội vụ"})
    page = client.get(f"/recommendations/{scene.recommendation.id}").get_data(as_text=True)
    assert 'value="01/05/2030"' in page and "Chờ hướng dẫn của Bộ Nội vụ</textarea>" in page
    beside_field = re.search(r'id="ext-requested_due-error">(.*?)</div>', page, re.S)
    assert "Ngày đề nghị gia hạn: phải sau hạn hiện tại 30/06/2030." in beside_field.group(1)
    again = client.get(f"/recommendations/{scene.recommendation.id}").get_data(as_text=True)
    assert "Chờ hướng dẫn của Bộ Nội vụ" not in again


def test_a_refused_form_is_not_refilled_on_another_recommendation(scene, login):
    other = make_recommendation([scene.unit], mission=scene.mission)
    db.session.commit()
    client = login(scene.officer)
    client.post(f"/recommendations/{scene.recommendation.id}/extensions",
                data={"ext-requested_due": "01/05/2030", "ext-reason": "Chờ hướng dẫn của Bộ Nội vụ"})
    page = client.get(f"/recommendations/{other.id}").get_data(as_text=True)
    assert "Chờ hướng dẫn của Bộ Nội vụ" not in page and 'value="01/05/2030"' not in page
