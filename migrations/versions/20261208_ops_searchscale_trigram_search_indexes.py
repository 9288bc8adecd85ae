"""trigram search indexes: FTS5 tables on SQLite, pg_trgm GIN indexes on PostgreSQL

Revision ID: ops_searchscale
Revises: ops_recnum
Create Date: 2026-12-07 19:00:00.000000

A search is "the normalised search text contains these words". At national scale (a million dossiers) the
plain `LIKE '%…%'` reads every row on SQLite. Here each searchable table gets, on SQLite, an FTS5 table with
the `trigram` tokenizer over its `search_text` column (external content: the index only, the text stays in
the table), filled now and kept by triggers on every insert, delete and change of `search_text` — bulk Core
writes included. On PostgreSQL the trigram GIN indexes of `ux_search` / `ops_auditlog` already answer LIKE;
they need the pg_trgm extension (CREATE EXTENSION pg_trgm, done there when the role may): a server without it
still searches, by scanning. Queries of fewer than three characters cannot use a trigram index on either
database (inspection/textsearch.py scans for them).
"""
from alembic import op

# revision identifiers, used by Alembic.
revision = 'ops_searchscale'
down_revision = 'ops_recnum'
branch_labels = None
depends_on = None

#: the searchable tables at this revision (a frozen copy of inspection.textsearch's declarations)
TABLES = ("unit", "mission", "self_report", "working_session", "finding", "recommendation", "dossier",
          "audit_entry")


def upgrade():
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in TABLES:
        for statement in create_statements(table):
            op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in TABLES:
        for statement in drop_statements(table):
            op.execute(statement)


def create_statements(table: str) -> list[str]:
    """The FTS5 index of `table`.search_text, filled ('rebuild' reads the table), and its three triggers."""
    fts = f"{table}_fts"
    delete = f"INSERT INTO {fts}({fts}, rowid, search_text) VALUES ('delete', old.id, old.search_text);"
    insert = f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text);"
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5(search_text, content='{table}', content_rowid='id', "
        "tokenize='trigram')",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
        f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER {fts}_update AFTER UPDATE OF search_text ON {table} BEGIN {delete} {insert} END",
    ]


def drop_statements(table: str) -> list[str]:
    fts = f"{table}_fts"
    return [f"DROP TRIGGER IF EXISTS {fts}_{event}" for event in ("insert", "delete", "update")] + [
        f"DROP TABLE IF EXISTS {fts}"]
