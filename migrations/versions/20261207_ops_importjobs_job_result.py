"""a job's JSON result (an import's preview report, shown by the page that started it)

Revision ID: ops_importjobs
Revises: ux_search
Create Date: 2026-12-07 16:40:00.000000
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'ops_importjobs'
down_revision = 'ux_search'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('job', schema=None) as batch_op:
        batch_op.add_column(sa.Column('result', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('job', schema=None) as batch_op:
        batch_op.drop_column('result')
