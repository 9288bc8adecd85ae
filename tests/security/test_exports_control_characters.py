"""Issue #9: a control character (Word's soft break \\x0b, or NUL) saved in a note made both council .xlsx
exports answer 500 for everyone, for good; on PostgreSQL a NUL could not even be saved (a 500 on the form).
Typed through the real forms or an import, control characters are dropped (the line-ending ones become a line
feed); rows stored before that, with the raw characters, no longer break either export."""

import pytest
from sqlalchemy import select

from inspection.access import SYSTEM
from inspection.auth.models import Role
from inspection.extensions import db
from inspection.findings.models import Recommendation
from inspection.imports.pipeline import import_file, preview_file
from inspection.nominations.models import Dossier
from tests.nominations.builders import make_dossier
from tests.nominations.test_import import HEADER, MAX_BYTES
from tests.security.exports_world import (
    CONTROLS,
    DOSSIER_EXPORT,
    REGISTER_EXPORT,
    cell_holding,
    dossier_by_code,
    exported_cells,
    make_export_world,
    new_dossier_data,
)

TYPED = "Dòng một\x0bdòng hai\x00 hết\x1f."
SAVED = "Dòng một\ndòng hai hết."


@pytest.fixture
def world(app):
    return make_export_world()


def _on_postgresql() -> bool:
    return db.engine.dialect.name == "postgresql"


def _store_raw(table: str, column: str, row_id: int, text: str) -> None:
    """Write through the driver itself, past every check of the application, as an old version did."""
    connection = db.engine.raw_connection()
    try:
        placeholder = "%s" if _on_postgresql() else "?"
        connection.cursor().execute(f'UPDATE "{table}" SET "{column}" = {placeholder} WHERE id = {placeholder}',
                                    (text, row_id))
        connection.commit()
    finally:
        connection.close()
    db.session.expire_all()


def _assert_no_controls(cells) -> None:
    assert [cell.coordinate for cell in cells if isinstance(cell.value, str) and CONTROLS & set(cell.value)] == []


def test_control_characters_typed_into_a_recommendation_and_a_note_are_dropped(world, login):
    inspector, council = login(world.member), login(world.council)

    created = inspector.post(f"/findings/{world.finding.id}/recommendations/new", data={
        "text": TYPED, "issued_on": "01/12/2017", "due": "30/06/2018", "responsible_units": "KG"})
    edited = inspector.post(f"/recommendations/{world.recommendation.id}/edit", data={
        "text": TYPED + " (sửa)", "responsible_units": "KG", "version": str(world.recommendation.version)})
    filed = council.post("/nominations/dossiers/new", data=new_dossier_data("KG", "CC-1", note=TYPED))

    assert (created.status_code, edited.status_code, filed.status_code) == (302, 302, 302)
    db.session.expire_all()
    texts = set(db.session.scalars(select(Recommendation.text)))
    assert {SAVED, SAVED + " (sửa)"} <= texts
    assert dossier_by_code("CC-1").note == SAVED
    assert council.get(created.headers["Location"]).status_code == 200


def test_a_refused_form_shows_the_text_as_it_would_be_saved(world, login):
    page = login(world.council).post("/nominations/dossiers/new",
                                     data=new_dossier_data("KG", "CC-2", recipient_name="", note=TYPED))

    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Tên đối tượng" in html
    assert SAVED in html and not CONTROLS & set(html)


def test_control_characters_in_an_imported_note_are_dropped(world):
    """A NUL in a CSV file means it is not UTF-8 text (the reader refuses it, and says so): the others here."""
    line = ";".join(["HS-CC", "KG", "2017", "BKUBT", "Cá nhân", "Nguyễn Văn\x0bAn", "Không", "", "", "", "Không", "",
                     "", "", "Nháp", TYPED.replace("\x00", "")])
    data = (";".join(HEADER) + "\r\n" + line + "\r\n").encode("utf-8-sig")

    plan = import_file(SYSTEM, "dossiers", data, "ho-so.csv", MAX_BYTES)
    db.session.commit()

    assert plan.errors == [] and plan.counts["new"] == 1
    stored = dossier_by_code("HS-CC")
    assert (stored.recipient_name, stored.note) == ("Nguyễn Văn An", SAVED)  # names: spaces collapsed
    assert preview_file(SYSTEM, "dossiers", data, "ho-so.csv", MAX_BYTES).counts["unchanged"] == 1


def test_rows_stored_with_control_characters_do_not_break_either_export(world, login):
    """NUL only on SQLite: PostgreSQL never could store it; every other control character on both."""
    dirty = ("Kiến nghị\x0bcũ\x01\x7f\x85 " + ("\x00" if not _on_postgresql() else "") + "=1",
             "Ghi chú\x0c cũ\x1b\x9f" + ("\x00" if not _on_postgresql() else ""))
    dossier = make_dossier(world.own, code="HS-OLD")
    db.session.commit()
    _store_raw("recommendation", "text", world.recommendation.id, dirty[0])
    _store_raw("finding", "title", world.finding.id, "Phát hiện\x08 cũ")
    _store_raw("dossier", "note", dossier.id, dirty[1])
    _store_raw("dossier", "recipient_name", dossier.id, "Tên\x00 cũ" if not _on_postgresql() else "Tên\x02 cũ")
    assert db.session.get(Recommendation, world.recommendation.id).text == dirty[0]  # the old bad row is there
    council = login(world.council)

    register, dossiers = exported_cells(council, REGISTER_EXPORT), exported_cells(council, DOSSIER_EXPORT)

    _assert_no_controls(register + dossiers)
    assert cell_holding(register, "Kiến nghị\ncũ\n =1").data_type == "s"
    cell_holding(register, "Phát hiện cũ")
    cell_holding(dossiers, "Ghi chú\n cũ")
    cell_holding(dossiers, "Tên cũ")


def test_a_nul_in_a_filter_never_reaches_the_database(world, login):
    """PostgreSQL refuses NUL even in a query's parameters: the registry's search box was a 500."""
    council = login(world.council)
    make_dossier(world.own, code="HS-NUL", recipient_name="Lê Thị Hoa")
    db.session.commit()

    assert council.get("/nominations/?q=L%C3%AA%00%0B").status_code == 200
    assert council.get("/recommendations/?unit=K%00G").status_code == 200
    cell_holding(exported_cells(council, DOSSIER_EXPORT + "?q=%00Hoa&unit=K%0BG"), "HS-NUL")
    cell_holding(exported_cells(council, REGISTER_EXPORT + "?unit=K%00G"), world.recommendation.text)


def test_a_dossier_found_by_a_search_with_a_nul_is_the_one_without(world, client_as):
    make_dossier(world.own, code="HS-TIM", recipient_name="Trần Văn Tìm")
    db.session.commit()

    html = client_as(Role.COUNCIL).get("/nominations/?q=T%C3%ACm%00").get_data(as_text=True)

    assert "HS-TIM" in html
    assert len(db.session.scalars(select(Dossier)).all()) == 1
