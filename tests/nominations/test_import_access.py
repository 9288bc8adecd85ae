"""Who may import dossiers: admins and the council for any unit, unit officers for their own units only (and
only drafts or submissions, as on the forms); inspectors read but never import."""

import io

import pytest

from inspection.auth.models import Role
from inspection.extensions import db
from inspection.imports.pipeline import preview_file
from inspection.nominations import exporting
from inspection.nominations.filters import DossierFilter
from inspection.nominations.models import DossierStatus
from inspection.units.scope import visible_unit_ids
from tests.factories import make_unit, make_user
from tests.nominations.builders import make_dossier
from tests.nominations.test_import import MAX_BYTES, confirm, dossier_count, dossier_row, token_of, upload, xlsx

SUBMITTED = {"status": "Đã trình", "ref": None, "decided": None}


@pytest.fixture
def units(catalogue):
    found = {"KG": make_unit("Sở Nội vụ", code="KG"), "PQ": make_unit("UBND huyện Phú Quốc", code="PQ")}
    found["KG-1"] = make_unit("Phòng Thi đua", code="KG-1", parent=found["KG"])
    db.session.commit()
    return found


@pytest.mark.parametrize("path", ["/nominations/import", "/nominations/import/template.xlsx"])
def test_inspectors_cannot_import(units, client_as, path):
    client = client_as(Role.INSPECTOR)

    assert client.get(path).status_code == 403
    assert upload(client, xlsx([dossier_row(**SUBMITTED)])).status_code == 403
    assert client.post("/nominations/import/confirm", data={"token": "0" * 32}).status_code == 403
    assert dossier_count() == 0


def test_the_service_refuses_an_inspector_too(units):
    inspector = make_user(Role.INSPECTOR)

    with pytest.raises(Exception, match="không có quyền nhập hồ sơ"):
        preview_file(inspector, "dossiers", xlsx([dossier_row(**SUBMITTED)]), "a.xlsx", MAX_BYTES)


def test_a_unit_officer_imports_own_units_and_a_row_for_another_unit_is_an_error(units, client_as):
    client = client_as(Role.UNIT_OFFICER, units=[units["KG"]])
    rows = [dossier_row(**SUBMITTED), dossier_row("HS-002", unit="KG-1", **SUBMITTED),
            dossier_row("HS-003", unit="PQ", **SUBMITTED)]

    html = upload(client, xlsx(rows)).get_data(as_text=True)

    assert "<td>4</td>" in html and "Bạn chỉ được nhập hồ sơ của đơn vị mình phụ trách" in html and "“PQ”" in html
    assert "Xác nhận nhập" not in html and dossier_count() == 0

    html = upload(client, xlsx(rows[:2])).get_data(as_text=True)
    assert confirm(client, token_of(html)).status_code == 302
    assert dossier_count() == 2


def test_a_unit_officer_records_only_drafts_and_submissions(units):
    officer = make_user(Role.UNIT_OFFICER, units=[units["KG"]])
    make_dossier(units["KG"], code="HS-009", status=DossierStatus.PENDING_DECISION)
    db.session.commit()
    rows = [dossier_row(), dossier_row("HS-009", name="Đổi tên", status=None, ref=None, decided=None)]

    errors = {error.row: error for error in preview_file(officer, "dossiers", xlsx(rows), "a.xlsx", MAX_BYTES).errors}

    assert errors[2].column == "Trạng thái"
    assert "chỉ được ghi hồ sơ ở trạng thái Nháp hoặc Đã trình" in errors[2].message
    assert "đơn vị chỉ sửa hồ sơ của mình khi còn là Nháp" in errors[3].message


def test_a_unit_officer_may_reimport_an_export_holding_decided_dossiers(units):
    officer = make_user(Role.UNIT_OFFICER, units=[units["KG"]])
    make_dossier(units["KG"], code="HS-001", status=DossierStatus.AWARDED)
    make_dossier(units["KG-1"], code="HS-002", status=DossierStatus.PENDING_DECISION)
    db.session.commit()
    exported = io.BytesIO()
    exporting.write_workbook(exported, exporting.export_rows(DossierFilter(), visible_unit_ids(officer)))

    plan = preview_file(officer, "dossiers", exported.getvalue(), "xuat.xlsx", MAX_BYTES)

    assert (plan.errors, plan.counts) == ([], {"new": 0, "updated": 0, "unchanged": 2})


def test_someone_elses_upload_cannot_be_confirmed(units, client_as):
    html = upload(client_as(Role.COUNCIL), xlsx([dossier_row()])).get_data(as_text=True)

    response = confirm(client_as(Role.ADMIN), token_of(html), follow=True)

    assert "Tệp đã tải lên không còn" in response.get_data(as_text=True)
    assert dossier_count() == 0
