"""The pages: who may do what, the forms and their messages, stale forms, and the minutes."""

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from inspection.council import services
from inspection.council.decisions import decide
from inspection.council.models import Decision, ReviewItem, ReviewSession, SessionStatus
from inspection.documents.issuer_profiles import IssuerProfile
from inspection.extensions import db
from tests.council.builders import HELD_ON, PARTICIPANTS
from tests.factories import make_unit


@pytest.fixture
def session(scene):
    scene.overdue(90, text="Kiện toàn Hội đồng Thi đua – Khen thưởng các cấp")
    scene.overdue(45, text="Đẩy mạnh tuyên truyền gương người tốt, việc tốt")
    db.session.commit()
    return scene.open_session()


def text_of(response) -> str:
    """The page as a reader sees it: tags removed, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)).split())


def decision_data(item, decision: str, note: str = "", new_due: str = "", version=None) -> dict:
    prefix = f"item{item.id}-"
    return {prefix + "decision": decision, prefix + "note": note, prefix + "new_due": new_due,
            prefix + "version": item.version if version is None else version, "confirmed": "1"}


def test_unit_officers_reach_nothing(scene, session, login):
    client = login(scene.officer)
    item = session.items[0]
    for path in ("/council/sessions/", "/council/sessions/new", f"/council/sessions/{session.id}",
                 f"/council/sessions/{session.id}/minutes"):
        assert client.get(path).status_code == 403, path
    for path in (f"/council/sessions/{session.id}/items/{item.id}/decision", f"/council/sessions/{session.id}/close",
                 f"/council/sessions/{session.id}/items", f"/council/sessions/{session.id}/items/{item.id}/remove"):
        assert client.post(path, data=decision_data(item, "accept")).status_code == 403, path


def test_inspectors_read_but_cannot_decide(scene, session, login):
    client = login(scene.member)
    page = client.get(f"/council/sessions/{session.id}")
    assert page.status_code == 200
    assert "Ghi quyết định" not in page.get_data(as_text=True)
    assert "Chỉ Hội đồng và quản trị hệ thống ghi quyết định" in text_of(page)
    assert client.get(f"/council/sessions/{session.id}/minutes").status_code == 200
    assert client.get("/council/sessions/new").status_code == 403
    item = session.items[0]
    assert client.post(f"/council/sessions/{session.id}/items/{item.id}/decision",
                       data=decision_data(item, "accept")).status_code == 403
    assert db.session.get(ReviewItem, item.id).decision == Decision.PENDING


def test_the_council_opens_a_session_and_sees_the_proposals(scene, login, app):
    scene.overdue(31, text="Báo cáo số liệu theo Biểu 0603")
    db.session.commit()
    client = login(scene.council)
    form = client.get("/council/sessions/new").get_data(as_text=True)
    assert 'value="Phiên họp Hội đồng Thi đua – Khen thưởng tỉnh"' in form
    assert f'value="{app.config["REVIEW_OVERDUE_DAYS"]}"' in form
    response = client.post("/council/sessions/new", data={
        "title": "Phiên họp Hội đồng quý I/2019", "held_on": "15/03/2019", "place": "Phòng họp số 1",
        "chaired_by": "Nguyễn Văn Chủ", "participants": PARTICIPANTS, "overdue_days": "30"})
    assert response.status_code == 302
    page = client.get(response.headers["Location"])
    assert "Đã mở phiên họp. Cổng đề xuất 1 kiến nghị vào chương trình." in text_of(page)
    assert "Báo cáo số liệu theo Biểu 0603" in text_of(page)
    assert "Quá hạn 31 ngày" in text_of(page)


def test_opening_a_session_names_the_fields_at_fault(scene, login):
    client = login(scene.council)
    response = client.post("/council/sessions/new", data={
        "title": "Phiên họp", "held_on": "31/02/2019", "participants": "  \n ", "overdue_days": "-1"})
    page = text_of(response)
    assert "Ngày họp: “31/02/2019” không phải ngày hợp lệ" in page
    assert "Thành phần tham dự:" in page and "Đề xuất kiến nghị quá hạn trên (ngày):" in page
    assert db.session.scalar(select(ReviewSession)) is None


def test_deciding_through_the_page(scene, session, login):
    client = login(scene.council)
    first, second = session.items
    response = client.post(f"/council/sessions/{session.id}/items/{first.id}/decision",
                           data=decision_data(first, "extend", "Chờ kiện toàn bộ máy", "31/12/2019"))
    assert response.status_code == 302 and response.headers["Location"].endswith(f"#item-{first.id}")
    response = client.post(f"/council/sessions/{session.id}/items/{second.id}/decision",
                           data=decision_data(second, "accept"), follow_redirects=True)
    page = text_of(response)
    assert f"Kiến nghị số {second.recommendation.number}: đã ghi quyết định “Chấp nhận kết quả khắc phục”." in page
    assert "Quyết định: Gia hạn đến 31/12/2019" in page
    assert "Ý kiến của Hội đồng: Chờ kiện toàn bộ máy" in page
    db.session.expire_all()
    assert first.recommendation.current_due == date(2019, 12, 31)


def test_a_refused_decision_keeps_the_form_with_its_messages(scene, session, login):
    client = login(scene.council)
    item = session.items[0]
    current = item.recommendation.current_due.strftime("%d/%m/%Y")
    response = client.post(f"/council/sessions/{session.id}/items/{item.id}/decision",
                           data=decision_data(item, "extend", "", current))
    page = text_of(response)
    assert response.status_code == 200
    assert "Ý kiến của Hội đồng: hãy ghi ý kiến, lý do của Hội đồng" in page
    response = client.post(f"/council/sessions/{session.id}/items/{item.id}/decision",
                           data=decision_data(item, "extend", "Chờ bộ máy", current))
    assert f"Gia hạn đến ngày: phải sau hạn hiện tại {current}." in text_of(response)
    assert "data-council-failed" in response.get_data(as_text=True)
    assert db.session.get(ReviewItem, item.id).decision == Decision.PENDING


def test_deciding_twice_says_so(scene, session, login):
    client = login(scene.council)
    item = session.items[0]
    stale = decision_data(item, "defer", "Chờ báo cáo")
    client.post(f"/council/sessions/{session.id}/items/{item.id}/decision", data=stale)
    response = client.post(f"/council/sessions/{session.id}/items/{item.id}/decision",
                           data=decision_data(item, "accept", version=stale[f"item{item.id}-version"]))
    assert "đã có quyết định “Hoãn sang phiên sau”" in text_of(response)


def test_a_form_without_its_version_is_treated_as_stale(scene, session, login):
    client = login(scene.council)
    item = session.items[0]
    response = client.post(f"/council/sessions/{session.id}/items/{item.id}/decision",
                           data=decision_data(item, "accept", version=""))
    assert response.status_code == 409
    assert "Bản ghi đã được người khác sửa" in text_of(response)
    assert db.session.get(ReviewItem, item.id).decision == Decision.PENDING


def test_adding_and_removing_items_through_the_page(scene, session, login):
    extra = scene.rec(HELD_ON + timedelta(days=20), text="Hoàn thành hồ sơ truy tặng")
    db.session.commit()
    client = login(scene.council)
    response = client.post(f"/council/sessions/{session.id}/items",
                           data={"add-numbers": f"http://cong/recommendations/{extra.id}"}, follow_redirects=True)
    assert f"Đã bổ sung vào chương trình: kiến nghị số {extra.number}." in text_of(response)
    response = client.post(f"/council/sessions/{session.id}/items", data={"add-numbers": f"{extra.id}, abc"})
    assert "Kiến nghị số: “abc” không phải số kiến nghị" in text_of(response)
    response = client.post(f"/council/sessions/{session.id}/items", data={"add-numbers": f"{extra.number}"})
    assert f"Kiến nghị số: kiến nghị số {extra.number} đã có trong chương trình phiên họp." in text_of(response)
    added = db.session.scalar(select(ReviewItem).where(ReviewItem.recommendation_id == extra.id))
    response = client.post(f"/council/sessions/{session.id}/items/{added.id}/remove", data={"confirmed": "1"},
                           follow_redirects=True)
    assert f"Đã bỏ kiến nghị số {extra.number} khỏi chương trình." in text_of(response)


def test_closing_through_the_page(scene, session, login):
    client = login(scene.council)
    response = client.post(f"/council/sessions/{session.id}/close",
                           data={"close-version": session.version, "close-conclusion": "Kết luận", "confirmed": "1"})
    assert "Còn 2 kiến nghị chưa có quyết định." in text_of(response)
    for item in session.items:
        decide(scene.council, item, Decision.DEFER, "Chờ báo cáo", version=item.version)
    db.session.commit()
    response = client.post(f"/council/sessions/{session.id}/close", data={
        "close-version": session.version, "close-minutes_ref": "05/BB-HĐTĐKT", "close-conclusion": "Kết luận",
        "confirmed": "1"},
        follow_redirects=True)
    page = text_of(response)
    assert "Đã kết thúc phiên họp." in page and "Phiên họp đã kết thúc; chỉ còn để xem và in biên bản." in page
    assert "Ghi quyết định" not in page and "Bổ sung kiến nghị" not in page
    db.session.expire_all()
    assert db.session.get(ReviewSession, session.id).status == SessionStatus.CLOSED


def test_the_minutes_list_every_item_with_its_decision(scene, session, login, app):
    # the heading comes from the issuer's settings, the same that head the official documents
    db.session.add(IssuerProfile(unit=make_unit("UBND tỉnh Kiên Giang", code="KG-IP"), symbol="HĐTĐKT",
                                 body="Hội đồng Thi đua – Khen thưởng tỉnh Kiên Giang", place="Kiên Giang"))
    first, second = session.items
    decide(scene.council, first, Decision.EXTEND, "Chờ kiện toàn bộ máy", date(2019, 12, 31), version=first.version)
    db.session.commit()
    client = login(scene.member)
    draft = text_of(client.get(f"/council/sessions/{session.id}/minutes"))
    assert "DỰ THẢO" in draft and "Chưa quyết định" in draft
    decide(scene.council, second, Decision.ACCEPT, None, version=second.version)
    services.close_session(scene.council, session, minutes_ref=None, conclusion="Giao Sở Nội vụ theo dõi, đôn đốc.",
                           version=session.version)
    db.session.commit()
    response = client.get(f"/council/sessions/{session.id}/minutes")
    html, page = response.get_data(as_text=True), text_of(response)
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                     "Hội đồng Thi đua – Khen thưởng tỉnh Kiên Giang", "Kiên Giang, ngày 15 tháng 3 năm 2019",
                     "BIÊN BẢN PHIÊN HỌP HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG TỈNH", "Thời gian: ngày 15/03/2019",
                     "Địa điểm: Phòng họp số 1, trụ sở UBND tỉnh", "Nguyễn Văn Chủ – Phó Chủ tịch UBND tỉnh",
                     "Trần Thị Thư – Thư ký Hội đồng", "Kiện toàn Hội đồng Thi đua – Khen thưởng các cấp",
                     "Sở Văn hóa và Thể thao", "Đoàn kiểm tra công tác thi đua, khen thưởng năm 2017",
                     "Quá hạn 90 ngày", "Gia hạn", "Đến 31/12/2019 Chờ kiện toàn bộ máy",
                     "Chấp nhận kết quả khắc phục", "Giao Sở Nội vụ theo dõi, đôn đốc.", "THƯ KÝ", "CHỦ TRÌ"):
        assert expected in page, expected
    assert "DỰ THẢO" not in page
    rows = re.findall(r"<tr>\s*<td class=\"text-center\">(\d+)</td>", html)
    assert rows == ["1", "2"]
    assert "data-print" in html and "js/council.js" in html and "onclick" not in html
    assert "css/print.css" in html
    client.post("/language", data={"locale": "en", "next": "/"})
    english = text_of(client.get(f"/council/sessions/{session.id}/minutes"))
    assert "Quá hạn 90 ngày" in english and "Chấp nhận kết quả khắc phục" in english  # an official document
    assert "Overdue" not in english.split("BIÊN BẢN", 1)[1] and "Accept" not in english.split("BIÊN BẢN", 1)[1]


def test_the_list_is_newest_first_and_paginated(scene, login, app):
    app.config["PAGE_SIZE"] = 2
    for day in (date(2019, 1, 10), date(2019, 6, 10), date(2019, 3, 10)):
        scene.open_session(held_on=day, title=f"Phiên họp ngày {day:%d/%m/%Y}")
    client = login(scene.member)
    first = text_of(client.get("/council/sessions/"))
    assert first.index("Phiên họp ngày 10/06/2019") < first.index("Phiên họp ngày 10/03/2019")
    assert "Phiên họp ngày 10/01/2019" not in first
    assert "Phiên họp ngày 10/01/2019" in text_of(client.get("/council/sessions/?page=2"))
    assert "Mở phiên họp" not in first
