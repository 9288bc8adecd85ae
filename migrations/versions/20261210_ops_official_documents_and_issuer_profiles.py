"""official documents (Văn bản) and the issuing units' settings (issuer_profile)

Revision ID: ops_official
Revises: ops_unitstime
Create Date: 2026-12-10 09:00:00.000000

An issued document's number is unique per issuing unit, type and calendar year (uq_official_document_number);
drafts leave number and number_year empty, which no unique constraint counts.
"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'ops_official'
down_revision = 'ops_unitstime'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('issuer_profile',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('parent_body', sa.String(length=255), nullable=False),
    sa.Column('body', sa.String(length=255), nullable=False),
    sa.Column('symbol', sa.String(length=40), nullable=False),
    sa.Column('place', sa.String(length=120), nullable=False),
    sa.Column('signing_form', sa.Enum('tm', 'tm_kt', 'kt', 'q', 'direct', name='signingform', native_enum=False), nullable=False),
    sa.Column('collective', sa.String(length=255), nullable=False),
    sa.Column('head_title', sa.String(length=255), nullable=False),
    sa.Column('signer_title', sa.String(length=255), nullable=False),
    sa.Column('signer_name', sa.String(length=255), nullable=False),
    sa.Column('recipients', sa.Text(), nullable=False),
    sa.Column('archive', sa.String(length=120), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_issuer_profile_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_issuer_profile')),
    sa.UniqueConstraint('unit_id', name=op.f('uq_issuer_profile_unit_id'))
    )
    op.create_table('official_document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('type_code', sa.String(length=10), nullable=False),
    sa.Column('subject_type', sa.String(length=20), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=True),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('args', sa.JSON(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'issued', name='documentstatus', native_enum=False), nullable=False),
    sa.Column('issuer_unit_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=True),
    sa.Column('reference', sa.String(length=80), nullable=True),
    sa.Column('number_year', sa.Integer(), nullable=True),
    sa.Column('issued_on', sa.Date(), nullable=True),
    sa.Column('docx_id', sa.Integer(), nullable=False),
    sa.Column('pdf_id', sa.Integer(), nullable=False),
    sa.Column('replaces_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('issued_by_id', sa.Integer(), nullable=True),
    sa.Column('issued_at', sa.DateTime(), nullable=True),
    sa.Column('signed_pdf_id', sa.Integer(), nullable=True),
    sa.Column('signed_by_id', sa.Integer(), nullable=True),
    sa.Column('signed_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_official_document_created_by_id_user')),
    sa.ForeignKeyConstraint(['docx_id'], ['stored_file.id'], name=op.f('fk_official_document_docx_id_stored_file')),
    sa.ForeignKeyConstraint(['issued_by_id'], ['user.id'], name=op.f('fk_official_document_issued_by_id_user')),
    sa.ForeignKeyConstraint(['issuer_unit_id'], ['unit.id'], name=op.f('fk_official_document_issuer_unit_id_unit')),
    sa.ForeignKeyConstraint(['pdf_id'], ['stored_file.id'], name=op.f('fk_official_document_pdf_id_stored_file')),
    sa.ForeignKeyConstraint(['signed_pdf_id'], ['stored_file.id'],
                            name=op.f('fk_official_document_signed_pdf_id_stored_file')),
    sa.ForeignKeyConstraint(['signed_by_id'], ['user.id'], name=op.f('fk_official_document_signed_by_id_user')),
    sa.ForeignKeyConstraint(['replaces_id'], ['official_document.id'], name=op.f('fk_official_document_replaces_id_official_document')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_official_document_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_official_document')),
    sa.UniqueConstraint('issuer_unit_id', 'type_code', 'number_year', 'number', name='uq_official_document_number')
    )
    with op.batch_alter_table('official_document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_official_document_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_official_document_replaces_id'), ['replaces_id'], unique=False)
        batch_op.create_index('ix_official_document_subject', ['subject_type', 'subject_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_official_document_unit_id'), ['unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_official_document_year'), ['year'], unique=False)



def downgrade():
    with op.batch_alter_table('official_document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_official_document_year'))
        batch_op.drop_index(batch_op.f('ix_official_document_unit_id'))
        batch_op.drop_index('ix_official_document_subject')
        batch_op.drop_index(batch_op.f('ix_official_document_replaces_id'))
        batch_op.drop_index(batch_op.f('ix_official_document_kind'))

    op.drop_table('official_document')
    op.drop_table('issuer_profile')
