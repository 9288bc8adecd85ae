"""recommendation numbers ("KN-03/Đ12-2017"), unique, given to the recommendations that exist

Revision ID: ops_recnum
Revises: ops_notices
Create Date: 2026-12-07 20:00:00.000000

The column is added empty, filled for every existing recommendation the way the application numbers new ones
(inspection/findings/numbering.py): per mission in the order the recommendations were created (by id), the
mission's part its id and its year (decision date, else planned start, else the period's end, else creation;
the rule of inspection/findings/numbering.py, written out here as migrations import no application code). Deterministic: the same data gives
the same numbers on SQLite and PostgreSQL. Then it becomes NOT NULL and unique, and the search text of each
recommendation takes its number in.
"""
import re
import unicodedata

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'ops_recnum'
down_revision = 'ops_notices'
branch_labels = None
depends_on = None

BATCH = 2000
_SPACES = re.compile(r"\s+")
_FOLD = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "ı": "i"})


def normalise(text):
    """A frozen copy of inspection.textsearch.normalise (a migration must not change when the code does)."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", str(text).translate(_FOLD))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SPACES.sub(" ", unicodedata.normalize("NFC", bare).casefold().translate(_FOLD)).strip()


def upgrade():
    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('number', sa.String(length=40), nullable=True))
    backfill(op.get_bind())
    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.alter_column('number', existing_type=sa.String(length=40), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_recommendation_number'), ['number'])


def downgrade():
    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_recommendation_number'), type_='unique')
        batch_op.drop_column('number')


def numbered(rows):
    """(id, text, mission id, its decision date, planned start, period end, created at) in id order → (id,
    number, search text)."""
    sequence, result = {}, []
    for rec_id, text, mission_id, *dates in rows:
        sequence[mission_id] = sequence.get(mission_id, 0) + 1
        year = next(day for day in dates if day is not None).year
        number = f"KN-{sequence[mission_id]:02d}/Đ{mission_id}-{year}"
        result.append((rec_id, number, normalise(f"{number} {text}" if text else number)))
    return result


def backfill(connection):
    rec = sa.table("recommendation", sa.column("id"), sa.column("finding_id"), sa.column("text"),
                   sa.column("number"), sa.column("search_text"))
    finding = sa.table("finding", sa.column("id"), sa.column("mission_id"))
    mission = sa.table("mission", sa.column("id"), sa.column("decision_date", sa.Date),
                       sa.column("planned_start", sa.Date), sa.column("period_to", sa.Date),
                       sa.column("created_at", sa.DateTime))
    rows = connection.execute(
        sa.select(rec.c.id, rec.c.text, mission.c.id, mission.c.decision_date, mission.c.planned_start,
                  mission.c.period_to, mission.c.created_at)
        .join(finding, finding.c.id == rec.c.finding_id).join(mission, mission.c.id == finding.c.mission_id)
        .order_by(rec.c.id)).all()
    statement = rec.update().where(rec.c.id == sa.bindparam("b_id")).values(
        number=sa.bindparam("b_number"), search_text=sa.bindparam("b_text"))
    values = numbered(rows)
    for start in range(0, len(values), BATCH):
        connection.execute(statement, [{"b_id": rec_id, "b_number": number, "b_text": text}
                                       for rec_id, number, text in values[start:start + BATCH]])
