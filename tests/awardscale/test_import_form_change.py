"""Re-importing a dossier under another award form: the preview names the change (it used to fail with a KeyError,
found by the tallies' equality test), and the report's figures move from the old form to the new one."""

from inspection.access import SYSTEM
from inspection.extensions import db
from inspection.imports.pipeline import import_file, preview_file
from inspection.nominations.catalogue import seed_catalogue
from inspection.nominations.filters import DossierFilter
from inspection.nominations.report import build_report
from tests.awardscale.test_tally_equality import HEADER
from tests.factories import make_unit
from tests.nominations.test_import import MAX_BYTES, dossier_row, xlsx


def test_a_form_changed_by_import_is_previewed_and_counted_under_the_new_form(app):
    seed_catalogue(SYSTEM)
    make_unit(code="KG")
    db.session.commit()
    import_file(SYSTEM, "dossiers", xlsx([dossier_row()], HEADER), "a.xlsx", MAX_BYTES)
    db.session.commit()
    changed = xlsx([dossier_row(form="Giấy khen", achievement=None)], HEADER)

    plan = preview_file(SYSTEM, "dossiers", changed, "b.xlsx", MAX_BYTES)
    assert not plan.errors
    assert any("Hình thức khen thưởng: Bằng khen của Chủ tịch UBND tỉnh → Giấy khen" in change
               for sample in plan.samples for change in sample.changes)

    import_file(SYSTEM, "dossiers", changed, "b.xlsx", MAX_BYTES)
    db.session.commit()
    report = build_report(DossierFilter(year_from=2017, year_to=2017), None)
    assert (report.value("bk.total"), report.value("grassroots.decided")) == (0, 1)
    assert report.counts == build_report(DossierFilter(year_from=2017, year_to=2017), None, direct=True).counts
