"""Migration ops_recnum on a database that already holds recommendations: each gets a number, per mission in
the order they were created, the same on SQLite and PostgreSQL; the column is then NOT NULL and unique, and the
search text holds the number."""

import os
from datetime import date, datetime

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, make_url, text
from sqlalchemy.exc import IntegrityError

from inspection import create_app
from inspection.extensions import db
from tests.conftest import make_config


@pytest.fixture
def empty_database(tmp_path):
    """A database of its own (the shared test database is already at the head)."""
    url = os.environ.get("INSPECTION_TEST_DATABASE_URL")
    if not url:
        yield "sqlite:///" + str(tmp_path / "before.sqlite3")
        return
    base = make_url(url)
    name = f"{base.database}_recnum_migration"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield base.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _rows(connection, table: str, rows: list[dict]) -> None:
    """Plain SQL: the models describe the head, not the schema before ops_recnum."""
    connection.execute(
        text(f"INSERT INTO {table} ({', '.join(rows[0])}) VALUES ({', '.join(':' + key for key in rows[0])})"), rows)


def _existing_data(connection) -> None:
    created = datetime(2018, 1, 5, 8, 0)
    _rows(connection, "unit", [{"id": 1, "code": "KG", "kind": "province", "created_at": created, "version": 1,
                                "search_text": "kg"}])
    _rows(connection, "mission", [
        {"id": 4, "kind": "inspection", "title": "Đoàn 2017", "status": "in_progress",
         "decision_date": date(2017, 9, 1), "created_at": created, "version": 1, "search_text": ""},
        {"id": 9, "kind": "inspection", "title": "Đoàn chưa có quyết định", "status": "draft", "decision_date": None,
         "created_at": created, "version": 1, "search_text": ""}])
    _rows(connection, "finding", [
        {"id": finding_id, "mission_id": mission_id, "unit_id": 1, "kind": "shortcoming", "category": "backlog",
         "severity": "minor", "title": "Tồn tại", "created_at": created, "version": 1, "search_text": ""}
        for finding_id, mission_id in ((1, 4), (2, 9), (3, 4))])
    _rows(connection, "recommendation", [
        {"id": rec_id, "finding_id": finding_id, "text": f"Kiến nghị {rec_id}", "verified_status": "open",
         "created_at": created, "version": 1, "search_text": ""}
        for rec_id, finding_id in ((10, 1), (11, 2), (12, 3), (13, 1), (14, 2))])


def test_existing_recommendations_get_numbers_per_mission_in_creation_order(empty_database, tmp_path):
    app = create_app(make_config(empty_database, None, FILES_FOLDER=str(tmp_path / "files"),
                                 JOBS_SQLITE_PATH=str(tmp_path / "jobs.sqlite3")))
    with app.app_context():
        upgrade(revision="ops_recnum-1")
        with db.engine.begin() as connection:
            _existing_data(connection)
        upgrade(revision="ops_recnum")
        with db.engine.begin() as connection:
            numbers = dict(connection.execute(text("SELECT id, number FROM recommendation ORDER BY id")).all())
            searched = connection.scalar(text("SELECT search_text FROM recommendation WHERE id = 13"))
        assert numbers == {10: "KN-01/Đ4-2017", 11: "KN-01/Đ9-2018", 12: "KN-02/Đ4-2017", 13: "KN-03/Đ4-2017",
                           14: "KN-02/Đ9-2018"}
        assert searched == "kn-03/d4-2017 kien nghi 13"
        columns = {column["name"]: column for column in inspect(db.engine).get_columns("recommendation")}
        assert columns["number"]["nullable"] is False
        with pytest.raises(IntegrityError), db.engine.begin() as connection:
            connection.execute(text("UPDATE recommendation SET number = 'KN-01/Đ4-2017' WHERE id = 12"))
        downgrade(revision="ops_recnum-1")
        assert "number" not in {column["name"] for column in inspect(db.engine).get_columns("recommendation")}
        db.engine.dispose()
