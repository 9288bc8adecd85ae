"""The tallies over a big transaction: many dossiers of the same key written at once (an import) are counted once
each, seen by a report inside the same transaction, and on PostgreSQL folded from the change log at commit (the
log left empty); a transaction rolled back leaves the tallies as they were (on SQLite too: the import's savepoint
no longer commits on its own when it is the transaction's first write)."""

from sqlalchemy import func, select

from inspection.access import SYSTEM
from inspection.extensions import db
from inspection.imports.pipeline import import_file
from inspection.nominations.catalogue import seed_catalogue
from inspection.nominations.filters import DossierFilter
from inspection.nominations.models import Dossier
from inspection.nominations.report import build_report
from inspection.nominations.tally import AwardTallyAll, AwardTallyChange
from tests.awardscale.test_tally_equality import HEADER
from tests.factories import make_unit
from tests.nominations.test_import import MAX_BYTES, dossier_row, xlsx

ROWS = 300
YEAR_2017 = DossierFilter(year_from=2017, year_to=2017)


def _import(first: int, count: int, **row) -> None:
    rows = [dossier_row(code=f"HS-{number:04d}", name=f"Người {number}", **row)
            for number in range(first, first + count)]
    import_file(SYSTEM, "dossiers", xlsx(rows, HEADER), "ho-so.xlsx", MAX_BYTES)


def _tallied() -> int:
    return db.session.scalar(select(func.coalesce(func.sum(AwardTallyAll.dossiers), 0)))


def _logged() -> int:
    return db.session.scalar(select(func.count()).select_from(AwardTallyChange))


def test_an_import_of_one_key_is_counted_in_its_transaction_and_after_commit(app):
    seed_catalogue(SYSTEM)
    make_unit(code="KG")
    db.session.commit()

    _import(1, ROWS)
    inside = build_report(YEAR_2017, None)
    assert inside.value("bk.total") == ROWS and inside.counts == build_report(YEAR_2017, None, direct=True).counts
    db.session.commit()

    assert _logged() == 0 and _tallied() == ROWS
    _import(1, ROWS, form="Giấy khen", achievement=None)  # every dossier moved to another key at once
    db.session.commit()
    after = build_report(YEAR_2017, None)
    assert _logged() == 0 and _tallied() == ROWS
    assert after.counts == build_report(YEAR_2017, None, direct=True).counts
    assert (after.value("bk.total"), after.value("grassroots.decided")) == (0, ROWS)


def test_a_rolled_back_import_leaves_the_tallies_as_they_were(app):
    seed_catalogue(SYSTEM)
    make_unit(code="KG")
    db.session.commit()
    _import(1, 10)
    db.session.commit()

    _import(11, ROWS)
    assert build_report(YEAR_2017, None).value("bk.total") == 10 + ROWS
    db.session.rollback()

    assert db.session.scalar(select(func.count()).select_from(Dossier)) == 10
    assert _logged() == 0 and _tallied() == 10 and build_report(YEAR_2017, None).value("bk.total") == 10
