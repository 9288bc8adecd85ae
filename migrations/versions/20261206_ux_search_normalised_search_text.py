"""normalised search text on searchable records, with trigram indexes on PostgreSQL

Revision ID: ux_search
Revises: sec_conflicts
Create Date: 2026-12-06 15:45:00

Each searchable table gets `search_text` (lower case, no accents, đ → d, spaces collapsed), filled here for
the rows that exist; from now on the application keeps it (inspection/textsearch.py). On PostgreSQL the
index is a trigram GIN index (pg_trgm), which answers LIKE '%…%'; where the extension cannot be created the
column stays unindexed (searches still work, by scanning) and a warning says so. On SQLite a plain index.
"""
import re
import unicodedata
import warnings

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'ux_search'
down_revision = 'ops_jobs'
branch_labels = None
depends_on = None

#: table → the columns it is found by (a frozen copy of the models' declarations at this revision)
SOURCES = {
    "unit": ("code",),
    "mission": ("title", "decision_ref", "conclusion_ref"),
    "self_report": ("ref", "subject"),
    "working_session": ("minutes_ref", "place"),
    "finding": ("title",),
    "recommendation": ("text",),
    "dossier": ("code", "recipient_name"),
}
BATCH = 2000
_SPACES = re.compile(r"\s+")
_FOLD = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "ı": "i"})


def normalise(text):
    """A frozen copy of inspection.textsearch.normalise (a migration must not change when the code does)."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", str(text).translate(_FOLD))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SPACES.sub(" ", unicodedata.normalize("NFC", bare).casefold().translate(_FOLD)).strip()


def upgrade():
    for table in SOURCES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('search_text', sa.Text(), server_default='', nullable=False))
    connection = op.get_bind()
    for table, columns in SOURCES.items():
        backfill(connection, table, columns)
    trigram = connection.dialect.name != "postgresql" or _trigram_available(connection)
    for table in SOURCES:
        if trigram:
            op.create_index(f"ix_{table}_search_text", table, ["search_text"], unique=False,
                            postgresql_using="gin", postgresql_ops={"search_text": "gin_trgm_ops"})


def downgrade():
    for table in SOURCES:
        op.execute(f"DROP INDEX IF EXISTS ix_{table}_search_text")
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('search_text')


def _trigram_available(connection) -> bool:
    """CREATE EXTENSION pg_trgm, under a savepoint: a server without it (or a role without the right)
    leaves the migration going on without the indexes."""
    try:
        with connection.begin_nested():
            connection.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
        return True
    except sa.exc.DBAPIError as error:
        warnings.warn(f"pg_trgm unavailable ({error.orig}): search_text left unindexed", stacklevel=1)
        return False


def backfill(connection, table: str, columns: tuple[str, ...]) -> None:
    names = ", ".join(columns)
    rows = connection.execute(sa.text(f"SELECT id, {names} FROM {table} ORDER BY id")).all()
    unit_names = _unit_names(connection) if table == "unit" else {}
    update = sa.text(f"UPDATE {table} SET search_text = :text WHERE id = :id")
    for start in range(0, len(rows), BATCH):
        params = [{"id": row[0], "text": _text(list(row[1:]) + unit_names.get(row[0], []))}
                  for row in rows[start:start + BATCH]]
        connection.execute(update, params)


def _unit_names(connection) -> dict:
    names = {}
    for unit_id, name in connection.execute(sa.text("SELECT unit_id, name FROM unit_name ORDER BY id")):
        names.setdefault(unit_id, []).append(name)
    return names


def _text(values) -> str:
    return normalise(" ".join(str(value) for value in values if value not in (None, "")))
