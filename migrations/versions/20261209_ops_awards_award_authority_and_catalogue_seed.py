"""award forms know who decides them; the award catalogue is seeded by the upgrade itself

Revision ID: ops_awards
Revises: ops_docnums
Create Date: 2026-12-09 09:00:00.000000

`award_form.authority`: the law puts ministries and provinces at one level ("Bộ, ban, ngành, tỉnh"); a
province's award statistics count only what the province's own authorities decided. Existing rows take the
usual authority of their level; the ministries' and central organisations' forms (BKBN, CTDBN, KNC) "central".

The catalogue: every server gets it from `flask db upgrade`, not only the demo (before, an import failed on
every row until someone ran `flask nominations seed-catalogue`). Only the codes the table lacks are inserted,
each with its audit entry, so the step is safe on a database that already has (or has edited) its catalogue.
The rows are a frozen copy of inspection.nominations.catalogue at this revision (ops_awards_catalogue.json
beside this file: the module may change later and a migration must do the same on every server whenever it
runs), written with Core (not the models, which may be ahead of this revision).
"""
import json
from datetime import date, datetime, timezone
from pathlib import Path
from types import SimpleNamespace

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'ops_awards'
down_revision = 'ops_docnums'
branch_labels = None
depends_on = None

CENTRAL_CODES = ("BKBN", "CTDBN", "KNC")
CATALOGUE_FILE = Path(__file__).with_name("ops_awards_catalogue.json")
#: a level's usual authority at this revision (a frozen copy of catalogue.default_authority)
AUTHORITY_OF_LEVEL = {"state": "state", "provincial": "province", "grassroots": "grassroots"}
award_form = sa.table(
    "award_form", sa.column("id", sa.Integer), sa.column("code", sa.String), sa.column("name_vi", sa.String),
    sa.column("name_en", sa.String), sa.column("group", sa.String), sa.column("level", sa.String),
    sa.column("authority", sa.String), sa.column("for_collective", sa.Boolean),
    sa.column("for_individual", sa.Boolean), sa.column("for_household", sa.Boolean),
    sa.column("legal_basis", sa.String), sa.column("valid_from", sa.Date), sa.column("valid_to", sa.Date),
    sa.column("successor_id", sa.Integer), sa.column("created_at", sa.DateTime), sa.column("version", sa.Integer))
audit_entry = sa.table(
    "audit_entry", sa.column("at", sa.DateTime), sa.column("actor_id", sa.Integer), sa.column("action", sa.String),
    sa.column("target_type", sa.String), sa.column("target_id", sa.Integer), sa.column("summary", sa.String),
    sa.column("before", sa.JSON), sa.column("after", sa.JSON), sa.column("search_text", sa.String))


def upgrade():
    with op.batch_alter_table('award_form', schema=None) as batch_op:
        batch_op.add_column(sa.Column('authority',
                                      sa.Enum('state', 'central', 'province', 'grassroots', name='awardauthority',
                                              native_enum=False),
                                      server_default='province', nullable=False))
    bind = op.get_bind()
    bind.execute(award_form.update().where(award_form.c.level == "state").values(authority="state"))
    bind.execute(award_form.update().where(award_form.c.level == "grassroots").values(authority="grassroots"))
    bind.execute(award_form.update().where(award_form.c.code.in_(CENTRAL_CODES)).values(authority="central"))
    seed(bind)


def downgrade():
    with op.batch_alter_table('award_form', schema=None) as batch_op:
        batch_op.drop_column('authority')


def seed(bind) -> int:
    """Insert the catalogue entries whose code the table lacks, link successors; the number inserted."""
    existing = dict(bind.execute(sa.select(award_form.c.code, award_form.c.id)).all())
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    fresh = [entry for entry in frozen_catalogue() if entry.code not in existing]
    for entry in fresh:
        values = _values(entry)
        existing[entry.code] = bind.execute(award_form.insert().values(
            code=entry.code, created_at=now, version=1, **values).returning(award_form.c.id)).scalar_one()
        _audit(bind, now, existing[entry.code], entry, values)
    for entry in fresh:
        if entry.successor and entry.successor in existing:
            bind.execute(award_form.update().where(award_form.c.id == existing[entry.code])
                         .values(successor_id=existing[entry.successor]))
    return len(fresh)


def frozen_catalogue() -> list[SimpleNamespace]:
    rows = json.loads(CATALOGUE_FILE.read_text(encoding="utf-8"))
    return [SimpleNamespace(**row | {key: row[key] and date.fromisoformat(row[key])
                                     for key in ("valid_from", "valid_to")}) for row in rows]


def _values(entry) -> dict:
    return {"name_vi": entry.name_vi, "name_en": entry.name_en, "group": entry.group,
            "level": entry.level, "authority": entry.authority or AUTHORITY_OF_LEVEL[entry.level],
            "for_collective": "C" in entry.recipients, "for_individual": "I" in entry.recipients,
            "for_household": "H" in entry.recipients, "legal_basis": entry.legal_basis,
            "valid_from": entry.valid_from, "valid_to": entry.valid_to}


def _audit(bind, now, form_id: int, entry, values: dict) -> None:
    from inspection.textsearch import normalise

    summary = f"Thêm hình thức khen thưởng “{entry.name_vi}” (danh mục, khi nâng cấp cơ sở dữ liệu)"
    after = {"code": entry.code} | {key: value.isoformat() if hasattr(value, "isoformat") else value
                                    for key, value in values.items()}
    bind.execute(audit_entry.insert().values(at=now, actor_id=None, action="award_form.create",
                                             target_type="award_form", target_id=form_id, summary=summary[:500],
                                             before=None, after=after, search_text=normalise(summary)))
