"""award tallies: dossier counts per unit, year and report key, and per year for every unit, kept by triggers

Revision ID: ops_awardscale
Revises: ops_dashsnap
Create Date: 2026-12-11 09:00:00.000000

The award statistics report sums these rows instead of counting dossiers (inspection/nominations/tally.py).
Triggers on dossier keep them in the same transaction as every insert, update and delete, whichever way it is
written (ORM, the import's Core executemany, the demo's bulk writer); the upgrade fills them from the dossiers.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'ops_awardscale'
down_revision = 'ops_dashsnap'
branch_labels = None
depends_on = None

STATUSES = ('draft', 'submitted', 'returned', 'pending_decision', 'awarded', 'not_awarded', 'revoked')
RECIPIENTS = ('collective', 'individual', 'household')
GROUPS = ('province_leader', 'department_leader', 'entrepreneur', 'other_leader', 'direct_worker')
METHODS = ('regular', 'thematic', 'extraordinary', 'foreign', 'contribution', 'seniority', 'resistance')
KEY = ('year', 'award_form_id', 'status', 'recipient_kind', 'is_leader', 'leader_group', 'achievement_type',
       'group_rank', 'posthumous')
#: the unique index's expressions (NULL read as a value), named again by the triggers' ON CONFLICT
INDEXED = {'is_leader': 'coalesce(CAST(is_leader AS INTEGER), -1)', 'leader_group': "coalesce(leader_group, '')",
           'achievement_type': "coalesce(achievement_type, '')", 'group_rank': 'coalesce(group_rank, -1)'}
TABLES = {'award_tally': ('unit_id',) + KEY, 'award_tally_all': KEY}
WATCHED = ('unit_id',) + KEY  # an UPDATE of any other column leaves the tallies alone


def _columns():
    return [
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('award_form_id', sa.Integer(), nullable=False),
        sa.Column('status', sa.Enum(*STATUSES, name='dossierstatus', native_enum=False), nullable=False),
        sa.Column('recipient_kind', sa.Enum(*RECIPIENTS, name='recipientkind', native_enum=False), nullable=False),
        sa.Column('is_leader', sa.Boolean(), nullable=True),
        sa.Column('leader_group', sa.Enum(*GROUPS, name='leadergroup', native_enum=False), nullable=True),
        sa.Column('achievement_type', sa.Enum(*METHODS, name='achievementtype', native_enum=False), nullable=True),
        sa.Column('group_rank', sa.Integer(), nullable=True),
        sa.Column('posthumous', sa.Boolean(), nullable=False),
        sa.Column('dossiers', sa.Integer(), nullable=False),
    ]


def _target(table):
    return ', '.join(f'({INDEXED[name]})' if name in INDEXED else name for name in TABLES[table])


def _upsert(table, row, delta):
    """Add `delta` to the tally row of the dossier `row` (NEW or OLD), creating it when missing."""
    names = TABLES[table]
    values = ', '.join(f'{row}.{name}' for name in names)
    return (f"INSERT INTO {table} ({', '.join(names)}, dossiers) VALUES ({values}, {delta}) "
            f"ON CONFLICT ({_target(table)}) DO UPDATE SET dossiers = {table}.dossiers + excluded.dossiers;")


def _both(row, delta):
    return ' '.join(_upsert(table, row, delta) for table in TABLES)


def _sqlite_triggers():
    watched = ', '.join(WATCHED)
    return [
        f"CREATE TRIGGER award_tally_insert AFTER INSERT ON dossier BEGIN {_both('NEW', 1)} END",
        f"CREATE TRIGGER award_tally_delete AFTER DELETE ON dossier BEGIN {_both('OLD', -1)} END",
        f"CREATE TRIGGER award_tally_update AFTER UPDATE OF {watched} ON dossier "
        f"BEGIN {_both('OLD', -1)} {_both('NEW', 1)} END",
    ]


def _postgresql_triggers():
    return [
        "CREATE FUNCTION award_tally_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"IF TG_OP <> 'INSERT' THEN {_both('OLD', -1)} END IF; "
        f"IF TG_OP <> 'DELETE' THEN {_both('NEW', 1)} END IF; "
        "RETURN NULL; END $$",
        f"CREATE TRIGGER award_tally_change AFTER INSERT OR DELETE OR UPDATE OF {', '.join(WATCHED)} ON dossier "
        "FOR EACH ROW EXECUTE FUNCTION award_tally_change()",
    ]


def upgrade():
    op.create_table('award_tally', sa.Column('unit_id', sa.Integer(), nullable=False), *_columns(),
                    sa.PrimaryKeyConstraint('id', name=op.f('pk_award_tally')))
    op.create_table('award_tally_all', *_columns(), sa.PrimaryKeyConstraint('id', name=op.f('pk_award_tally_all')))
    for table in TABLES:
        op.execute(f"CREATE UNIQUE INDEX ux_{table}_key ON {table} ({_target(table)})")
        names = ', '.join(TABLES[table])
        op.execute(f"INSERT INTO {table} ({names}, dossiers) SELECT {names}, count(*) FROM dossier GROUP BY {names}")
    triggers = _postgresql_triggers() if op.get_bind().dialect.name == 'postgresql' else _sqlite_triggers()
    for statement in triggers:
        op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('DROP TRIGGER award_tally_change ON dossier')
        op.execute('DROP FUNCTION award_tally_change()')
    else:
        for name in ('insert', 'delete', 'update'):
            op.execute(f'DROP TRIGGER award_tally_{name}')
    op.drop_table('award_tally_all')
    op.drop_table('award_tally')
