"""units in time: a unit's earlier parents and kinds, each for a closed period (unit_placement)

Revision ID: ops_unitstime
Revises: ops_awards
Create Date: 2026-12-09 20:00:00.000000

A day no row covers takes the unit's own parent_id and kind (its current placement), so the existing units need
no backfilled row: with an empty table every unit stands, on every day, where it stands today, which is what the
application assumed until now. Rows are written when a unit moves (inspection/units/placement.py).
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'ops_unitstime'
down_revision = 'ops_awards'
branch_labels = None
depends_on = None

KINDS = ('central', 'province', 'department', 'office', 'central_agency', 'district', 'commune', 'mass_org',
         'enterprise')


def upgrade():
    op.create_table('unit_placement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.Enum(*KINDS, name='unitkind', native_enum=False), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['unit.id'], name=op.f('fk_unit_placement_parent_id_unit')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_unit_placement_unit_id_unit'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit_placement'))
    )
    with op.batch_alter_table('unit_placement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unit_placement_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_unit_placement_unit_id'), ['unit_id'], unique=False)


def downgrade():
    with op.batch_alter_table('unit_placement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_unit_placement_unit_id'))
        batch_op.drop_index(batch_op.f('ix_unit_placement_parent_id'))
    op.drop_table('unit_placement')
