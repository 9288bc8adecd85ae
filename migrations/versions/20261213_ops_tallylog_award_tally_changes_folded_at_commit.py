"""award tallies on PostgreSQL: each dossier change appended to a log, folded into the tallies once at commit

Revision ID: ops_tallylog
Revises: ops_awardscale
Create Date: 2026-12-13 09:00:00.000000

Why: PostgreSQL keeps every version of a row a transaction updates until it ends, and an upsert of that row walks
them all. The row trigger of ops_awardscale added 1 to the same few tally rows for every dossier an import or the
national demo wrote in its one transaction: the n-th update walked n versions (5.000 updates of one row 0,6 s, the
next 5.000 1,5 s, …), and writing 1.000.000 dossiers took over half an hour instead of four minutes.

Now the row trigger only appends (+1 / -1 and the dossier's key) to `award_tally_change`, and a deferred constraint
trigger folds the log into both tallies at commit, one upsert per key: the change lands in the same transaction,
whoever writes it. A reader inside a writing transaction folds first (nominations/tally.settle). SQLite updates a
row in place: its triggers keep writing the tallies directly and the log stays empty there.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'ops_tallylog'
down_revision = 'ops_awardscale'
branch_labels = None
depends_on = None

KEY = ('year', 'award_form_id', 'status', 'recipient_kind', 'is_leader', 'leader_group', 'achievement_type',
       'group_rank', 'posthumous')
INDEXED = {'is_leader': 'coalesce(CAST(is_leader AS INTEGER), -1)', 'leader_group': "coalesce(leader_group, '')",
           'achievement_type': "coalesce(achievement_type, '')", 'group_rank': 'coalesce(group_rank, -1)'}
TABLES = {'award_tally': ('unit_id',) + KEY, 'award_tally_all': KEY}
WATCHED = ('unit_id',) + KEY
#: set to 'y' (for the rest of the transaction) by a fold, emptied by every change logged after it
FOLDED = 'inspection.award_tally_folded'
STATUSES = ('draft', 'submitted', 'returned', 'pending_decision', 'awarded', 'not_awarded', 'revoked')
RECIPIENTS = ('collective', 'individual', 'household')
GROUPS = ('province_leader', 'department_leader', 'entrepreneur', 'other_leader', 'direct_worker')
METHODS = ('regular', 'thematic', 'extraordinary', 'foreign', 'contribution', 'seniority', 'resistance')


def _columns():
    return [
        sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
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
        sa.PrimaryKeyConstraint('id', name=op.f('pk_award_tally_change')),
    ]


def _log(row, delta):
    names = ', '.join(WATCHED)
    values = ', '.join(f'{row}.{name}' for name in WATCHED)
    return f"INSERT INTO award_tally_change ({names}, dossiers) VALUES ({values}, {delta});"


def _fold_into(table, source):
    names = ', '.join(TABLES[table])
    target = ', '.join(f'({INDEXED[name]})' if name in INDEXED else name for name in TABLES[table])
    # keys in one order: two transactions folding at once wait for each other instead of deadlocking
    return (f"INSERT INTO {table} ({names}, dossiers) SELECT {names}, sum(dossiers) FROM {source} GROUP BY {names} "
            f"ORDER BY {names} ON CONFLICT ({target}) DO UPDATE SET dossiers = {table}.dossiers + excluded.dossiers")


def _postgresql():
    return [
        "CREATE OR REPLACE FUNCTION award_tally_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"IF TG_OP <> 'INSERT' THEN {_log('OLD', -1)} END IF; "
        f"IF TG_OP <> 'DELETE' THEN {_log('NEW', 1)} END IF; "
        f"PERFORM set_config('{FOLDED}', '', true); "
        "RETURN NULL; END $$",
        # one statement: the log's rows moved out once, summed per key into each tally
        "CREATE FUNCTION award_tally_fold() RETURNS void LANGUAGE plpgsql AS $$ BEGIN "
        "WITH moved AS (DELETE FROM award_tally_change RETURNING *), "
        f"per_unit AS ({_fold_into('award_tally', 'moved')}) "
        f"{_fold_into('award_tally_all', 'moved')}; "
        f"PERFORM set_config('{FOLDED}', 'y', true); END $$",
        # fires at commit once per change logged: the first folds, the others find the flag and return
        "CREATE FUNCTION award_tally_fold_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"IF coalesce(current_setting('{FOLDED}', true), '') <> 'y' THEN PERFORM award_tally_fold(); END IF; "
        "RETURN NULL; END $$",
        "CREATE CONSTRAINT TRIGGER award_tally_fold AFTER INSERT ON award_tally_change "
        "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION award_tally_fold_at_commit()",
    ]


def _postgresql_downgrade():
    both = ' '.join
    upsert = {row: both(_fold_into(table, f"(SELECT {', '.join(f'{row}.{n} AS {n}' for n in TABLES[table])}, "
                                          f"{delta} AS dossiers) AS one") + ';' for table in TABLES)
              for row, delta in (('OLD', -1), ('NEW', 1))}
    return [
        "DROP TRIGGER award_tally_fold ON award_tally_change",
        "DROP FUNCTION award_tally_fold_at_commit()",
        "DROP FUNCTION award_tally_fold()",
        "CREATE OR REPLACE FUNCTION award_tally_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"IF TG_OP <> 'INSERT' THEN {upsert['OLD']} END IF; "
        f"IF TG_OP <> 'DELETE' THEN {upsert['NEW']} END IF; "
        "RETURN NULL; END $$",
    ]


def upgrade():
    op.create_table('award_tally_change', *_columns())
    if op.get_bind().dialect.name == 'postgresql':
        for statement in _postgresql():
            op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("SELECT award_tally_fold()")
        for statement in _postgresql_downgrade():
            op.execute(statement)
    op.drop_table('award_tally_change')
