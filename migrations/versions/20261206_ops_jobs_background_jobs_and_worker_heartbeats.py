"""background jobs and worker heartbeats

Revision ID: ops_jobs
Revises: sec_conflicts
Create Date: 2026-12-06 15:22:51.009465

The portal's record of background jobs (the queue itself, Huey, keeps its own storage: instance/jobs.sqlite3
or Redis) and one heartbeat row per consumer process.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'ops_jobs'
down_revision = 'ops_pipeline'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('job_worker',
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('seen_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_job_worker'))
    )
    with op.batch_alter_table('job_worker', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_job_worker_seen_at'), ['seen_at'], unique=False)

    op.create_table('job',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=64), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('params', sa.JSON(), nullable=False),
    sa.Column('status', sa.Enum('queued', 'running', 'done', 'failed', 'cancelled', name='jobstatus', native_enum=False), nullable=False),
    sa.Column('done_rows', sa.Integer(), nullable=False),
    sa.Column('total_rows', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=True),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.Column('error', sa.String(length=1000), nullable=True),
    sa.Column('result_file_id', sa.Integer(), nullable=True),
    sa.Column('result_expires_at', sa.DateTime(), nullable=True),
    sa.Column('cancel_requested', sa.Boolean(), nullable=False),
    sa.Column('worker', sa.String(length=120), nullable=True),
    sa.ForeignKeyConstraint(['owner_id'], ['user.id'], name=op.f('fk_job_owner_id_user'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['result_file_id'], ['stored_file.id'], name=op.f('fk_job_result_file_id_stored_file'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_job'))
    )
    with op.batch_alter_table('job', schema=None) as batch_op:
        batch_op.create_index('ix_job_owner_created', ['owner_id', 'created_at'], unique=False)
        batch_op.create_index('ix_job_status_created', ['status', 'created_at'], unique=False)



def downgrade():
    with op.batch_alter_table('job', schema=None) as batch_op:
        batch_op.drop_index('ix_job_status_created')
        batch_op.drop_index('ix_job_owner_created')

    op.drop_table('job')
    with op.batch_alter_table('job_worker', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_job_worker_seen_at'))

    op.drop_table('job_worker')
