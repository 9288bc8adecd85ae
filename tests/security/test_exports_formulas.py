"""Issue #9: a text starting with "=" (e.g. =HYPERLINK(...)) typed into a dossier note or a recommendation was a
live formula in the council's .xlsx exports. Every such text, typed through the real forms, must come out of
both exports as plain text: a text cell (data type "s", never "f") showing the original text, with the quote
prefix that keeps it text when someone edits the cell. Numbers stay numbers."""

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from inspection.auth.models import Role
from inspection.documents.sheets import append_rows
from inspection.extensions import db
from inspection.findings.models import Recommendation
from inspection.nominations.models import AwardForm
from tests.security.exports_world import (
    DOSSIER_EXPORT,
    REGISTER_EXPORT,
    cell_holding,
    dossier_by_code,
    exported_cells,
    make_export_world,
    new_dossier_data,
)

FORMULAS = ['=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1+1", "=1", "#N/A"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def world(app):
    return make_export_world()


def _typed_in(world, login, text: str, number: int) -> tuple[str, str]:
    """The text typed as a recommendation (by the mission's inspector) and as a dossier note (by the council)
    through the real forms; what each stored."""
    inspector, council = login(world.member), login(world.council)
    created = inspector.post(f"/findings/{world.finding.id}/recommendations/new", data={
        "text": text, "issued_on": "01/12/2017", "due": "30/06/2018", "responsible_units": "KG"})
    assert created.status_code == 302
    filed = council.post("/nominations/dossiers/new", data=new_dossier_data("KG", f"F-{number}", note=text))
    assert filed.status_code == 302, filed.get_data(as_text=True)
    recommendation_id = int(created.headers["Location"].rstrip("/").rsplit("/", 1)[-1])
    db.session.expire_all()
    return db.session.get(Recommendation, recommendation_id).text, dossier_by_code(f"F-{number}").note


def _assert_plain_text(cell, text: str) -> None:
    assert (cell.value, cell.data_type) == (text, "s")
    assert cell.quotePrefix is bool(text.startswith(FORMULA_STARTS))


def test_formulas_typed_into_notes_and_recommendations_are_plain_text_in_both_exports(world, login):
    stored = [_typed_in(world, login, text, number) for number, text in enumerate(FORMULAS)]
    council = login(world.council)

    register, dossiers = exported_cells(council, REGISTER_EXPORT), exported_cells(council, DOSSIER_EXPORT)

    for recommendation_text, note in stored:
        assert recommendation_text.lstrip("\t\r").startswith(("=", "+", "-", "@", "#"))  # the form kept the text
        _assert_plain_text(cell_holding(register, recommendation_text), recommendation_text)
        _assert_plain_text(cell_holding(dossiers, note), note)
    assert [cell.coordinate for cell in register + dossiers if cell.data_type == "f"] == []


@pytest.mark.parametrize("text", ["\t=1", '=HYPERLINK("http://evil","x")'])
def test_a_text_stored_with_a_leading_tab_stays_whole_and_plain(world, login, text):
    """Forms strip the edges of what is typed; an import or an old row may keep them: the file shows them."""
    world.recommendation.text = text
    db.session.commit()

    cell = cell_holding(exported_cells(login(world.council), REGISTER_EXPORT), text)

    _assert_plain_text(cell, text)


def test_ordinary_text_numbers_and_dates_keep_their_types(world, login):
    filed = login(world.council).post("/nominations/dossiers/new", data=new_dossier_data(
        "KG", "N-1", recipient_kind="collective", award_form="CTDUBT", group_rank="2", note="Ghi chú – bình thường"))
    assert filed.status_code == 302

    cells = exported_cells(login(world.council), DOSSIER_EXPORT)

    note = cell_holding(cells, "Ghi chú – bình thường")
    assert note.data_type == "s" and not note.quotePrefix
    assert cell_holding(cells, 2017).data_type == "n" and cell_holding(cells, 2).data_type == "n"


def test_negative_numbers_are_numbers_not_text_starting_with_a_minus():
    """The shared writer, straight into a file: -2 is a number Excel can add up, "-2+3" a text."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("x")
    append_rows(sheet, [[-2, -2.5, Decimal("-3.25"), "-2+3", date(2018, 1, 5)]], date_columns=[4])
    handle = io.BytesIO()
    workbook.save(handle)

    row = next(load_workbook(handle).worksheets[0].iter_rows())

    assert [cell.value for cell in row[:3]] == [-2, -2.5, -3.25]
    assert [cell.data_type for cell in row] == ["n", "n", "n", "s", "d"]
    assert row[3].quotePrefix and not row[0].quotePrefix


def test_the_dossier_import_template_lists_a_formula_named_award_as_text(world, client_as):
    award = db.session.scalar(select(AwardForm).where(AwardForm.code == "BKUBT"))
    award.name_vi = "=1+1"
    db.session.commit()

    cells = exported_cells(client_as(Role.COUNCIL), "/nominations/import/template.xlsx")

    _assert_plain_text(cell_holding(cells, "=1+1"), "=1+1")
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
