"""a self-report's number once per mission and unit: a unique index on self_report (mission_id, unit_id, ref)

Revision ID: ops_docnums
Revises: ops_searchscale
Create Date: 2026-12-08 21:00:00.000000

The unit is part of the key because a symbol names its issuer only by abbreviation: "280/BC-UBND" of two
provinces' people's committees are two documents. An index rather than a table constraint so that SQLite adds it in place (a batch copy of the table would drop
the search triggers of ops_searchscale). A database that already holds the same number twice on one mission
stops here with the list of them: which of two reports is the real one is for a person to decide (the
duplicate is removed, or its number corrected, then the upgrade is run again).
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'ops_docnums'
down_revision = 'ops_searchscale'
branch_labels = None
depends_on = None


def upgrade():
    report = sa.table("self_report", sa.column("mission_id"), sa.column("unit_id"), sa.column("ref"))
    key = (report.c.mission_id, report.c.unit_id, report.c.ref)
    twice = op.get_bind().execute(sa.select(*key).group_by(*key).having(sa.func.count() > 1).order_by(*key)).all()
    if twice:
        listed = "; ".join(f"đoàn {mission_id}, đơn vị {unit_id}: {ref}" for mission_id, unit_id, ref in twice)
        raise RuntimeError(f"Báo cáo tự kiểm tra trùng số trong cùng một đoàn ({listed}). "
                           "Xóa bản trùng hoặc sửa số của nó rồi chạy lại nâng cấp.")
    op.create_index("ux_self_report_mission_unit_ref", "self_report", ["mission_id", "unit_id", "ref"], unique=True)


def downgrade():
    op.drop_index("ux_self_report_mission_unit_ref", table_name="self_report")
