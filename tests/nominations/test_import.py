"""Importing dossiers from Excel: the template, upload → preview → confirm, every kind of bad row reported with
nothing written, idempotent re-import, updates by Mã hồ sơ + Mã đơn vị, NFD names and stray spaces."""

import io
import re
import unicodedata
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from inspection.access import SYSTEM
from inspection.audit import AuditEntry
from inspection.auth.models import Role
from inspection.documents.refs import parse_ref
from inspection.extensions import db
from inspection.imports.pipeline import import_file, preview_file, write
from inspection.nominations import services
from inspection.nominations.models import AchievementType, Dossier, DossierStatus, RecipientKind
from tests.factories import make_unit
from tests.imports.jobrun import after_jobs
from tests.jobs.run_here import export_file
from tests.nominations.builders import make_dossier

HEADER = ["Mã hồ sơ", "Mã đơn vị", "Năm", "Hình thức khen thưởng", "Đối tượng", "Tên đối tượng",
          "Lãnh đạo, quản lý", "Nhóm cá nhân (Biểu 0603)", "Loại thành tích", "Xếp hạng cụm, khối", "Truy tặng",
          "Ngày trình", "Số quyết định", "Ngày quyết định", "Trạng thái", "Ghi chú"]
MAX_BYTES = 10 * 1024 * 1024


def dossier_row(code="HS-001", unit="KG", year=2017, form="Bằng khen của Chủ tịch UBND tỉnh", kind="Cá nhân",
                name="Nguyễn Văn An", leader="Không", achievement="Chuyên đề", rank=None, posthumous="Không",
                submitted=date(2017, 11, 1), ref="2345/QĐ-UBND", decided=date(2017, 12, 15),
                status="Đã khen thưởng", note=None, group=None) -> list:
    return [code, unit, year, form, kind, name, leader, group, achievement, rank, posthumous, submitted, ref,
            decided, status, note]


def xlsx(rows, header=HEADER) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sheet_rows(data: bytes) -> list[tuple]:
    workbook = load_workbook(io.BytesIO(data), read_only=True)
    return list(workbook.worksheets[0].iter_rows(values_only=True))


def upload(client, data: bytes, name: str = "ho-so.xlsx"):
    """The upload and, its preview job run, the preview page (a refused file: the upload page again)."""
    return after_jobs(client, client.post("/nominations/import", data={"file": (io.BytesIO(data), name)},
                                          content_type="multipart/form-data"))


def confirm(client, token: str, follow: bool = False):
    """The confirmation and, its job run, the job's page: a redirect where the import lands, or the preview."""
    return after_jobs(client, client.post("/nominations/import/confirm", data={"token": token}), follow)


def token_of(html: str) -> str:
    return re.search(r'name="token" type="hidden" value="([0-9a-f]{32})"', html).group(1)


def dossier_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Dossier))


def imports_logged() -> int:
    return db.session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "dossier.import"))


@pytest.fixture
def units(catalogue):
    """Two units (KG, PQ) and the award catalogue."""
    found = {"KG": make_unit("Sở Nội vụ tỉnh Kiên Giang", code="KG"), "PQ": make_unit("UBND huyện Phú Quốc", code="PQ")}
    db.session.commit()
    return found


def test_template_has_exactly_the_columns_lists_and_a_guide(units, client_as):
    response = client_as(Role.COUNCIL).get("/nominations/import/template.xlsx")

    assert response.status_code == 200
    assert "mau-nhap-ho-so-khen-thuong.xlsx" in response.headers["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.data))
    data_sheet, guide = workbook.worksheets[0], workbook["Hướng dẫn"]
    assert [cell.value for cell in data_sheet[1]] == HEADER
    assert [row[0] for row in guide.iter_rows(min_row=2, max_row=17, values_only=True)] == HEADER
    lists = next(sheet for sheet in workbook.worksheets if sheet.sheet_state == "hidden")
    choices = {value for column in lists.iter_cols(values_only=True) for value in column}
    assert {"Chiến sĩ thi đua bộ, ban, ngành, tỉnh", "Chiến sĩ thi đua cấp tỉnh", "Hộ gia đình", "Có", "Không",
            "Đột xuất", "Chờ quyết định", "3"} <= choices
    validated = {str(validation.sqref).split(":")[0][:-1] for validation in data_sheet.data_validations.dataValidation}
    # form, kind, leader, group, type, rank, posthumous, status
    assert validated == {"D", "E", "G", "H", "I", "J", "K", "O"}


def test_template_filled_in_imports_then_exports_and_imports_unchanged(units, client_as):
    client = client_as(Role.ADMIN)
    workbook = load_workbook(io.BytesIO(client.get("/nominations/import/template.xlsx").data))
    sheet = workbook.worksheets[0]
    sheet.delete_rows(2)  # the example row
    for row in (dossier_row(), dossier_row("HS-002", kind="Tập thể", name="Phòng Tổ chức", leader=None, rank=2,
                                           achievement="Thường xuyên (thực hiện nhiệm vụ được giao)"),
                dossier_row("HS-003", unit="PQ", form="Chiến sĩ thi đua cấp tỉnh", posthumous="Có", leader="Có",
                            submitted="05/11/2017", ref=None, decided=None, status="Đã trình",
                            note="Hai dòng\nghi chú")):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)

    preview = upload(client, buffer.getvalue(), "mau-da-dien.xlsx")
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "Xem trước" in html and "mau-da-dien.xlsx" in html
    assert dossier_count() == 0  # nothing written before confirmation
    confirmed = confirm(client, token_of(html))
    assert confirmed.status_code == 302
    assert "3 mới, 0 cập nhật, 0 không đổi" in client.get(confirmed.location).get_data(as_text=True)

    stored = {dossier.code: dossier for dossier in db.session.scalars(select(Dossier))}
    assert stored["HS-002"].recipient_kind == RecipientKind.COLLECTIVE and stored["HS-002"].group_rank == 2
    assert stored["HS-002"].achievement_type == AchievementType.REGULAR and stored["HS-002"].is_leader is None
    assert stored["HS-003"].posthumous and stored["HS-003"].submitted_on == date(2017, 11, 5)
    assert stored["HS-003"].note == "Hai dòng\nghi chú" and stored["HS-003"].status == DossierStatus.SUBMITTED
    assert stored["HS-001"].decision_ref == parse_ref("2345/QĐ-UBND")

    exported = export_file(client, "/nominations/export").data
    plan = preview_file(SYSTEM, "dossiers", exported, "xuat.xlsx", MAX_BYTES)
    assert (plan.counts, plan.errors) == ({"new": 0, "updated": 0, "unchanged": 3}, [])


def test_every_kind_of_bad_row_is_reported_and_nothing_is_written(units, client_as):
    rows = [
        dossier_row("HS-001", unit="XX"),
        dossier_row("HS-002", form="Bằng khen của Chủ tịch tỉnh"),
        dossier_row("HS-003", year="2O17"),
        dossier_row("HS-004", submitted="31/02/2017"),
        dossier_row("HS-005", ref="28O/QĐ-UBND"),
        dossier_row("HS-006", form="Tập thể lao động xuất sắc", kind="Cá nhân"),
        dossier_row("HS-007"),
        dossier_row("HS-007", name="Trần Thị Bình"),
        dossier_row("HS-009", leader="Chắc có"),
        dossier_row("HS-010", year=1800),
    ]
    response = upload(client_as(Role.COUNCIL), xlsx(rows))
    html = response.get_data(as_text=True)

    plan = preview_file(SYSTEM, "dossiers", xlsx(rows), "ho-so.xlsx", MAX_BYTES)
    found = {(error.row, error.column) for error in plan.errors}
    assert found == {(2, "Mã đơn vị"), (3, "Hình thức khen thưởng"), (4, "Năm"), (5, "Ngày trình"),
                     (6, "Số quyết định"), (7, "Đối tượng"), (9, "Mã hồ sơ"), (10, "Lãnh đạo, quản lý"), (11, "Năm")}
    for message in ("Không có đơn vị mang mã “XX”", "Không có hình thức khen thưởng “Bằng khen của Chủ tịch tỉnh”",
                    "“2O17” không hợp lệ", "“31/02/2017” không phải ngày hợp lệ", "Phần số “28O”",
                    "không tặng cho đối tượng “Cá nhân”", "đã có ở dòng 8 của tệp", "“Chắc có” không hợp lệ",
                    "“1800” không hợp lệ"):
        assert message in html
    assert "<td>7</td>" in html and "Số quyết định" in html
    assert "Xác nhận nhập" not in html and 'name="token"' not in html
    assert dossier_count() == 0


def test_a_rule_of_the_dossier_forms_is_a_row_error(units):
    rows = [dossier_row(status="Đã trình"),  # a decision number on a dossier still waiting
            dossier_row("HS-002", decided=date(2017, 10, 1)),  # decided before it was submitted
            dossier_row("HS-003", form="Chiến sĩ thi đua bộ, ban, ngành, tỉnh")]  # the 2022 law's name in 2017

    errors = {error.row: (error.column, error.message) for error in
              preview_file(SYSTEM, "dossiers", xlsx(rows), "ho-so.xlsx", MAX_BYTES).errors}

    assert errors[2][0] == "Số quyết định" and "Chỉ ghi quyết định khi hồ sơ đã có kết quả" in errors[2][1]
    assert errors[3] == ("Ngày quyết định", "Ngày quyết định không thể trước ngày trình (01/11/2017).")
    assert errors[4][0] == "Hình thức khen thưởng" and "chỉ áp dụng từ 01/01/2024" in errors[4][1]


def test_importing_the_same_file_again_changes_nothing(units):
    data = xlsx([dossier_row(), dossier_row("HS-002", status="Nháp", submitted=None, ref=None, decided=None)])
    first = import_file(SYSTEM, "dossiers", data, "ho-so.xlsx", MAX_BYTES)
    db.session.commit()
    versions = dict(db.session.execute(select(Dossier.code, Dossier.version)).all())

    again = import_file(SYSTEM, "dossiers", data, "ho-so.xlsx", MAX_BYTES)
    db.session.commit()

    assert first.counts == {"new": 2, "updated": 0, "unchanged": 0} and first.applied
    assert again.counts == {"new": 0, "updated": 0, "unchanged": 2} and again.applied
    assert dict(db.session.execute(select(Dossier.code, Dossier.version)).all()) == versions
    assert imports_logged() == 1  # the first import only: the second wrote nothing


def test_a_changed_row_updates_its_dossier_by_code_and_unit(units):
    draft = make_dossier(units["KG"], code="HS-001", recipient_name="Nguyễn Văn An")
    other_unit = make_dossier(units["PQ"], code="HS-001", recipient_name="Lê Văn Cường")
    db.session.commit()
    row = dossier_row(name="Nguyễn Văn Ân", status="Đã trình", ref=None, decided=None, note="Sửa tên")

    plan = import_file(SYSTEM, "dossiers", xlsx([row]), "sua.xlsx", MAX_BYTES)
    db.session.commit()

    assert plan.counts == {"new": 0, "updated": 1, "unchanged": 0}
    db.session.refresh(draft)
    db.session.refresh(other_unit)
    assert (draft.recipient_name, draft.status, draft.note, draft.version) == (
        "Nguyễn Văn Ân", DossierStatus.SUBMITTED, "Sửa tên", 2)
    assert other_unit.recipient_name == "Lê Văn Cường" and other_unit.version == 1
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "dossier.import"))
    assert entry.summary == "Nhập hồ sơ đề nghị khen thưởng từ tệp “sua.xlsx”: 0 mới, 1 cập nhật, 0 không đổi"
    assert entry.after["file"] == "sua.xlsx" and entry.after["updated"] == 1


def test_the_preview_lists_what_changes(units, client_as):
    make_dossier(units["KG"], code="HS-001", recipient_name="Nguyễn Văn An")
    db.session.commit()
    data = xlsx([dossier_row(name="Nguyễn Văn Ân", status=None, ref=None, decided=None, submitted=None),
                 dossier_row("HS-002")])

    html = upload(client_as(Role.ADMIN), data).get_data(as_text=True)

    assert "Tên đối tượng: Nguyễn Văn An → Nguyễn Văn Ân" in html
    assert "KG / HS-002 — Nguyễn Văn An" in html and "Xác nhận nhập" in html


def test_a_status_moves_only_one_legal_step(units):
    make_dossier(units["KG"], code="HS-001")  # Nháp
    make_dossier(units["KG"], code="HS-002", status=DossierStatus.AWARDED)
    db.session.commit()
    rows = [dossier_row("HS-001"), dossier_row("HS-002", status="Nháp", ref=None, decided=None)]

    errors = {error.row: error for error in preview_file(SYSTEM, "dossiers", xlsx(rows), "a.xlsx", MAX_BYTES).errors}

    assert errors[2].column == "Trạng thái" and "từ “Nháp” sang “Đã khen thưởng”" in errors[2].message
    assert errors[3].column == "Trạng thái" and "từ “Đã khen thưởng” sang “Nháp”" in errors[3].message


def test_nfd_names_and_stray_spaces_match(units):
    nfd = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731
    row = dossier_row(code=" HS-001 ", unit="KG\u00a0", form=nfd("  Bằng  khen của Chủ tịch UBND   tỉnh "),
                      kind=nfd("cá nhân"), achievement=nfd("Chuyên đề "), status=nfd(" Đã khen thưởng"),
                      name=nfd("Nguyễn Văn An"))
    by_code = dossier_row("HS-002", form="bkubt")

    plan = import_file(SYSTEM, "dossiers", xlsx([row, by_code]), "windows.xlsx", MAX_BYTES)
    db.session.commit()

    assert plan.errors == [] and plan.counts["new"] == 2
    stored = db.session.scalar(select(Dossier).where(Dossier.code == "HS-001"))
    assert stored.award_form.code == "BKUBT" and stored.recipient_name == "Nguyễn Văn An"
    assert stored.recipient_kind == RecipientKind.INDIVIDUAL and stored.status == DossierStatus.AWARDED


def test_dates_as_excel_dates_or_text(units):
    rows = [dossier_row(submitted=date(2017, 11, 2), decided="15/12/2017"),
            dossier_row("HS-002", submitted="02/11/2017", decided=date(2017, 12, 15))]

    import_file(SYSTEM, "dossiers", xlsx(rows), "a.xlsx", MAX_BYTES)
    db.session.commit()

    assert set(db.session.execute(select(Dossier.submitted_on, Dossier.decision_date)).all()) == {
        (date(2017, 11, 2), date(2017, 12, 15))}


def test_confirm_checks_again_and_writes_nothing_when_the_data_moved(units, client_as):
    client = client_as(Role.COUNCIL)
    html = upload(client, xlsx([dossier_row(status="Đã trình", ref=None, decided=None)])).get_data(as_text=True)
    assert "Xác nhận nhập" in html
    make_dossier(units["KG"], code="HS-001", recipient_name="Người khác đã nhập")  # someone else, meanwhile
    db.session.commit()

    response = confirm(client, token_of(html))

    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Dữ liệu đã thay đổi kể từ lúc xem trước" in page
    assert "Tên đối tượng: Người khác đã nhập → Nguyễn Văn An" in page  # the new preview: now an update
    assert dossier_count() == 1 and imports_logged() == 0
    again = confirm(client, token_of(page))
    assert again.status_code == 302 and imports_logged() == 1
    assert db.session.scalar(select(Dossier.recipient_name)) == "Nguyễn Văn An"


def test_confirm_reports_rows_that_became_invalid(units, client_as):
    client = client_as(Role.COUNCIL)
    html = upload(client, xlsx([dossier_row()])).get_data(as_text=True)
    make_dossier(units["KG"], code="HS-001")  # a draft now: "Đã khen thưởng" is no longer one legal step away
    db.session.commit()

    page = confirm(client, token_of(html)).get_data(as_text=True)

    assert "Không thể chuyển trạng thái từ “Nháp” sang “Đã khen thưởng”" in page and "Xác nhận nhập" not in page
    assert dossier_count() == 1 and imports_logged() == 0


def test_a_file_without_the_columns_is_refused_beside_the_field(units, client_as):
    response = upload(client_as(Role.ADMIN), xlsx([["HS-001", "KG"]], header=["Mã hồ sơ", "Mã đơn vị"]))

    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "thiếu cột bắt buộc" in html and "“Năm”" in html
    assert dossier_count() == 0


def test_a_csv_file_imports_too(units):
    line = ("HS-001;KG;2017;BKUBT;Cá nhân;Nguyễn Văn An;Có;;Đột xuất;;Không;01/11/2017;2345/QĐ-UBND;15/12/2017;"
            "Đã khen thưởng;")
    data = (";".join(HEADER) + "\r\n" + line + "\r\n").encode("utf-8-sig")

    plan = import_file(SYSTEM, "dossiers", data, "ho-so.csv", MAX_BYTES)
    db.session.commit()

    assert plan.errors == [] and plan.counts["new"] == 1
    stored = db.session.scalar(select(Dossier))
    assert stored.is_leader is True and stored.achievement_type == AchievementType.EXTRAORDINARY


def test_a_dossier_saved_between_reading_and_writing_is_not_overwritten(units):
    dossier = make_dossier(units["KG"], code="HS-001")
    db.session.commit()
    plan = preview_file(SYSTEM, "dossiers", xlsx([dossier_row(status="Đã trình", ref=None, decided=None)]), "a.xlsx",
                             MAX_BYTES)
    services.update_dossier(SYSTEM, dossier, version=dossier.version, note="Sửa trên trang hồ sơ")
    db.session.commit()

    write(SYSTEM, plan, "sha256")
    db.session.commit()

    assert plan.stale and not plan.applied
    db.session.refresh(dossier)
    assert (dossier.note, dossier.status, dossier.version) == ("Sửa trên trang hồ sơ", DossierStatus.DRAFT, 2)
    assert imports_logged() == 0


def test_a_file_with_nothing_new_offers_no_confirmation(units, client_as):
    data = xlsx([dossier_row()])
    import_file(SYSTEM, "dossiers", data, "ho-so.xlsx", MAX_BYTES)
    db.session.commit()

    html = upload(client_as(Role.COUNCIL), data).get_data(as_text=True)

    assert "Tệp không có gì mới: mọi dòng đều trùng dữ liệu hiện có." in html
    assert "Xác nhận nhập" not in html and 'name="token"' not in html
