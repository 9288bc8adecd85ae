"""The dossier registry's order is read off one index, ids included, on both databases (issue #14): a numbered
page deep into a million dossiers then skips index entries, never sorts nor fetches the rows it passes. The plan
is asked of the database with sequential scans and sorts discouraged, as they are on the national data set where
the table is large; on a few rows the planner would otherwise rightly prefer them."""

import pytest
from sqlalchemy import text

from inspection.access import SYSTEM
from inspection.auth.models import Role
from inspection.extensions import db
from inspection.nominations.catalogue import seed_catalogue
from inspection.nominations.filters import DossierFilter
from inspection.nominations.registry_pages import _in_order
from inspection.nominations.registry_views import registry_ids_query
from inspection.units.models import UnitKind
from tests.factories import make_unit, make_user
from tests.nominations.builders import make_dossier

INDEX = "ix_dossier_year_unit_code_id"


@pytest.fixture
def registry(app):
    seed_catalogue(SYSTEM)
    province = make_unit("UBND tỉnh Thử", code="TT", kind=UnitKind.PROVINCE)
    for number in range(12):
        make_dossier(make_unit(f"Sở {number}", code=f"TT-S{number}", parent=province) if number < 3 else province,
                     code=f"HS-{number:02d}", year=2016 + number % 3)
    council = make_user(Role.COUNCIL)
    db.session.commit()
    if db.session.get_bind().dialect.name == "postgresql":
        # as on a server whose autovacuum has run: statistics and the visibility map that index-only scans need
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE dossier"))
    return council


def _plan(query) -> str:
    statement = query.compile(db.session.get_bind(), compile_kwargs={"literal_binds": True})
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("SET LOCAL enable_seqscan = off"))
        db.session.execute(text("SET LOCAL enable_sort = off"))
        db.session.execute(text("SET LOCAL enable_incremental_sort = off"))
        db.session.execute(text("SET LOCAL enable_bitmapscan = off"))
        rows = db.session.execute(text(f"EXPLAIN {statement}"))
        return "\n".join(row[0] for row in rows)
    return "\n".join(row[-1] for row in db.session.execute(text(f"EXPLAIN QUERY PLAN {statement}")))


def test_a_numbered_page_of_the_registry_is_read_off_its_index_alone(registry, app):
    with app.test_request_context():
        ids = registry_ids_query(DossierFilter(), registry)
        plan = _plan(_in_order(ids, oldest_first=False).offset(8).limit(5))
    db.session.rollback()
    assert INDEX in plan
    if db.session.get_bind().dialect.name == "postgresql":
        assert "Index Only Scan Backward" in plan and "Sort" not in plan, plan
    else:
        assert "COVERING INDEX" in plan and "TEMP B-TREE" not in plan, plan
