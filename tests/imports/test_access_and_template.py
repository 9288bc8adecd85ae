"""Only administrators import; the template workbooks carry headers, an example, drop-downs and a guide."""

import io

import pytest
from openpyxl import load_workbook

from inspection.auth.models import Role
from inspection.imports import groups, units
from inspection.imports.pipeline import preview_file
from tests.factories import make_unit
from tests.imports.files import GROUP_HEADERS, UNIT_HEADERS, xlsx


@pytest.mark.parametrize("role", [Role.UNIT_OFFICER, Role.INSPECTOR, Role.COUNCIL])
def test_non_admins_are_refused_everywhere(client_as, role):
    client = client_as(role, units=[make_unit()])
    file = (io.BytesIO(xlsx([UNIT_HEADERS, ["A", "B", "office"]])), "don-vi.xlsx")
    responses = [client.get("/import/"),
                 client.post("/import/", data={"kind": "units", "file": file}, content_type="multipart/form-data"),
                 client.post("/import/confirm", data={"token": "0" * 32}),
                 client.get("/import/template/units.xlsx"),
                 client.get("/import/template/groups.xlsx")]
    assert [response.status_code for response in responses] == [403] * 5


def test_anonymous_visitors_are_sent_to_login(client):
    assert client.get("/import/").status_code == 302


def test_upload_page_links_templates(admin):
    page = admin.get("/import/").get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in page
    assert "/import/template/units.xlsx" in page and "/import/template/groups.xlsx" in page


@pytest.mark.parametrize(("kind", "headers", "lists"), [
    ("units", UNIT_HEADERS, {"C": units.kind_labels}),
    ("groups", GROUP_HEADERS, {"B": groups.kind_labels, "E": groups.role_labels}),
])
def test_template_workbook(admin, kind, headers, lists):
    lists = {column: labels() for column, labels in lists.items()}
    response = admin.get(f"/import/template/{kind}.xlsx")
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    workbook = load_workbook(io.BytesIO(response.data))
    data, guide = workbook.worksheets[0], workbook["Hướng dẫn"]
    assert workbook.sheetnames.index("Hướng dẫn") == 1
    assert [cell.value for cell in data[1]] == headers
    assert data.max_row == 2  # the header and one example row
    assert [row[0] for row in guide.iter_rows(min_row=2, max_row=len(headers) + 1, values_only=True)] == headers
    validations = {str(v.sqref).split(":")[0][0]: v.formula1 for v in data.data_validations.dataValidation}
    assert set(validations) == set(lists)
    choices = workbook["Danh mục"]
    for column, formula in validations.items():
        sheet_name, cells = formula.split("!")
        assert sheet_name == "'Danh mục'"
        values = [cell.value for row in choices[cells.replace("$", "")] for cell in row]
        assert values == lists[column]


def test_template_example_row_passes_validation(app):
    from flask import current_app

    from inspection.access import SYSTEM
    from inspection.imports.builtin import unit_template

    plan = preview_file(SYSTEM, "units", unit_template(), "mau.xlsx", current_app.config["IMPORT_MAX_BYTES"])
    assert plan.errors == [] and plan.counts["new"] == 1


def test_unknown_template_kind_is_not_found(admin):
    assert admin.get("/import/template/users.xlsx").status_code == 404


def test_each_kind_gives_its_own_advice(admin):
    """The units file and the clusters-and-blocks file are different files; each names its own rules."""
    page = admin.get("/import/").get_data(as_text=True)
    assert "Tên đơn vị đã có không bị ghi đè" in page
    assert "Mỗi dòng là một đơn vị thành viên của một cụm, khối trong một năm" in page
