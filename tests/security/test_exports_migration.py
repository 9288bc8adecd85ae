"""Issue #9: rows saved with control characters before the fix must not break an export again. The migration
sec_exports cleans every text column of every table in place; here it runs on rows written with raw SQL past
the application (NUL too on SQLite; PostgreSQL never could store it)."""

import importlib.util
from pathlib import Path

import pytest
from sqlalchemy import text

from inspection.access import SYSTEM
from inspection.extensions import db
from inspection.nominations.catalogue import seed_catalogue
from tests.factories import make_unit, make_user
from tests.nominations.builders import make_dossier

MIGRATION = next((Path(__file__).parents[2] / "migrations" / "versions").glob("*_sec_exports_*.py"))


def _migration():
    spec = importlib.util.spec_from_file_location("sec_exports", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def rows(app):
    seed_catalogue(SYSTEM)
    unit = make_unit("Sở Nội vụ", code="SNV")
    user = make_user(full_name="Nguyễn Văn A")
    dossier = make_dossier(unit, code="HS-1", note="Ghi chú")
    db.session.commit()
    return {"dossier": dossier.id, "user": user.id}


def _store_raw(table: str, column: str, row_id: int, value: str) -> None:
    """Write through the driver itself, past every check of the application, as an old version did."""
    connection = db.engine.raw_connection()
    try:
        placeholder = "%s" if db.engine.dialect.name == "postgresql" else "?"
        connection.cursor().execute(f'UPDATE "{table}" SET "{column}" = {placeholder} WHERE id = {placeholder}',
                                    (value, row_id))
        connection.commit()
    finally:
        connection.close()


def _stored(table: str, column: str, row_id: int) -> str:
    with db.engine.connect() as connection:
        return connection.execute(text(f'SELECT "{column}" FROM "{table}" WHERE id = :id'), {"id": row_id}).scalar()


def test_the_migration_removes_control_characters_from_every_text_column(rows):
    nul = "" if db.engine.dialect.name == "postgresql" else "\x00"
    dirty = {
        ("dossier", "note", rows["dossier"]): (f"Dòng\x0bhai\x01\x7f{nul}\x9f\tcột\r\nhết", "Dòng\nhai\tcột\r\nhết"),
        ("dossier", "recipient_name", rows["dossier"]): (f"Lê{nul} Thị\x1b Hoa\ufffe", "Lê Thị Hoa"),
        ("user", "full_name", rows["user"]): ("Nguyễn\x0c Văn\x85A", "Nguyễn\n Văn\nA"),
    }
    for (table, column, row_id), (value, _clean) in dirty.items():
        _store_raw(table, column, row_id, value)
    assert _stored("dossier", "note", rows["dossier"]) == dirty["dossier", "note", rows["dossier"]][0]

    with db.engine.begin() as connection:
        _migration().clean_stored_text(connection)

    assert {key: _stored(*key) for key in dirty} == {key: clean for key, (_value, clean) in dirty.items()}
    assert _stored("dossier", "code", rows["dossier"]) == "HS-1"  # clean text is left as it was


def test_the_migration_runs_on_a_database_with_nothing_to_clean(rows):
    with db.engine.begin() as connection:
        _migration().clean_stored_text(connection)

    assert _stored("dossier", "note", rows["dossier"]) == "Ghi chú"
