"""the dashboard's kept counts also per issue year (dashboard_count.issue_year), counted again here

Revision ID: ops_yeardash
Revises: ops_pg14
Create Date: 2026-12-14 09:00:00.000000

Every key is now counted among every recommendation (issue_year 0) and among those issued in its year, so that the
dashboard filtered to whole years of issue dates (01/01/Y1 – 31/12/Y2) sums a few hundred rows too
(inspection/dashboard/counting.py). The table is made again and everything counted as of today.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'ops_yeardash'
down_revision = 'ops_pg14'
branch_labels = None
depends_on = None


def _count_table(by_year: bool):
    op.drop_table('dashboard_count')
    keys = ['kind', 'k1', 'k2', 'k3', 'scope'] + (['issue_year'] if by_year else [])
    op.create_table('dashboard_count',
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('k1', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('k2', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('k3', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('scope', sa.Integer(), autoincrement=False, nullable=False),
    *([sa.Column('issue_year', sa.Integer(), autoincrement=False, nullable=False)] if by_year else []),
    sa.Column('n', sa.Integer(), nullable=False),
    sa.Column('d1', sa.Integer(), nullable=False),
    sa.Column('d31', sa.Integer(), nullable=False),
    sa.Column('d61', sa.Integer(), nullable=False),
    sa.Column('d91', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint(*keys, name=op.f('pk_dashboard_count'))
    )


def upgrade():
    _count_table(by_year=True)
    op.create_index('ix_dashboard_count_read', 'dashboard_count', ['scope', 'issue_year', 'kind'], unique=False)
    from inspection.dashboard.counting import rebuild
    from inspection.timeutil import today_vn

    rebuild(op.get_bind(), today_vn())


def downgrade():
    # the counts of the earlier code are not rebuilt here: without dashboard_state the dashboard counts directly
    # until `flask dashboard rebuild`
    _count_table(by_year=False)
    op.execute('DELETE FROM dashboard_fact')
    op.execute('DELETE FROM dashboard_state')
