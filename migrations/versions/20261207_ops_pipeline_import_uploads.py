"""import uploads between preview and confirmation, kept in the file store

Revision ID: ops_pipeline
Revises: sec_conflicts
Create Date: 2026-12-07 10:00:00

Uploads waiting for confirmation used to be files under instance/imports and instance/dossier-imports with a
JSON side file; they are now one row here and one file in the file store. Waiting uploads are not carried
over (they expire within a day): an admin uploads the file again.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'ops_pipeline'
down_revision = 'sec_conflicts'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('import_upload',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('file_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('uploaded', 'previewed', 'applying', name='uploadstatus', native_enum=False,
                                length=9), nullable=False),
    sa.Column('digest', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['file_id'], ['stored_file.id'], name=op.f('fk_import_upload_file_id_stored_file'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_import_upload_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_upload')),
    sa.UniqueConstraint('token', name=op.f('uq_import_upload_token'))
    )
    with op.batch_alter_table('import_upload', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_import_upload_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_import_upload_file_id'), ['file_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_import_upload_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('import_upload', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_import_upload_user_id'))
        batch_op.drop_index(batch_op.f('ix_import_upload_file_id'))
        batch_op.drop_index(batch_op.f('ix_import_upload_created_at'))
    op.drop_table('import_upload')
