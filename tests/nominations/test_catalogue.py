"""The award catalogue: seeded once and only once, with the names the law and the 2017 data use, old and
new names each valid for their own period, found by name or code however a spreadsheet spelled it, and
corrected by admins only."""

import unicodedata
from datetime import date

import pytest
from sqlalchemy import func, select

from inspection.access import SYSTEM
from inspection.audit import AuditEntry
from inspection.auth.models import Role
from inspection.extensions import db
from inspection.nominations.catalogue import CATALOGUE, award_form_index, find_award_form, seed_catalogue
from inspection.nominations.models import AwardForm, AwardLevel
from inspection.rules import RuleViolation
from tests.factories import make_unit
from tests.nominations.builders import make_dossier

EXACT_NAMES = [
    "Huân chương Lao động hạng Nhất", "Huân chương Lao động hạng Nhì", "Huân chương Lao động hạng Ba",
    "Huân chương Bảo vệ Tổ quốc hạng Ba", "Huân chương Độc lập hạng Ba", "Bà mẹ Việt Nam anh hùng",
    "Cờ thi đua của Chính phủ", "Bằng khen của Thủ tướng Chính phủ", "Chiến sĩ thi đua toàn quốc",
    "Bằng khen của Chủ tịch UBND tỉnh", "Cờ thi đua của UBND tỉnh", "Chiến sĩ thi đua cấp tỉnh",
    "Chiến sĩ thi đua bộ, ban, ngành, tỉnh", "Tập thể lao động xuất sắc", "Tập thể lao động tiên tiến",
    "Chiến sĩ thi đua cơ sở", "Lao động tiên tiến", "Giấy khen",
]


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_the_catalogue_holds_every_required_name_exactly(catalogue):
    names = {form.name_vi for form in catalogue.values()}
    assert set(EXACT_NAMES) <= names
    assert len(catalogue) == len(CATALOGUE) and len(names) == len(catalogue)
    assert catalogue["HCLD3"].name_vi == "Huân chương Lao động hạng Ba"
    assert catalogue["BMVNAH"].level == AwardLevel.STATE and catalogue["BKUBT"].level == AwardLevel.PROVINCIAL
    assert catalogue["GK"].level == AwardLevel.GRASSROOTS
    assert catalogue["CTDUBT"].for_collective and not catalogue["CTDUBT"].for_individual
    assert all(form.name_en and form.legal_basis for form in catalogue.values())


def test_seeding_again_changes_nothing_and_logs_nothing(catalogue):
    forms, entries = _count(AwardForm), _count(AuditEntry)
    result = seed_catalogue(SYSTEM)
    db.session.commit()
    assert (result.created, result.updated, result.unchanged) == (0, 0, len(CATALOGUE))
    assert (_count(AwardForm), _count(AuditEntry)) == (forms, entries)


def test_seeding_creates_each_form_once_with_an_audit_entry(app):
    result = seed_catalogue(SYSTEM)
    db.session.commit()
    assert result.created == len(CATALOGUE) == _count(AwardForm)
    created = db.session.scalar(select(func.count()).where(AuditEntry.action == "award_form.create"))
    assert created == len(CATALOGUE)


def test_seeding_puts_back_a_changed_row_and_says_so(catalogue):
    catalogue["HCLD3"].name_en = "Something else"
    db.session.commit()
    result = seed_catalogue(SYSTEM)
    db.session.commit()
    assert result.updated == 1
    assert db.session.get(AwardForm, catalogue["HCLD3"].id).name_en == "Labour Order, Third Class"
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "award_form.update"))
    assert entry.before == {"name_en": "Something else"}


def test_the_command_seeds_and_can_be_run_again(runner):
    first = runner.invoke(args=["nominations", "seed-catalogue"])
    second = runner.invoke(args=["nominations", "seed-catalogue"])
    assert first.exit_code == 0 and f"thêm {len(CATALOGUE)}" in first.output
    assert second.exit_code == 0 and "thêm 0, cập nhật 0" in second.output
    assert _count(AwardForm) == len(CATALOGUE)


def test_the_old_and_the_new_provincial_emulation_soldier_each_hold_for_their_period(catalogue):
    old, new = catalogue["CSTDT_OLD"], catalogue["CSTDT"]
    assert (old.valid_to, new.valid_from) == (date(2023, 12, 31), date(2024, 1, 1))
    assert old.successor.code == "CSTDT" and "15/2003/QH11" in old.legal_basis and "06/2022/QH15" in new.legal_basis
    unit = make_unit()
    assert make_dossier(unit, form="CSTDT_OLD", year=2017).award_form.name_vi == "Chiến sĩ thi đua cấp tỉnh"
    assert make_dossier(unit, form="CSTDT", year=2024).award_form.name_vi == "Chiến sĩ thi đua bộ, ban, ngành, tỉnh"
    with pytest.raises(RuleViolation) as too_late:
        make_dossier(unit, form="CSTDT_OLD", year=2024)
    assert too_late.value.field == "award_form"
    assert "31/12/2023" in too_late.value.message and "Chiến sĩ thi đua bộ, ban, ngành, tỉnh" in too_late.value.message
    with pytest.raises(RuleViolation) as too_early:
        make_dossier(unit, form="CSTDT", year=2017)
    assert "01/01/2024" in too_early.value.message


def test_a_2023_dossier_decided_in_2024_may_use_either_name(catalogue):
    unit = make_unit()
    for code in ("CSTDT_OLD", "CSTDT"):
        make_dossier(unit, form=code, year=2023, submitted_on=date(2024, 1, 10))


@pytest.mark.parametrize("text", [
    "Huân chương Lao động hạng Ba",
    unicodedata.normalize("NFD", "Huân chương Lao động hạng Ba"),
    "  huân   chương lao động  HẠNG BA\u00a0",
    "\ufeffHuân chương Lao động hạng Ba\u200b",
    "HCLD3", " hcld3 ",
])
def test_a_form_is_found_by_its_name_or_code_however_it_was_typed(catalogue, text):
    assert find_award_form(text) is catalogue["HCLD3"]


@pytest.mark.parametrize("text", ["", None, "   ", "Huân chương Lao động", "Huân chương Lao động hạng Tư"])
def test_nothing_is_found_for_an_unknown_or_partial_name(catalogue, text):
    assert find_award_form(text) is None


def test_one_index_serves_many_lookups(catalogue, count_queries):
    index = award_form_index()
    with count_queries() as counter:
        found = [find_award_form(name, index) for name in EXACT_NAMES * 10]
    assert counter.count == 0 and None not in found


@pytest.mark.parametrize("role", list(Role))
def test_every_role_reads_the_catalogue(client_as, catalogue, role):
    client = client_as(role, units=[make_unit()] if role == Role.UNIT_OFFICER else [])
    html = client.get("/nominations/catalogue").get_data(as_text=True)
    assert "Danh mục hình thức khen thưởng" in html
    assert all(name in html for name in EXACT_NAMES)
    assert "đến 31/12/2023" in html and "Thay bằng: Chiến sĩ thi đua bộ, ban, ngành, tỉnh" in html
    assert ("Thêm hình thức" in html) == (role == Role.ADMIN)


NEW_FORM = {"code": "HCLAO4", "name_vi": "Huy hiệu thử nghiệm", "name_en": "Trial badge", "group": "commemorative",
            "level": "provincial", "for_individual": "y", "legal_basis": "Quyết định thử", "valid_from": "01/01/2026",
            "valid_to": "", "successor": ""}


def test_an_admin_adds_a_form_and_it_is_logged(client_as, catalogue):
    response = client_as(Role.ADMIN).post("/nominations/catalogue/new", data=NEW_FORM)
    assert response.status_code == 302
    added = db.session.scalar(select(AwardForm).where(AwardForm.code == "HCLAO4"))
    assert added.name_vi == "Huy hiệu thử nghiệm" and added.for_individual and not added.for_collective
    assert added.valid_from == date(2026, 1, 1)
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "award_form.create",
                                                      AuditEntry.target_id == added.id)) is not None
    assert find_award_form("huy hiệu thử nghiệm") == added


@pytest.mark.parametrize(("changes", "message"), [
    ({"code": "hcld3"}, "đã dùng cho hình thức “Huân chương Lao động hạng Ba” (HCLD3)"),
    ({"name_vi": "Giấy  khen"}, "đã dùng cho hình thức “Giấy khen” (GK)"),
    ({"valid_to": "31/12/2025"}, "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."),
    ({"valid_from": "31/02/2026"}, "“31/02/2026” không phải ngày hợp lệ"),
    ({"for_individual": ""}, "Chọn ít nhất một loại đối tượng được tặng."),
    ({"code": ""}, "Mã: "),
])
def test_a_bad_form_is_refused_with_a_message_and_nothing_saved(client_as, catalogue, changes, message):
    response = client_as(Role.ADMIN).post("/nominations/catalogue/new", data=NEW_FORM | changes)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert _count(AwardForm) == len(CATALOGUE)


def test_an_admin_corrects_a_form_and_its_history_shows_it(client_as, catalogue):
    admin = client_as(Role.ADMIN)
    form_id = catalogue["KNC"].id
    page = admin.get(f"/nominations/catalogue/{form_id}/edit").get_data(as_text=True)
    assert 'value="KNC"' in page
    data = NEW_FORM | {"code": "KNC", "name_vi": "Kỷ niệm chương", "name_en": "Commemorative medal (badge)",
                       "valid_from": "", "successor": "", "version": str(catalogue["KNC"].version)}
    assert admin.post(f"/nominations/catalogue/{form_id}/edit", data=data).status_code == 302
    db.session.expire_all()
    assert db.session.get(AwardForm, form_id).name_en == "Commemorative medal (badge)"
    history = admin.get(f"/nominations/catalogue/{form_id}/edit").get_data(as_text=True)
    assert "Sửa hình thức khen thưởng “Kỷ niệm chương”" in history


@pytest.mark.parametrize("role", [Role.COUNCIL, Role.INSPECTOR, Role.UNIT_OFFICER])
def test_only_admins_change_the_catalogue(client_as, catalogue, role):
    client = client_as(role, units=[make_unit()] if role == Role.UNIT_OFFICER else [])
    assert client.get("/nominations/catalogue/new").status_code == 403
    assert client.post("/nominations/catalogue/new", data=NEW_FORM).status_code == 403
    assert client.get(f"/nominations/catalogue/{catalogue['GK'].id}/edit").status_code == 403
    assert _count(AwardForm) == len(CATALOGUE)


def test_a_missing_catalogue_row_is_a_404(client_as, catalogue):
    assert client_as(Role.ADMIN).get("/nominations/catalogue/999999/edit").status_code == 404


def test_the_demo_loader_seeds_the_catalogue(app):
    from inspection.demo.loader import load_demo

    load_demo()
    db.session.commit()
    assert _count(AwardForm) == len(CATALOGUE)
    assert find_award_form("Chiến sĩ thi đua cấp tỉnh").code == "CSTDT_OLD"
