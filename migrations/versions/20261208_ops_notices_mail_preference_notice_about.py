"""notices both ways: each user's e-mail preference, and the record a notice is about

Revision ID: ops_notices
Revises: ops_auditlog
Create Date: 2026-12-08 09:00:00.000000

The new notice kinds fit the kind column's 10 characters, so it is left as it is. Everyone starts with e-mail
copies sent immediately, as before.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'ops_notices'
down_revision = 'ops_auditlog'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('mail_preference',
                                      sa.Enum('immediately', 'digest', 'never', name='mailpreference',
                                              native_enum=False),
                                      server_default='immediately', nullable=False))
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.add_column(sa.Column('about_type', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('about_id', sa.Integer(), nullable=True))
        batch_op.create_index('ix_notification_user_about', ['user_id', 'about_type', 'about_id'], unique=False)


def downgrade():
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.drop_index('ix_notification_user_about')
        batch_op.drop_column('about_id')
        batch_op.drop_column('about_type')
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('mail_preference')
