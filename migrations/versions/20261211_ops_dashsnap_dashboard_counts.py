"""the dashboard's kept counts (dashboard_count, dashboard_fact, dashboard_state), counted once here

Revision ID: ops_dashsnap
Revises: ops_official
Create Date: 2026-12-11 09:00:00.000000

The counts are built from the data already there (inspection/dashboard/counting.py), as of today in Vietnam;
from then on every change keeps them (maintenance.py) and a daily job moves the aging buckets to the new day.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'ops_dashsnap'
down_revision = 'ops_official'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('dashboard_count',
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('k1', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('k2', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('k3', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('n', sa.Integer(), nullable=False),
    sa.Column('d1', sa.Integer(), nullable=False),
    sa.Column('d31', sa.Integer(), nullable=False),
    sa.Column('d61', sa.Integer(), nullable=False),
    sa.Column('d91', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('kind', 'k1', 'k2', 'k3', name=op.f('pk_dashboard_count'))
    )
    op.create_table('dashboard_fact',
    sa.Column('recommendation_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('keys', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('recommendation_id', name=op.f('pk_dashboard_fact'))
    )
    op.create_table('dashboard_state',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.Column('built_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dashboard_state'))
    )
    # counted by ops_yeardash: today's counting code writes the columns of the head's table, not this one's


def downgrade():
    op.drop_table('dashboard_state')
    op.drop_table('dashboard_fact')
    op.drop_table('dashboard_count')
