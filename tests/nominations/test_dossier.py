"""Dossiers: the rules a dossier must meet, status moves through the one table, award hold by hand,
who may change what, and the dossier's own pages (view, create, edit, status, hold)."""

from datetime import date

import pytest
from sqlalchemy import select

from inspection.access import SYSTEM
from inspection.audit import AuditEntry
from inspection.auth.models import Role
from inspection.documents.refs import parse_ref
from inspection.extensions import db
from inspection.nominations import services
from inspection.nominations.models import (
    AchievementType,
    Dossier,
    DossierStatus,
    LeaderGroup,
    RecipientKind,
)
from inspection.rules import EditConflict, RuleViolation
from inspection.timeutil import today_vn
from tests.factories import make_unit, make_user
from tests.nominations.builders import award_form, make_dossier

S = DossierStatus


def _refused(field: str, **fields) -> str:
    with pytest.raises(RuleViolation) as refused:
        make_dossier(**fields)
    assert refused.value.field == field, refused.value.message
    return refused.value.message


@pytest.mark.parametrize(("field", "fields", "message"), [
    ("recipient_kind", {"form": "CTDUBT", "recipient_kind": RecipientKind.INDIVIDUAL},
     "Hình thức “Cờ thi đua của UBND tỉnh” không tặng cho đối tượng “Cá nhân”."),
    ("recipient_kind", {"form": "BMVNAH", "recipient_kind": RecipientKind.HOUSEHOLD}, "không tặng cho"),
    ("is_leader", {"recipient_kind": RecipientKind.COLLECTIVE, "is_leader": True}, "cho cá nhân"),
    ("leader_group", {"recipient_kind": RecipientKind.HOUSEHOLD, "leader_group": LeaderGroup.DIRECT_WORKER},
     "cho cá nhân"),
    ("leader_group", {"is_leader": True, "leader_group": LeaderGroup.DIRECT_WORKER}, "không khớp"),
    ("posthumous", {"recipient_kind": RecipientKind.COLLECTIVE, "posthumous": True}, "Chỉ cá nhân mới được truy tặng."),
    ("group_rank", {"recipient_kind": RecipientKind.COLLECTIVE, "group_rank": 4}, "chỉ là 1 (dẫn đầu), 2 hoặc 3"),
    ("group_rank", {"group_rank": 0}, "chỉ là 1 (dẫn đầu), 2 hoặc 3"),
    ("group_rank", {"group_rank": 2}, "chỉ áp dụng cho tập thể"),
    ("year", {"year": 1944}, "Năm thi đua phải từ 1945 đến 2100."),
    ("year", {"year": 2101}, "Năm thi đua phải từ 1945 đến 2100."),
    ("submitted_on", {"submitted_on": date(2015, 12, 31)}, "trước năm 2016"),
    ("decision_ref", {"decision_ref": parse_ref("5/QĐ-UBND"), "decision_date": date(2017, 12, 1)},
     "Chỉ ghi quyết định khi hồ sơ đã có kết quả"),
    ("decision_date", {"status": S.AWARDED, "submitted_on": date(2017, 11, 1), "decision_date": date(2017, 10, 31)},
     "Ngày quyết định không thể trước ngày trình (01/11/2017)."),
    ("decision_ref", {"status": S.AWARDED, "decision_ref": None}, "Nhập số quyết định."),
    ("decision_date", {"status": S.REVOKED, "decision_date": None}, "Nhập ngày quyết định."),
    ("recipient_name", {"recipient_name": "   "}, "Nhập tên đối tượng."),
    ("code", {"code": "x" * 61}, "Dài quá 60 ký tự."),
    ("achievement_type", {"achievement_type": "weekly"}, "không phải giá trị hợp lệ"),
])
def test_a_dossier_that_breaks_a_rule_is_refused_naming_the_field(app, field, fields, message):
    assert message in _refused(field, **fields)
    assert db.session.scalar(select(Dossier.id)) is None


def test_a_decision_in_the_future_is_refused(app):
    tomorrow = date.fromordinal(today_vn().toordinal() + 1)
    assert "sau hôm nay" in _refused("decision_date", status=S.AWARDED, decision_date=tomorrow)


def test_a_code_is_unique_within_its_unit_only(app):
    unit, other = make_unit(), make_unit()
    make_dossier(unit, code="BK-001")
    make_dossier(other, code="BK-001")
    assert f"Đơn vị {unit.code} đã có hồ sơ mã “BK-001”." == _refused("code", unit=unit, code="BK-001")


def test_a_leader_group_says_whether_the_person_leads(app):
    worker = make_dossier(leader_group=LeaderGroup.DIRECT_WORKER)
    leader = make_dossier(leader_group=LeaderGroup.DEPARTMENT_LEADER)
    assert (worker.is_leader, leader.is_leader) == (False, True)


def test_a_new_dossier_is_logged_with_its_values(app):
    dossier = make_dossier(code="BK-9", achievement_type=AchievementType.THEMATIC, is_leader=False)
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.target_id == dossier.id,
                                                       AuditEntry.target_type == "dossier"))
    assert entry.action == "dossier.create" and entry.after["code"] == "BK-9"
    assert entry.after["award_form"] == "BKUBT" and entry.after["achievement_type"] == "thematic"


def test_unit_officers_record_drafts_and_submissions_for_their_own_units_only(app):
    own, foreign = make_unit(), make_unit()
    officer = make_user(Role.UNIT_OFFICER, units=[own])
    common = {"code": "A1", "year": 2017, "award_form": award_form("BKUBT"),
              "recipient_kind": RecipientKind.INDIVIDUAL, "recipient_name": "Nguyễn Văn A"}
    assert services.create_dossier(officer, unit=own, **common).status == S.DRAFT
    with pytest.raises(RuleViolation) as foreign_unit:
        services.create_dossier(officer, unit=foreign, **common)
    assert foreign_unit.value.field == "unit"
    with pytest.raises(RuleViolation) as decided:
        services.create_dossier(officer, unit=own, status=S.AWARDED, **common | {"code": "A2"},
                                decision_ref=parse_ref("1/QĐ-UBND"), decision_date=date(2017, 12, 1))
    assert decided.value.field == "status"


def test_an_edit_from_a_stale_form_is_refused_with_both_values_and_saves_nothing(app):
    dossier = make_dossier(recipient_name="Nguyễn Văn A")
    opened = dossier.version
    assert services.update_dossier(SYSTEM, dossier, version=opened, recipient_name="Nguyễn Văn B")
    with pytest.raises(EditConflict) as stale:
        services.update_dossier(SYSTEM, dossier, version=opened, recipient_name="Nguyễn Văn C", year=2017)
    assert stale.value.changes == [("Tên đối tượng", "Nguyễn Văn B", "Nguyễn Văn C")]
    assert dossier.recipient_name == "Nguyễn Văn B"


def test_an_edit_without_changes_is_not_logged(app):
    dossier = make_dossier()
    assert not services.update_dossier(SYSTEM, dossier, version=dossier.version, year=2017, recipient_name=" " +
                                       dossier.recipient_name)
    edits = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "dossier.update")).all()
    assert edits == []


def test_an_edit_is_logged_with_the_values_before_and_after(app):
    dossier = make_dossier(form="BKUBT")
    services.update_dossier(SYSTEM, dossier, version=dossier.version, award_form=award_form("CSTDT_OLD"))
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "dossier.update"))
    assert (entry.before, entry.after) == ({"award_form": "BKUBT"}, {"award_form": "CSTDT_OLD"})


def test_a_dossier_moves_from_draft_to_award_and_revocation_through_the_table(app):
    dossier = make_dossier(year=2017)
    with pytest.raises(RuleViolation) as skipped:
        services.change_status(SYSTEM, dossier, S.AWARDED, parse_ref("1/QĐ-UBND"), date(2017, 12, 1),
                               version=dossier.version)
    assert skipped.value.message == "Không thể chuyển trạng thái từ “Nháp” sang “Đã khen thưởng”."
    services.change_status(SYSTEM, dossier, S.SUBMITTED, version=dossier.version)
    assert dossier.submitted_on == today_vn()
    dossier.submitted_on = date(2017, 11, 1)
    services.change_status(SYSTEM, dossier, S.PENDING_DECISION, version=dossier.version)
    with pytest.raises(RuleViolation) as undecided:
        services.change_status(SYSTEM, dossier, S.AWARDED, version=dossier.version)
    assert undecided.value.field == "decision_ref"
    with pytest.raises(RuleViolation) as early:
        services.change_status(SYSTEM, dossier, S.AWARDED, parse_ref("1/QĐ-UBND"), date(2017, 10, 1),
                               version=dossier.version)
    assert early.value.field == "decision_date"
    services.change_status(SYSTEM, dossier, S.AWARDED, parse_ref("2417/QĐ-UBND"), date(2017, 12, 1),
                           version=dossier.version)
    assert (str(dossier.decision_ref), dossier.decision_date) == ("2417/QĐ-UBND", date(2017, 12, 1))
    services.change_status(SYSTEM, dossier, S.REVOKED, parse_ref("90/QĐ-UBND"), date(2018, 3, 1),
                           version=dossier.version)
    assert dossier.status == S.REVOKED and str(dossier.decision_ref) == "2417/QĐ-UBND"
    moves = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "dossier.status")
                               .order_by(AuditEntry.id)).all()
    assert [entry.after["status"] for entry in moves] == ["submitted", "pending_decision", "awarded", "revoked"]
    assert moves[-1].after["revocation_ref"] == "90/QĐ-UBND"


def test_an_officer_submits_but_never_decides_and_an_inspector_changes_nothing(app):
    unit = make_unit()
    officer, inspector = make_user(Role.UNIT_OFFICER, units=[unit]), make_user(Role.INSPECTOR)
    dossier = make_dossier(unit)
    with pytest.raises(RuleViolation):
        services.change_status(inspector, dossier, S.SUBMITTED, version=dossier.version)
    services.change_status(officer, dossier, S.SUBMITTED, version=dossier.version)
    with pytest.raises(RuleViolation):
        services.change_status(officer, dossier, S.PENDING_DECISION, version=dossier.version)
    council = make_user(Role.COUNCIL)
    services.change_status(council, dossier, S.RETURNED, version=dossier.version)
    services.change_status(officer, dossier, S.DRAFT, version=dossier.version)
    assert dossier.status == S.DRAFT


def test_an_award_hold_needs_a_reason_and_the_council(app):
    dossier, council = make_dossier(), make_user(Role.COUNCIL)
    with pytest.raises(RuleViolation) as no_reason:
        services.set_award_hold(council, dossier, True, "  ")
    assert no_reason.value.field == "reason"
    with pytest.raises(RuleViolation):
        services.set_award_hold(make_user(Role.INSPECTOR), dossier, True, "Đang thanh tra")
    services.set_award_hold(council, dossier, True, "Đang xem xét kỷ luật")
    assert dossier.award_hold
    services.set_award_hold(council, dossier, False)
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.action.in_(("dossier.hold", "dossier.release")))
                                 .order_by(AuditEntry.id)).all()
    assert [(e.action, e.after["reason"]) for e in entries] == [("dossier.hold", "Đang xem xét kỷ luật"),
                                                               ("dossier.release", None)]


# --- pages ------------------------------------------------------------------------------------------------------


def test_the_dossier_page_shows_every_field_and_its_history(client_as, catalogue):
    unit = make_unit("Sở Nội vụ tỉnh Kiên Giang", code="KG-SNV")
    dossier = make_dossier(unit, code="BK-2017-001", recipient_name="Trần Thị Bình", is_leader=False,
                           leader_group=LeaderGroup.DIRECT_WORKER, achievement_type=AchievementType.THEMATIC,
                           status=S.AWARDED, submitted_on=date(2017, 11, 2), decision_ref=parse_ref("2417/QĐ-UBND"),
                           decision_date=date(2017, 12, 1), note="Ghi chú thử")
    db.session.commit()
    html = client_as(Role.INSPECTOR).get(f"/nominations/dossiers/{dossier.id}").get_data(as_text=True)
    for text in ("BK-2017-001", "Trần Thị Bình", "Sở Nội vụ tỉnh Kiên Giang", "Bằng khen của Chủ tịch UBND tỉnh",
                 "Người trực tiếp lao động, công tác", "Chuyên đề", "02/11/2017", "2417/QĐ-UBND", "01/12/2017",
                 "Đã khen thưởng", "Ghi chú thử", "Lịch sử thay đổi", "Thêm hồ sơ đề nghị khen thưởng BK-2017-001"):
        assert text in html, text
    assert "Sửa hồ sơ" not in html and "Chuyển trạng thái" not in html  # inspectors read only


def test_a_missing_dossier_is_404_and_another_units_is_403(client_as, catalogue):
    own, foreign = make_unit(), make_unit()
    dossier = make_dossier(foreign)
    db.session.commit()
    officer = client_as(Role.UNIT_OFFICER, units=[own])
    assert officer.get("/nominations/dossiers/999999").status_code == 404
    for path in ("", "/edit"):
        assert officer.get(f"/nominations/dossiers/{dossier.id}{path}").status_code == 403
    assert officer.post(f"/nominations/dossiers/{dossier.id}/status", data={"target": "submitted"}).status_code == 403


def test_an_officer_creates_a_dossier_for_their_unit(client_as, catalogue):
    unit = make_unit(code="KG-SYT")
    officer = client_as(Role.UNIT_OFFICER, units=[unit])
    form = officer.get("/nominations/dossiers/new").get_data(as_text=True)
    assert 'value="KG-SYT"' in form and "Chiến sĩ thi đua cấp tỉnh (đến 31/12/2023)" in form
    response = officer.post("/nominations/dossiers/new", data={
        "unit": "KG-SYT", "code": "SYT-01", "year": "2017", "award_form": "CSTDT_OLD",
        "recipient_kind": "individual", "recipient_name": "Lê Văn Cường", "is_leader": "no",
        "achievement_type": "regular", "submitted_on": "15/11/2017"})
    assert response.status_code == 302
    created = db.session.scalar(select(Dossier).where(Dossier.code == "SYT-01"))
    assert created.status == S.DRAFT and created.is_leader is False and created.submitted_on == date(2017, 11, 15)


@pytest.mark.parametrize(("changes", "message"), [
    ({"year": "20l7"}, "Năm thi đua: “20l7” không phải năm hợp lệ (từ 1945 đến 2100)."),
    ({"unit": "KHONG-CO"}, "Mã đơn vị: Không có đơn vị mang mã: KHONG-CO"),
    ({"submitted_on": "31/11/2017"}, "Ngày trình: “31/11/2017” không phải ngày hợp lệ"),
    ({"award_form": "CTDUBT"}, "Đối tượng: Hình thức “Cờ thi đua của UBND tỉnh” không tặng cho đối tượng “Cá nhân”."),
    ({"award_form": "CSTDT"}, "Hình thức khen thưởng: Hình thức “Chiến sĩ thi đua bộ, ban, ngành, tỉnh” chỉ áp dụng"),
    ({"group_rank": "2"}, "Xếp hạng cụm, khối: Xếp hạng cụm, khối chỉ áp dụng cho tập thể."),
    ({"recipient_name": ""}, "Tên đối tượng: "),
    ({"code": "A-1"}, "Mã hồ sơ: Đơn vị KG-STC đã có hồ sơ mã “A-1”."),
])
def test_bad_input_on_the_create_form_is_named_and_nothing_is_saved(client_as, catalogue, changes, message):
    unit = make_unit(code="KG-STC")
    make_dossier(unit, code="A-1")
    db.session.commit()
    data = {"unit": "KG-STC", "code": "A-2", "year": "2017", "award_form": "BKUBT", "recipient_kind": "individual",
            "recipient_name": "Phạm Thị Dung"} | changes
    response = client_as(Role.COUNCIL).post("/nominations/dossiers/new", data=data)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert len(db.session.scalars(select(Dossier)).all()) == 1


def test_inspectors_cannot_open_the_create_form(client_as, catalogue):
    assert client_as(Role.INSPECTOR).get("/nominations/dossiers/new").status_code == 403


def test_an_officer_edits_a_draft_but_not_a_submitted_dossier(client_as, catalogue):
    unit = make_unit()
    draft, submitted = make_dossier(unit, recipient_name="Cũ"), make_dossier(unit, status=S.SUBMITTED)
    db.session.commit()
    officer = client_as(Role.UNIT_OFFICER, units=[unit])
    page = officer.get(f"/nominations/dossiers/{draft.id}/edit").get_data(as_text=True)
    assert 'value="Cũ"' in page and "Số quyết định" not in page
    data = {"unit": unit.code, "code": draft.code, "year": "2017", "award_form": "BKUBT",
            "recipient_kind": "individual", "recipient_name": "Mới", "version": str(draft.version)}
    assert officer.post(f"/nominations/dossiers/{draft.id}/edit", data=data).status_code == 302
    db.session.expire_all()
    assert db.session.get(Dossier, draft.id).recipient_name == "Mới"
    assert officer.get(f"/nominations/dossiers/{submitted.id}/edit").status_code == 403


def test_a_stale_edit_form_shows_what_changed_and_saves_nothing(client_as, catalogue):
    dossier = make_dossier(recipient_name="Nguyễn Văn A")
    db.session.commit()
    council = client_as(Role.COUNCIL)
    data = {"unit": dossier.unit.code, "code": dossier.code, "year": "2017", "award_form": "BKUBT",
            "recipient_kind": "individual", "version": str(dossier.version)}
    assert council.post(f"/nominations/dossiers/{dossier.id}/edit",
                        data=data | {"recipient_name": "Nguyễn Văn B"}).status_code == 302
    response = council.post(f"/nominations/dossiers/{dossier.id}/edit", data=data | {"recipient_name": "Nguyễn Văn C"})
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Bản ghi đã được người khác sửa" in html and "Nguyễn Văn B" in html and "Nguyễn Văn C" in html
    db.session.expire_all()
    assert db.session.get(Dossier, dossier.id).recipient_name == "Nguyễn Văn B"


def test_the_council_decides_on_the_page_and_a_missing_decision_is_named(client_as, catalogue):
    dossier = make_dossier(status=S.PENDING_DECISION)
    db.session.commit()
    council = client_as(Role.COUNCIL)
    page = council.get(f"/nominations/dossiers/{dossier.id}").get_data(as_text=True)
    assert "Ghi nhận đã khen thưởng" in page and "Không khen thưởng" in page and "Trả lại hồ sơ" in page
    path = f"/nominations/dossiers/{dossier.id}/status"
    missing = council.post(path, data={"target": "awarded", "decision_ref": "", "decision_date": "01/12/2017",
                                       "confirmed": "1", "version": str(dossier.version)})
    assert "Số quyết định: Nhập số quyết định." in missing.get_data(as_text=True)
    garbled = council.post(path, data={"target": "awarded", "decision_ref": "28O/QĐ-UBND", "confirmed": "1",
                                       "decision_date": "01/12/2017"})
    assert "Số quyết định: " in garbled.get_data(as_text=True)
    illegal = council.post(path, data={"target": "revoked", "confirmed": "1"})
    assert "Chuyển sang: Không thể chuyển trạng thái từ “Chờ quyết định” sang “Đã thu hồi”." in illegal.get_data(
        as_text=True)
    db.session.expire_all()
    assert db.session.get(Dossier, dossier.id).status == S.PENDING_DECISION
    done = council.post(path, data={"target": "awarded", "decision_ref": "2417/QĐ-UBND", "decision_date": "01/12/2017",
                                    "confirmed": "1",
                                    "version": str(dossier.version)})
    assert done.status_code == 302
    db.session.expire_all()
    assert db.session.get(Dossier, dossier.id).status == S.AWARDED
    assert "Đã khen thưởng" in council.get(f"/nominations/dossiers/{dossier.id}").get_data(as_text=True)


def test_the_council_holds_a_dossier_with_a_reason_and_lifts_the_hold(client_as, catalogue):
    dossier = make_dossier()
    db.session.commit()
    council, path = client_as(Role.COUNCIL), f"/nominations/dossiers/{dossier.id}/hold"
    assert "Lý do: Nhập lý do tạm dừng xét khen thưởng." in council.post(path, data={"on": "1"}).get_data(as_text=True)
    assert council.post(path, data={"on": "1", "reason": "Đang có đơn khiếu nại"}).status_code == 302
    page = council.get(f"/nominations/dossiers/{dossier.id}").get_data(as_text=True)
    assert "Tạm dừng xét khen thưởng" in page and "Đang có đơn khiếu nại" in page
    assert council.post(path, data={"on": "0"}).status_code == 302
    db.session.expire_all()
    assert not db.session.get(Dossier, dossier.id).award_hold
    assert client_as(Role.INSPECTOR).post(path, data={"on": "1", "reason": "x"}).status_code == 403


def test_the_council_corrects_the_decision_of_an_awarded_dossier_but_cannot_remove_it(client_as, catalogue):
    dossier = make_dossier(status=S.AWARDED, decision_ref=parse_ref("2417/QĐ-UBND"), decision_date=date(2017, 12, 1))
    db.session.commit()
    council = client_as(Role.COUNCIL)
    page = council.get(f"/nominations/dossiers/{dossier.id}/edit").get_data(as_text=True)
    assert 'value="2417/QĐ-UBND"' in page and 'value="01/12/2017"' in page
    data = {"unit": dossier.unit.code, "code": dossier.code, "year": "2017", "award_form": "BKUBT",
            "recipient_kind": "individual", "recipient_name": dossier.recipient_name,
            "submitted_on": "01/11/2017", "decision_date": "01/12/2017", "version": str(dossier.version)}
    cleared = council.post(f"/nominations/dossiers/{dossier.id}/edit", data=data | {"decision_ref": ""})
    assert "Số quyết định: Nhập số quyết định." in cleared.get_data(as_text=True)
    fixed = council.post(f"/nominations/dossiers/{dossier.id}/edit", data=data | {"decision_ref": "2418/QĐ-UBND"})
    assert fixed.status_code == 302
    db.session.expire_all()
    assert str(db.session.get(Dossier, dossier.id).decision_ref) == "2418/QĐ-UBND"
