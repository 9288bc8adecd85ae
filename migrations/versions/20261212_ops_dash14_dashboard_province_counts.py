"""the dashboard's kept counts also per province (dashboard_count.scope), counted again here

Revision ID: ops_dash14
Revises: ops_tallylog
Create Date: 2026-12-12 09:00:00.000000

Every key is now counted for the whole country (scope 0) and for the province its recommendation's responsible
units stand under (scope = the province's id), so that the dashboard of a province's subtree reads a few hundred
rows too (inspection/dashboard/counting.py). The table is made again and everything counted as of today.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'ops_dash14'
down_revision = 'ops_tallylog'
branch_labels = None
depends_on = None


def _count_table(scoped: bool):
    op.drop_table('dashboard_count')
    keys = ['kind', 'k1', 'k2', 'k3'] + (['scope'] if scoped else [])
    op.create_table('dashboard_count',
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('k1', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('k2', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('k3', sa.Integer(), autoincrement=False, nullable=False),
    *([sa.Column('scope', sa.Integer(), autoincrement=False, nullable=False)] if scoped else []),
    sa.Column('n', sa.Integer(), nullable=False),
    sa.Column('d1', sa.Integer(), nullable=False),
    sa.Column('d31', sa.Integer(), nullable=False),
    sa.Column('d61', sa.Integer(), nullable=False),
    sa.Column('d91', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint(*keys, name=op.f('pk_dashboard_count'))
    )


def upgrade():
    _count_table(scoped=True)
    # counted by ops_yeardash: today's counting code writes the columns of the head's table, not this one's
    op.execute('DELETE FROM dashboard_fact')
    op.execute('DELETE FROM dashboard_state')


def downgrade():
    # the counts of the earlier code are not rebuilt here: without dashboard_state the dashboard counts directly
    # until `flask dashboard rebuild`
    _count_table(scoped=False)
    op.execute('DELETE FROM dashboard_fact')
    op.execute('DELETE FROM dashboard_state')
