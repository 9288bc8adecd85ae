"""normalised search text on the audit log's summaries (the log page's text filter)

Revision ID: ops_auditlog
Revises: ops_importjobs
Create Date: 2026-12-07 18:00:00.000000

Filled here for the entries that exist (through Core: the ORM refuses to update an audit entry), from now on
written with each entry (inspection/textsearch.py). Indexed like the other searchable tables: trigram GIN on
PostgreSQL when pg_trgm is available, a plain index on SQLite.
"""
import re
import unicodedata
import warnings

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'ops_auditlog'
down_revision = 'ops_importjobs'
branch_labels = None
depends_on = None

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
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('search_text', sa.Text(), server_default='', nullable=False))
    connection = op.get_bind()
    backfill(connection)
    if connection.dialect.name != "postgresql" or _trigram_available(connection):
        op.create_index("ix_audit_entry_search_text", "audit_entry", ["search_text"], unique=False,
                        postgresql_using="gin", postgresql_ops={"search_text": "gin_trgm_ops"})


def downgrade():
    op.execute("DROP INDEX IF EXISTS ix_audit_entry_search_text")
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_column('search_text')


def backfill(connection):
    table = sa.table("audit_entry", sa.column("id"), sa.column("summary"), sa.column("search_text"))
    rows = connection.execute(sa.select(table.c.id, table.c.summary).order_by(table.c.id)).all()
    statement = table.update().where(table.c.id == sa.bindparam("b_id")).values(
        search_text=sa.bindparam("b_text"))
    for start in range(0, len(rows), BATCH):
        chunk = rows[start:start + BATCH]
        connection.execute(statement, [{"b_id": row[0], "b_text": normalise(row[1])} for row in chunk])


def _trigram_available(connection) -> bool:
    try:
        with connection.begin_nested():
            connection.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
        return True
    except sa.exc.DBAPIError as error:
        warnings.warn(f"pg_trgm unavailable ({error.orig}): search_text left unindexed", stacklevel=1)
        return False
