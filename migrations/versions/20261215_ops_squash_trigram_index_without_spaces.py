"""PostgreSQL: each search text's trigram index is built on the text without its spaces

Revision ID: ops_squash
Revises: ops_yeardash
Create Date: 2026-12-15 09:00:00.000000

pg_trgm takes its trigrams inside each word. Every syllable of a Vietnamese name is common ("minh", "mai"), so
the trigrams of "hồ minh mai" were in 7.208 of a million dossiers, of which 1.376 hold the name: the index read
the long lists of each syllable and the table checked every row. Without the spaces ("hominhmai") the trigrams
cross the syllables' boundaries ("nhm", "hma"), which few texts hold: the index yields the 1.376 rows alone,
from shorter lists, and is smaller (79 against 96 MB for the dossiers). A text holding the words holds them
squashed, so the index misses nothing; the query then checks the words with their spaces
(inspection/textsearch.py, `squashed`).

SQLite is unchanged: its trigram index is the FTS5 table; its plain index on search_text stays.
"""
import warnings

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'ops_squash'
down_revision = 'ops_yeardash'
branch_labels = None
depends_on = None

#: the searchable tables as they are at this revision (a migration keeps its own list)
TABLES = ("unit", "mission", "self_report", "working_session", "finding", "recommendation", "dossier",
          "audit_entry")


def upgrade():
    if not _trigram_indexed():
        return
    for table in TABLES:
        op.execute(f"DROP INDEX IF EXISTS ix_{table}_search_text")
        op.execute(f"CREATE INDEX ix_{table}_search_squashed ON {table} "
                   "USING gin ((replace(search_text, ' ', '')) gin_trgm_ops)")


def downgrade():
    if not _trigram_indexed():
        return
    for table in TABLES:
        op.execute(f"DROP INDEX IF EXISTS ix_{table}_search_squashed")
        op.execute(f"CREATE INDEX ix_{table}_search_text ON {table} USING gin (search_text gin_trgm_ops)")


def _trigram_indexed() -> bool:
    """PostgreSQL with pg_trgm (an earlier migration left the texts unindexed on a server without it)."""
    connection = op.get_bind()
    if connection.dialect.name != "postgresql":
        return False
    found = connection.scalar(sa.text("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'"))
    if not found:
        warnings.warn("pg_trgm unavailable: search_text left unindexed", stacklevel=1)
    return bool(found)
