"""The schema is built by migrations, and the migrations describe exactly the models."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from inspection.extensions import db
from inspection.textsearch import is_search_index


# SQLite cannot reflect an expression index: alembic says it skips PostgreSQL's (declared for PostgreSQL alone)
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based index")
def test_models_match_the_migration_head(app):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={
            "compare_type": True, "include_name": _not_search_index,
            "include_object": _declared_for(connection.dialect.name)})
        differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_migrations_created_every_table(app):
    tables = set(inspect(db.engine).get_table_names())
    assert {table.name for table in db.metadata.sorted_tables} <= tables
    assert "alembic_version" in tables


def _not_search_index(name, type_, _parent_names) -> bool:
    """SQLite's FTS5 search indexes (virtual tables and their shadow tables) live outside the models."""
    return not (type_ == "table" and is_search_index(name))


def _declared_for(dialect: str):
    """An index the models declare for one database only (`Index(…).ddl_if(dialect=…)`: the search texts'
    trigram index on PostgreSQL, their plain index on SQLite) is compared on that database alone."""
    def include(object_, _name, type_, reflected, _compare_to) -> bool:
        condition = getattr(object_, "_ddl_if", None)
        return reflected or type_ != "index" or condition is None or condition.dialect in (None, dialect)
    return include
