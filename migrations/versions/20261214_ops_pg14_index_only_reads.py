"""PostgreSQL index-only reads: the registry's index holds the dossier id, the open recommendations by id

Revision ID: ops_pg14
Revises: ops_dash14
Create Date: 2026-12-14 09:00:00.000000

The registry orders by (year, unit_id, code, id) and reads only the ids first. With the id in the index PostgreSQL
answers that from the index alone (an index-only scan): a numbered page 1/8 into a million dossiers, or the first
page of a province whose units come last in that order, skips index entries instead of fetching every row passed.
SQLite's indexes already end with the row id: there it changes nothing.

ix_recommendation_open_id: the open recommendations by id with their due date (partial). A province officer's
to-do looks up the few thousand recommendations its units share and keeps the open ones with their due date:
from this index alone, instead of a row fetched per id (the national to-do's statement: 39 → 17 ms).
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'ops_pg14'
down_revision = 'ops_dash14'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('dossier', schema=None) as batch_op:
        batch_op.create_index('ix_dossier_year_unit_code_id', ['year', 'unit_id', 'code', 'id'], unique=False)
        batch_op.drop_index('ix_dossier_year_unit_code')
    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.create_index('ix_recommendation_open_id', ['id'], unique=False, postgresql_include=['current_due'],
                              postgresql_where=sa.text("verified_status = 'open'"),
                              sqlite_where=sa.text("verified_status = 'open'"))


def downgrade():
    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.drop_index('ix_recommendation_open_id')
    with op.batch_alter_table('dossier', schema=None) as batch_op:
        batch_op.create_index('ix_dossier_year_unit_code', ['year', 'unit_id', 'code'], unique=False)
        batch_op.drop_index('ix_dossier_year_unit_code_id')
