"""Findings pages as people use them: forms, messages beside the fields, conflicts, the register."""

from datetime import date, timedelta

from sqlalchemy import func, select

from inspection.access import SYSTEM
from inspection.documents.refs import parse_ref
from inspection.extensions import db
from inspection.findings import services
from inspection.findings.models import (
    Finding,
    FollowUpAction,
    Recommendation,
    Severity,
    UnitStatus,
    VerificationMethod,
    VerifiedStatus,
)
from inspection.timeutil import today_vn
from inspection.units import services as units
from tests.factories import make_unit
from tests.findings.builders import make_finding, make_recommendation, make_session


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_member_records_a_finding_from_the_form(world, login):
    session = make_session(world.mission, place="Hội trường UBND tỉnh")
    db.session.commit()
    client = login(world.member)
    form = client.get(f"/findings/new/{world.mission.id}").get_data(as_text=True)
    assert "UBND tỉnh Kiên Giang (KG)" in form and "04/11/2017 – Hội trường UBND tỉnh" in form
    response = client.post(f"/findings/new/{world.mission.id}", data={
        "unit": str(world.own.id), "working_session": str(session.id), "kind": "shortcoming",
        "category": "communication", "severity": "serious", "title": "Công tác tuyên truyền cần đẩy mạnh"})
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Đã ghi nhận kết quả kiểm tra “Công tác tuyên truyền cần đẩy mạnh”." in page
    assert "Tuyên truyền" in page and "Nghiêm trọng" in page and "Ghi nhận kết quả kiểm tra" in page


def test_bad_finding_input_is_refused_beside_the_field(world, login):
    client = login(world.member)
    before = _count(Finding)
    page = client.post(f"/findings/new/{world.mission.id}", data={
        "unit": str(world.foreign.id), "kind": "shortcoming", "category": "communication", "severity": "minor",
        "title": ""}).get_data(as_text=True)
    assert "Đơn vị được kiểm tra: Lựa chọn không hợp lệ." in page  # not one of the mission's units
    assert "Nội dung tóm tắt: Trường này không được để trống." in page
    assert _count(Finding) == before


def test_recommendation_form_messages_name_the_field_and_save_nothing(world, login):
    client = login(world.member)
    url = f"/findings/{world.finding.id}/recommendations/new"
    assert 'value="KG"' in client.get(url).get_data(as_text=True)  # the finding's unit by default
    before = _count(Recommendation)
    cases = [
        ({"issued_on": "01/12/2017", "due": "30/11/2017"},
         "Thời hạn thực hiện: Thời hạn không được trước ngày ban hành kiến nghị (01/12/2017)."),
        ({"issued_on": "01/12/2017", "due": "31/02/2018"}, "Thời hạn thực hiện: “31/02/2018” không phải ngày hợp lệ"),
        ({"responsible_units": "KG, XYZ"}, "Không có đơn vị mang mã: XYZ"),
        ({"responsible_units": ""}, "Đơn vị chịu trách nhiệm (mã): "),
        ({"amount_to_recover": "1.000.000", "amount_recovered": "2.000.000"},
         "Số tiền đã thu hồi (đồng): Số tiền đã thu hồi không được lớn hơn số tiền phải thu hồi."),
        ({"awards_to_revoke": "-3"}, "Số khen thưởng phải thu hồi: “-3” không phải số nguyên không âm."),
    ]
    for changes, message in cases:
        data = {"text": "Hoàn thành khen thưởng truy tặng", "issued_on": "01/12/2017", "due": "30/06/2018",
                "responsible_units": "KG"} | changes
        response = client.post(url, data=data)
        assert response.status_code == 200, changes
        assert message in response.get_data(as_text=True), changes
    assert _count(Recommendation) == before


def test_a_recommendation_with_outcomes_is_shown_with_both_due_dates(world, login):
    client = login(world.member)
    response = client.post(f"/findings/{world.finding.id}/recommendations/new", data={
        "text": "Thu hồi khen thưởng sai đối tượng", "issued_on": "01/12/2017", "due": "30/06/2018",
        "responsible_units": "KG, CM", "awards_to_revoke": "3", "amount_to_recover": "15.000.000"})
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Thu hồi khen thưởng sai đối tượng" in page and "15.000.000" in page
    assert "UBND tỉnh Cà Mau" in page and "Chưa thực hiện" in page
    assert "Thời hạn ban đầu" in page and "Thời hạn hiện tại" in page and "30/06/2018" in page
    assert "Quá hạn" in page  # 2018 is long past and nobody verified it


def test_the_edit_form_shows_due_dates_but_cannot_change_them(world, login):
    rec = world.recommendation
    client = login(world.member)
    page = client.get(f"/recommendations/{rec.id}/edit").get_data(as_text=True)
    assert "thời hạn chỉ thay đổi qua đề nghị gia hạn" in page and 'name="due"' not in page
    client.post(f"/recommendations/{rec.id}/edit", data={
        "text": rec.text, "responsible_units": "KG", "version": str(rec.version), "due": "01/01/2030"})
    db.session.expire_all()
    assert db.session.get(Recommendation, rec.id).current_due == date(2018, 6, 30)


def test_two_stale_forms_the_second_gets_a_conflict_showing_what_changed(world, login):
    rec = world.recommendation
    first, second = login(world.member), login(world.member)
    version = str(rec.version)
    assert first.post(f"/recommendations/{rec.id}/edit", data={
        "text": "Bản của người thứ nhất", "responsible_units": "KG", "version": version}).status_code == 302
    response = second.post(f"/recommendations/{rec.id}/edit", data={
        "text": "Bản của người thứ hai", "responsible_units": "KG, CM", "version": version})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Bản ghi đã được người khác sửa sau khi bạn mở biểu mẫu" in page
    assert "Bản của người thứ nhất" in page and "Bản của người thứ hai" in page
    assert "UBND tỉnh Cà Mau (CM)" in page  # the units the second person typed, beside the saved ones
    db.session.expire_all()
    saved = db.session.get(Recommendation, rec.id)
    assert saved.text == "Bản của người thứ nhất" and len(saved.responsibilities) == 1


def test_removing_a_unit_that_answered_is_refused_on_the_field(world, login):
    rec = world.recommendation
    rec.responsibilities[0].status = UnitStatus.IN_PROGRESS
    db.session.commit()
    page = login(world.member).post(f"/recommendations/{rec.id}/edit", data={
        "text": rec.text, "responsible_units": "CM", "version": str(rec.version)}).get_data(as_text=True)
    assert "Đơn vị chịu trách nhiệm (mã): Không thể bỏ UBND tỉnh Kiên Giang" in page
    db.session.expire_all()
    assert [s.unit.code for s in db.session.get(Recommendation, rec.id).responsibilities] == ["KG"]


def test_editing_a_verified_recommendation_reopens_it_and_the_history_says_so(world, login):
    rec = world.recommendation
    services.verify(world.member, rec, VerifiedStatus.IMPLEMENTED, VerificationMethod.DESK_REVIEW, None,
                    version=rec.version)
    db.session.commit()
    client = login(world.member)
    assert "sẽ được mở lại" in client.get(f"/recommendations/{rec.id}/edit").get_data(as_text=True)
    response = client.post(f"/recommendations/{rec.id}/edit", data={
        "text": "Nội dung đã sửa", "responsible_units": "KG", "version": str(rec.version)})
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "được mở lại để xác minh lần nữa" in page
    assert "Mở lại kiến nghị (trước đó: Đã thực hiện (đã xác minh)): Mở lại do sửa nội dung" in page
    assert f'action="/recommendations/{rec.id}/verify"' in page


def test_verify_needs_a_method_and_a_unit_officer_sees_no_verify_form(world, login):
    rec = world.recommendation
    page = login(world.member).post(f"/recommendations/{rec.id}/verify", data={
        "status": "implemented", "method": "", "version": str(rec.version)}).get_data(as_text=True)
    assert "Cách xác minh: Chọn cách xác minh." in page
    empty = login(world.member).post(f"/recommendations/{rec.id}/verify", data={
        "status": "", "method": "on_site", "version": str(rec.version)}).get_data(as_text=True)
    assert "Kết quả xác minh: Trường này không được để trống." in empty
    bogus = login(world.member).post(f"/recommendations/{rec.id}/verify", data={
        "status": "reported_done", "method": "unit_word", "version": str(rec.version)}).get_data(as_text=True)
    assert "Kết quả xác minh: " in bogus
    db.session.expire_all()
    assert db.session.get(Recommendation, rec.id).is_open
    officer_page = login(world.own_officer).get(f"/recommendations/{rec.id}").get_data(as_text=True)
    assert "Đẩy mạnh nhân rộng điển hình tiên tiến" in officer_page
    assert "/verify" not in officer_page and "Sửa kiến nghị" not in officer_page


def test_the_page_shows_follow_up_actions_and_history_of_the_parts(world, login):
    share = world.recommendation.responsibilities[0]
    share.actions.append(FollowUpAction(what="Tổ chức hội nghị điển hình tiên tiến", who="Ban Thi đua",
                                        due=date(2018, 5, 1), progress=60))
    share.status = UnitStatus.IN_PROGRESS
    db.session.commit()
    page = login(world.own_officer).get(f"/recommendations/{world.recommendation.id}").get_data(as_text=True)
    assert "Tổ chức hội nghị điển hình tiên tiến" in page and "Ban Thi đua" in page and "01/05/2018" in page
    assert "60%" in page and "Đang thực hiện" in page
    assert "Ban hành kiến nghị cho UBND tỉnh Kiên Giang" in page  # the history


def test_register_lists_filters_and_scopes(world, login):
    other = make_finding(world.mission, world.own, title="Tiêu chuẩn khen thưởng", severity=Severity.CRITICAL)
    make_recommendation(other, [world.own, world.foreign], text="Rà soát hồ sơ còn thời hạn",
                        issued_on=today_vn(), due=today_vn() + timedelta(days=30))
    done = make_recommendation(other, [world.own], text="Kiến nghị đã xác minh")
    services.verify(SYSTEM, done, VerifiedStatus.IMPLEMENTED, VerificationMethod.ON_SITE, None, version=done.version)
    db.session.commit()
    council = login(world.council)
    everything = council.get("/recommendations/").get_data(as_text=True)
    assert all(text in everything for text in ("Đẩy mạnh nhân rộng", "Rà soát hồ sơ", "Kiến nghị đã xác minh"))
    overdue = council.get("/recommendations/?overdue=y").get_data(as_text=True)
    assert "Đẩy mạnh nhân rộng" in overdue and "Rà soát hồ sơ" not in overdue and "Kiến nghị đã xác minh" not in overdue
    verified = council.get("/recommendations/?verified=implemented").get_data(as_text=True)
    assert "Kiến nghị đã xác minh" in verified and "Đẩy mạnh nhân rộng" not in verified
    critical = council.get("/recommendations/?severity=critical&category=exemplar_replication")
    assert "Rà soát hồ sơ" in critical.get_data(as_text=True)
    by_unit = council.get("/recommendations/?unit=CM").get_data(as_text=True)
    assert "Rà soát hồ sơ" in by_unit and "Đẩy mạnh nhân rộng" not in by_unit
    ranged = council.get(f"/recommendations/?due_from={today_vn():%d/%m/%Y}").get_data(as_text=True)
    assert "Rà soát hồ sơ" in ranged and "Đẩy mạnh nhân rộng" not in ranged
    bad = council.get("/recommendations/?unit=XYZ&due_from=31/02/2018").get_data(as_text=True)
    assert "Không có đơn vị mang mã: XYZ" in bad and "“31/02/2018” không phải ngày hợp lệ" in bad
    newest_first = council.get("/recommendations/?sort=due&order=desc").get_data(as_text=True)
    assert newest_first.index("Rà soát hồ sơ") < newest_first.index("Đẩy mạnh nhân rộng")
    foreign = login(world.foreign_officer).get("/recommendations/").get_data(as_text=True)
    assert "Rà soát hồ sơ" in foreign and "Đẩy mạnh nhân rộng" not in foreign


def test_an_ended_unit_page_offers_the_transfer_and_the_successor_then_answers(world, login):
    successor = make_unit("UBND tỉnh An Giang", code="AG")
    units.merge_units(SYSTEM, [world.own], successor, date(2025, 7, 1), parse_ref("202/2025/QH15"))
    db.session.commit()
    admin = login(world.admin)
    unit_page = admin.get(f"/units/{world.own.id}").get_data(as_text=True)
    assert "Kiến nghị chưa kết luận của đơn vị đã chấm dứt hoạt động" in unit_page and 'value="AG"' in unit_page
    member_page = login(world.member).get(f"/units/{world.own.id}").get_data(as_text=True)
    assert "Kiến nghị chưa kết luận của đơn vị" not in member_page
    refused = admin.post(f"/units/{world.own.id}/transfer-recommendations",
                         data={"to_unit": "AG", "legal_basis": "28O/BC-UBND"}).get_data(as_text=True)
    assert "Căn cứ pháp lý (số, ký hiệu văn bản): " in refused and "28O" in refused
    response = admin.post(f"/units/{world.own.id}/transfer-recommendations",
                          data={"to_unit": "AG", "legal_basis": "202/2025/QH15"})
    assert response.status_code == 302
    page = admin.get(response.headers["Location"]).get_data(as_text=True)
    assert "Đã chuyển 1 kiến nghị chưa kết luận của UBND tỉnh Kiên Giang sang UBND tỉnh An Giang." in page
    assert "Kiến nghị chưa kết luận của đơn vị đã chấm dứt hoạt động" not in page
    from inspection.auth.models import Role
    from tests.factories import make_user

    heir = make_user(Role.UNIT_OFFICER, units=[successor])
    db.session.commit()
    client = login(heir)
    rec_page = client.get(f"/recommendations/{world.recommendation.id}")
    assert rec_page.status_code == 200
    assert "Chuyển từ UBND tỉnh Kiên Giang" in rec_page.get_data(as_text=True)
    assert "Đẩy mạnh nhân rộng" in client.get("/recommendations/").get_data(as_text=True)
