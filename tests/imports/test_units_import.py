"""Importing units through the pages: preview, row errors, all-or-nothing, re-validation at confirmation."""

import unicodedata
from datetime import date, datetime

from sqlalchemy import select

from inspection.extensions import db
from inspection.rules import RuleViolation
from inspection.units.models import EventKind, Unit, UnitEvent, UnitKind
from inspection.units.queries import unit_by_code
from tests.factories import make_unit
from tests.imports.files import (
    PNG,
    UNIT_HEADERS,
    committed_count,
    confirm,
    csv_bytes,
    import_file,
    page_text,
    token_of,
    upload,
    xlsx,
)

GOOD_ROWS = [
    UNIT_HEADERS,
    # the parent is defined on a later row
    ["SNV-PTC", "Phòng Tổ chức", "Phòng, ban trực thuộc", "SNV", "01/01/2010", None, None],
    ["SNV", "Sở Nội vụ", "Sở, ban, ngành", "UBT", datetime(2008, 4, 1), None, "Cơ quan chuyên môn"],
    ["UBT", "Ủy ban nhân dân tỉnh", "province", None, None, "30/06/2025", None],
]


def test_good_file_creates_units_with_parents_and_establishment(admin):
    response = import_file(admin, xlsx(GOOD_ROWS))
    assert "Đã nhập đơn vị: 3 mới, 0 cập nhật, 0 không đổi." in page_text(response)
    office, department, province = (unit_by_code(code) for code in ("SNV-PTC", "SNV", "UBT"))
    assert (office.name, office.kind, office.parent) == ("Phòng Tổ chức", UnitKind.OFFICE, department)
    assert (department.kind, department.parent, department.note) == (UnitKind.DEPARTMENT, province,
                                                                      "Cơ quan chuyên môn")
    assert (department.valid_from, province.valid_to, province.valid_from) == (date(2008, 4, 1), date(2025, 6, 30),
                                                                                None)
    established = db.session.scalars(select(UnitEvent).where(UnitEvent.kind == EventKind.ESTABLISH)).all()
    assert sorted(event.units_in("successor")[0].code for event in established) == ["SNV", "SNV-PTC"]
    assert committed_count(Unit) == 3


def test_preview_writes_nothing_and_shows_counts(admin):
    response = upload(admin, xlsx(GOOD_ROWS))
    text = page_text(response)
    assert "Mới 3 Cập nhật 0 Không đổi 0 Lỗi 0" in text
    assert "2 đơn vị mới có ngày “Hoạt động từ”: ghi kèm sự kiện Thành lập." in text
    assert committed_count(Unit) == 0


def test_reimporting_the_same_file_changes_nothing(admin):
    import_file(admin, xlsx(GOOD_ROWS))
    preview = upload(admin, xlsx(GOOD_ROWS))
    text = page_text(preview)
    assert "Mới 0 Cập nhật 0 Không đổi 3 Lỗi 0" in text
    assert "Tệp không có gì mới: mọi dòng đều trùng dữ liệu hiện có." in text  # as for dossiers: nothing to confirm
    assert 'name="token"' not in preview.get_data(as_text=True)
    assert committed_count(Unit) == 3


def test_a_changed_row_updates_and_empty_cells_keep_values(admin):
    import_file(admin, xlsx(GOOD_ROWS))
    changed = [UNIT_HEADERS, ["SNV", "Sở  Nội vụ", "office", None, None, "31/12/2024", "Đã đổi"]]
    preview = upload(admin, xlsx(changed))
    text = page_text(preview)
    assert "Mới 0 Cập nhật 1 Không đổi 0 Lỗi 0" in text
    assert "Loại đơn vị: Sở, ban, ngành → Phòng, ban trực thuộc" in text
    response = confirm(admin, token_of(preview))
    assert "Đã nhập đơn vị: 0 mới, 1 cập nhật, 0 không đổi." in page_text(response)
    unit = unit_by_code("SNV")
    assert (unit.kind, unit.valid_to, unit.note) == (UnitKind.OFFICE, date(2024, 12, 31), "Đã đổi")
    assert (unit.parent.code, unit.valid_from, unit.name) == ("UBT", date(2008, 4, 1), "Sở Nội vụ")


def test_a_different_name_is_an_error_not_a_rename(admin):
    make_unit("Sở Nội vụ", code="SNV")
    db.session.commit()
    response = upload(admin, xlsx([UNIT_HEADERS, ["SNV", "Sở Nội vụ tỉnh", "department"]]))
    assert ("2 Tên đơn vị Tên khác tên hiện tại “Sở Nội vụ”: đổi tên phải ghi nhận sự kiện Đổi tên kèm căn cứ "
            "pháp lý trên trang đơn vị") in page_text(response)
    assert unit_by_code("SNV").name == "Sở Nội vụ"


def test_a_broken_file_shows_every_error_and_writes_nothing(admin):
    make_unit(code="OLD")
    db.session.commit()
    rows = [UNIT_HEADERS,
            ["A1", "Đơn vị tốt", "department", "OLD", "01/02/2017"],
            ["A2", "Ngày sai", "department", None, "31/02/2017"],
            ["A3", "Loại sai", "bộ ngành", None, None],
            ["A4", "Cấp trên lạ", "office", "KHONG-CO", None],
            ["A5", None, "office", None, None, None, None, "lạc cột"],
            ["A1", "Trùng mã", "office"],
            ["A6", "Kết thúc trước", "office", None, "01/01/2020", "31/12/2019"]]
    before = committed_count(Unit)
    response = upload(admin, xlsx(rows))
    text = page_text(response)
    assert "Tệp có 8 lỗi ở 7 dòng. Chưa ghi gì vào cơ sở dữ liệu" in text
    for expected in (
            "3 Hoạt động từ “31/02/2017” không phải ngày hợp lệ; ghi theo dạng dd/mm/yyyy, ví dụ 30/11/2017.",
            "4 Loại đơn vị “bộ ngành” không hợp lệ; chọn một trong: Cơ quan Trung ương;",
            "5 Mã đơn vị cấp trên Không có đơn vị mang mã “KHONG-CO”, trong tệp cũng như trong cơ sở dữ liệu.",
            "6 — Ô ở cột thứ 8 có dữ liệu nhưng không nằm dưới tiêu đề cột nào.",
            "6 Tên đơn vị Ô bắt buộc, không được để trống.",
            "2 Mã đơn vị Mã “A1” xuất hiện nhiều lần trong tệp: dòng 2, 7.",
            "7 Mã đơn vị Mã “A1” xuất hiện nhiều lần trong tệp: dòng 2, 7.",
            "8 Hoạt động đến ngày Ngày chấm dứt 31/12/2019 trước ngày bắt đầu hoạt động 01/01/2020."):
        assert expected in text
    assert 'action="/import/confirm"' not in response.get_data(as_text=True)
    assert committed_count(Unit) == before


def test_parent_cycles_are_row_errors(admin):
    make_unit(code="P")
    db.session.commit()
    rows = [UNIT_HEADERS, ["X", "Một", "office", "Y"], ["Y", "Hai", "office", "X"], ["Z", "Ba", "office", "Z"],
            ["W", "Bốn", "office", "P"]]
    text = page_text(upload(admin, xlsx(rows)))
    assert "2 Mã đơn vị cấp trên Đơn vị cấp trên tạo thành vòng lặp: X → Y → X." in text
    assert "3 Mã đơn vị cấp trên Đơn vị cấp trên tạo thành vòng lặp: Y → X → Y." in text
    assert "4 Mã đơn vị cấp trên Đơn vị cấp trên tạo thành vòng lặp: Z → Z." in text
    assert "Tệp có 3 lỗi ở 3 dòng" in text


def test_moving_an_existing_parent_under_its_child_is_a_cycle(admin):
    top = make_unit(code="TOP")
    make_unit(code="CHILD", parent=top)
    db.session.commit()
    rows = [UNIT_HEADERS, [top.code, top.name, top.kind.value, "CHILD"]]
    assert "vòng lặp: TOP → CHILD → TOP." in page_text(upload(admin, xlsx(rows)))


def test_nfd_headers_and_values_with_stray_spaces_are_accepted(admin):
    nfd = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731
    rows = [[" " + nfd(header) + "  " for header in UNIT_HEADERS[:4]],
            ["  SNV ", nfd("  Sở   Nội vụ "), nfd(" SỞ, BAN, NGÀNH "), None]]
    response = import_file(admin, xlsx(rows))
    assert "Đã nhập đơn vị: 1 mới" in page_text(response)
    unit = unit_by_code("SNV")
    assert (unit.name, unit.kind) == ("Sở Nội vụ", UnitKind.DEPARTMENT)


def test_csv_with_bom_and_semicolons(admin):
    data = csv_bytes([UNIT_HEADERS, ["SNV", "Sở Nội vụ; tỉnh Kiên Giang", "Sở, ban, ngành", "", "01/04/2008", "", ""]],
                     delimiter=";", bom=True)
    response = import_file(admin, data, "don-vi.csv")
    assert "Đã nhập đơn vị: 1 mới, 0 cập nhật, 0 không đổi." in page_text(response)
    assert unit_by_code("SNV").name == "Sở Nội vụ; tỉnh Kiên Giang"


def test_png_renamed_xlsx_gets_a_clear_message(admin):
    response = upload(admin, PNG, "anh-chup.xlsx")
    assert "Tệp “anh-chup.xlsx” không phải bảng tính Excel .xlsx hợp lệ" in page_text(response)
    assert committed_count(Unit) == 0


def test_upload_form_checks(admin):
    assert "Chọn tệp cần nhập." in page_text(admin.post("/import/", data={"kind": "units"}))
    assert "Chỉ nhận tệp Excel .xlsx hoặc .csv" in page_text(upload(admin, b"abc", "ghi-chu.txt"))
    text = page_text(upload(admin, xlsx([["Mã đơn vị", "Tên"], ["A", "B"]])))
    assert "Tệp “don-vi.xlsx” thiếu cột bắt buộc “Tên đơn vị”, “Loại đơn vị”" in text


def test_size_limit_comes_from_configuration(admin, app):
    app.config["IMPORT_MAX_BYTES"] = 100
    assert "Tệp lớn hơn giới hạn" in page_text(upload(admin, xlsx(GOOD_ROWS)))


def test_confirm_revalidates_when_the_data_changed(admin):
    preview = upload(admin, xlsx(GOOD_ROWS))
    make_unit("Sở Nội vụ cũ", code="SNV")  # someone else added it meanwhile, under another name
    db.session.commit()
    response = confirm(admin, token_of(preview))
    text = page_text(response)
    assert "Tên khác tên hiện tại “Sở Nội vụ cũ”" in text
    assert "Chưa ghi gì vào cơ sở dữ liệu" in text
    assert committed_count(Unit) == 1


def test_a_stale_preview_is_shown_again_before_writing(admin):
    preview = upload(admin, xlsx(GOOD_ROWS))
    make_unit("Ủy ban nhân dân tỉnh", code="UBT", kind=UnitKind.PROVINCE)
    db.session.commit()
    again = confirm(admin, token_of(preview))
    text = page_text(again)
    assert "Dữ liệu đã thay đổi kể từ lúc xem trước; chưa ghi gì." in text
    assert "Mới 2 Cập nhật 1 Không đổi 0" in text
    assert committed_count(Unit) == 1
    response = confirm(admin, token_of(again))
    assert "Đã nhập đơn vị: 2 mới, 1 cập nhật, 0 không đổi." in page_text(response)
    assert committed_count(Unit) == 3


def test_a_service_refusal_while_applying_writes_nothing(admin, monkeypatch):
    from inspection.units import services

    real_create, calls = services.create_unit, []

    def create_then_refuse(actor, **kwargs):
        calls.append(kwargs["code"])
        if len(calls) == 3:
            raise RuleViolation("Từ chối thử.", field="code")
        return real_create(actor, **kwargs)

    monkeypatch.setattr(services, "create_unit", create_then_refuse)
    response = confirm(admin, token_of(upload(admin, xlsx(GOOD_ROWS))))
    assert "Mã đơn vị Từ chối thử." in page_text(response)
    assert calls == ["UBT", "SNV", "SNV-PTC"]  # parents first
    assert committed_count(Unit) == 0
    db.session.rollback()
    assert db.session.scalar(select(Unit).limit(1)) is None


def test_tokens_are_checked(admin, client_as):
    from inspection.auth.models import Role

    assert admin.post("/import/confirm", data={"token": "../../config"}).status_code == 400
    response = confirm(admin, "0" * 32)
    assert "Tệp đã tải lên không còn" in page_text(response)
    token = token_of(upload(admin, xlsx(GOOD_ROWS)))
    other_admin = client_as(Role.ADMIN)
    assert "Tệp đã tải lên không còn" in page_text(confirm(other_admin, token))
    confirm(admin, token)
    assert "Tệp đã tải lên không còn" in page_text(confirm(admin, token))  # used once
    assert committed_count(Unit) == 3


def test_numeric_codes_from_excel_are_text(admin):
    import_file(admin, xlsx([UNIT_HEADERS, [101, "Đơn vị số", "office", None, None, None, None],
                             [102, "Đơn vị con", "office", 101.0]]))
    assert unit_by_code("102").parent.code == "101"
