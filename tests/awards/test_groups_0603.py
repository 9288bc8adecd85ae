"""Biểu 0603's groups of individuals: a column of the dossier template, import and export, a field of the
dossier form; a report whose individuals lack a group says how many and links to them."""

import html
import io
import re

from openpyxl import load_workbook
from sqlalchemy import select

from inspection.auth.models import Role
from inspection.extensions import db
from inspection.nominations.models import Dossier, DossierStatus, LeaderGroup
from tests.factories import make_unit
from tests.nominations.builders import make_dossier
from tests.nominations.test_import import confirm, dossier_row, token_of, upload, xlsx
from tests.nominations.test_report import line_numbers

GROUP = "Nhóm cá nhân (Biểu 0603)"
AWARDED = DossierStatus.AWARDED


def test_the_template_has_the_group_column_with_its_five_choices(client_as, catalogue):
    workbook = load_workbook(io.BytesIO(client_as(Role.COUNCIL).get("/nominations/import/template.xlsx").data))
    header = [cell.value for cell in workbook.worksheets[0][1]]
    lists = next(sheet for sheet in workbook.worksheets if sheet.sheet_state == "hidden")
    choices = {value for column in lists.iter_cols(values_only=True) for value in column}

    assert GROUP in header
    assert {"Lãnh đạo cấp tỉnh", "Lãnh đạo cấp sở, ngành", "Doanh nhân", "Lãnh đạo, quản lý khác",
            "Người trực tiếp lao động, công tác"} <= choices


def test_an_imported_group_is_stored_and_exported(client_as, catalogue):
    make_unit("Sở Nội vụ", code="KG")
    db.session.commit()
    admin = client_as(Role.ADMIN)
    rows = [dossier_row("HS-1", leader=None, group="Doanh nhân", ref="1/QĐ-UBND"),
            dossier_row("HS-2", leader="Không", group="người trực tiếp lao động, CÔNG TÁC", ref="2/QĐ-UBND"),
            dossier_row("HS-3", leader="Không", group="Lãnh đạo cấp tỉnh", ref="3/QĐ-UBND")]

    preview = html.unescape(upload(admin, xlsx(rows)).get_data(as_text=True))

    # a leader's group for a non-leader: refused, named by the group's column
    assert re.search(r"<td>4</td><td[^>]*>Nhóm cá nhân \(Biểu 0603\)</td><td>Nhóm “Lãnh đạo cấp tỉnh” không khớp",
                     preview), re.sub(r"<[^>]+>", " ", preview.split("<main")[1])[:2000]
    upload_ok = upload(admin, xlsx(rows[:2])).get_data(as_text=True)
    confirm(admin, token_of(upload_ok))
    stored = {d.code: d for d in db.session.scalars(select(Dossier))}
    assert stored["HS-1"].leader_group == LeaderGroup.ENTREPRENEUR and stored["HS-1"].is_leader is True
    assert stored["HS-2"].leader_group == LeaderGroup.DIRECT_WORKER


def test_the_dossier_form_saves_the_group(client_as, catalogue):
    unit = make_unit("Sở Nội vụ", code="KG")
    dossier = make_dossier(unit)
    db.session.commit()
    admin = client_as(Role.ADMIN)
    page = admin.get(f"/nominations/dossiers/{dossier.id}/edit").get_data(as_text=True)
    assert 'name="leader_group"' in page and "Người trực tiếp lao động, công tác" in page


def test_a_report_says_how_many_individuals_lack_a_group_and_links_to_them(client_as, catalogue):
    unit = make_unit(code="DV-G")
    make_dossier(unit, status=AWARDED, leader_group=LeaderGroup.DIRECT_WORKER, recipient_name="Có nhóm")
    make_dossier(unit, status=AWARDED, recipient_name="Chưa nhóm một")
    make_dossier(unit, status=AWARDED, recipient_name="Chưa nhóm hai", is_leader=True)
    db.session.commit()
    inspector = client_as(Role.INSPECTOR)

    page = inspector.get("/nominations/report?unit=DV-G").get_data(as_text=True)

    assert line_numbers(page)["provincial.individuals"] == "3"
    note = re.search(r"<p[^>]*data-missing-group>(.*?)</p>", page, re.S)
    assert note and "2 cá nhân chưa ghi nhóm đối tượng của Biểu 0603" in note.group(1)
    href = html.unescape(re.search(r'href="([^"]+)"', note.group(1)).group(1))
    registry = inspector.get(href).get_data(as_text=True)
    assert "Chưa nhóm một" in registry and "Chưa nhóm hai" in registry and "Có nhóm" not in registry
    assert "Chưa ghi nhóm" in registry  # the filter is shown as chosen


def test_no_note_when_every_individual_has_a_group(client_as, catalogue):
    unit = make_unit(code="DV-H")
    make_dossier(unit, status=AWARDED, leader_group=LeaderGroup.OTHER_LEADER)
    db.session.commit()
    page = client_as(Role.INSPECTOR).get("/nominations/report?unit=DV-H").get_data(as_text=True)
    assert "data-missing-group" not in page
