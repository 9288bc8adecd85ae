"""The Kiên Giang 2017 demo dossiers: deterministic, within the report's period, meeting every dossier rule,
loaded fast with the rest of the demo, with 280/BC-UBND's printed figures on the demo self-report."""

from collections import Counter
from datetime import date

from sqlalchemy import func, select

from inspection.access import SYSTEM
from inspection.demo import dossiers2017 as demo
from inspection.documents.refs import DocRef
from inspection.extensions import db
from inspection.nominations.catalogue import seed_catalogue
from inspection.nominations.dossier_rules import check_values
from inspection.nominations.models import AwardForm, Dossier, DossierStatus, RecipientKind, ReportedFigure
from inspection.units.models import Unit
from inspection.units.queries import subtree_ids, unit_by_code


def _rows():
    forms = {batch.form: number for number, batch in enumerate(demo.STATE + demo.PROVINCIAL)}
    units = {code: number for number, code in enumerate(demo.UNIT_NAMES)}
    return demo.build_rows(forms, units)


def test_the_rows_are_deterministic_unique_per_unit_and_add_up_to_the_seed():
    rows = _rows()
    assert rows == _rows()
    assert len(rows) == 333 + 5549
    assert len({(row["unit_id"], row["code"]) for row in rows}) == len(rows)
    statuses = Counter(row["status"] for row in rows)
    assert statuses == {DossierStatus.AWARDED: 5881, DossierStatus.PENDING_DECISION: 1}
    individuals = [row for row in rows[333:] if row["recipient_kind"] == RecipientKind.INDIVIDUAL]
    assert (len(individuals), sum(row["is_leader"] is False for row in individuals)) == (3408, 1973)
    assert sum(row["posthumous"] for row in rows) == 158


def test_dates_fall_in_the_report_period_and_decisions_are_real_references():
    for row in _rows():
        assert demo.PERIOD_START <= row["submitted_on"] <= demo.PERIOD_END
        if row["status"] == DossierStatus.AWARDED:
            assert isinstance(row["decision_ref"], DocRef) and row["decision_ref"].doc_type == "QĐ"
            assert row["decision_ref"].issuer in ("UBND", "TTg", "CTN")
            assert row["submitted_on"] <= row["decision_date"] < date(2017, 11, 30)  # decided before 280/BC-UBND
        else:
            assert row["decision_ref"] is None and row["decision_date"] is None


def test_every_demo_dossier_meets_the_dossier_rules(app):
    seed_catalogue(SYSTEM)
    forms = {form.code: form for form in db.session.scalars(select(AwardForm))}
    for batch in demo.STATE + demo.PROVINCIAL:
        assert batch.form in forms, batch.form
    rows = demo.build_rows({code: code for code in forms}, {code: code for code in demo.UNIT_NAMES})
    for row in rows:
        values = row | {"unit": row["unit_id"], "award_form": forms[row["award_form_id"]], "note": None}
        check_values(values, row["status"], date(2017, 11, 30))


def test_the_demo_load_brings_the_dossiers_and_the_printed_figures_in_bulk(app, runner, monkeypatch, count_queries):
    statements = []

    def counted():
        with count_queries() as counter:
            demo.load_dossiers_2017()
        statements.append(counter.count)

    monkeypatch.setattr("inspection.demo.loader.load_dossiers_2017", counted)
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    # bulk inserts: a few statements per thousand rows, not one per dossier (the time is in benchmarks/)
    assert statements and statements[0] <= 80, f"the 5,882 dossiers took {statements[0]} statements"
    kien_giang = subtree_ids({unit_by_code("KG").id})
    units = dict(db.session.execute(select(Dossier.unit_id, func.count()).group_by(Dossier.unit_id)).all())
    assert set(units) <= kien_giang and sum(units.values()) == 5882
    assert len(units) > 30  # spread over the province's departments, agencies, districts and communes
    figures = {figure.key: figure.as_printed for figure in db.session.scalars(select(ReportedFigure))}
    assert figures == demo.REPORTED_280 and figures["provincial.non_leader_share"] == "57.86%"
    communes = db.session.scalar(select(func.count()).select_from(Dossier).join(Unit, Dossier.unit_id == Unit.id)
                                 .where(Unit.kind == "commune"))
    assert communes > 0
