"""The award report summed from the tallies the database keeps equals the report counted from the dossiers
themselves (build_report(direct=True), the reference), cell by cell, after random sequences of dossier changes:
creations, status moves, edits of the award form and its details, imports (which write with Core statements)."""

import io
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from sqlalchemy import select

from inspection.access import SYSTEM
from inspection.documents.refs import parse_ref
from inspection.extensions import db
from inspection.imports.pipeline import import_file
from inspection.nominations import services
from inspection.nominations.catalogue import seed_catalogue
from inspection.nominations.filters import DossierFilter
from inspection.nominations.models import (
    DOSSIER_TRANSITIONS,
    AchievementType,
    AwardForm,
    Dossier,
    DossierStatus,
    LeaderGroup,
    RecipientKind,
)
from inspection.nominations.report import build_report
from inspection.rules import RuleViolation
from inspection.units.models import UnitKind, UnitPlacement
from tests.factories import make_unit

C, P, H = RecipientKind.COLLECTIVE, RecipientKind.INDIVIDUAL, RecipientKind.HOUSEHOLD
#: catalogue codes of every deciding authority, and whom each may be awarded to
FORMS = {"BKUBT": (C, P, H), "CTDUBT": (C,), "TTLDXS": (C,), "BMVNAH": (P,), "CSTDT_OLD": (P,), "BKTTG": (C, P, H),
         "GK": (C, P, H), "CSTDCS": (P,), "BKBN": (C, P)}
YEARS = (2017, 2018)
HEADER = ["Mã hồ sơ", "Mã đơn vị", "Năm", "Hình thức khen thưởng", "Đối tượng", "Tên đối tượng",
          "Lãnh đạo, quản lý", "Nhóm cá nhân (Biểu 0603)", "Loại thành tích", "Xếp hạng cụm, khối", "Truy tặng",
          "Ngày trình", "Số quyết định", "Ngày quyết định", "Trạng thái", "Ghi chú"]



@st.composite
def details(draw) -> dict:
    """An award form and the details the rules allow for its recipient (a leader group for an individual, a
    cluster rank for a collective), sometimes left empty."""
    form = draw(st.sampled_from(sorted(FORMS)))
    kind = draw(st.sampled_from(FORMS[form]))
    person = kind == RecipientKind.INDIVIDUAL
    group = draw(st.sampled_from([None, *LeaderGroup])) if person else None
    leader = group != LeaderGroup.DIRECT_WORKER if group else draw(st.sampled_from([None, True, False]))
    return {"award_form": form, "recipient_kind": kind, "is_leader": leader if person else None,
            "leader_group": group,
            "achievement_type": draw(st.sampled_from([None, *AchievementType])),
            "group_rank": draw(st.sampled_from([None, 1, 2, 3])) if kind == RecipientKind.COLLECTIVE else None,
            "posthumous": draw(st.booleans()) if person else False}


create = st.tuples(st.just("create"), st.integers(0, 4), st.sampled_from(YEARS), details(),
                   st.sampled_from([DossierStatus.DRAFT, DossierStatus.SUBMITTED, DossierStatus.AWARDED]))
move = st.tuples(st.just("move"), st.integers(0, 50), st.integers(0, 3))
edit = st.tuples(st.just("edit"), st.integers(0, 50), details())
imported = st.tuples(st.just("import"), st.lists(st.tuples(st.integers(0, 4), st.integers(0, 6), details(),
                                                          st.sampled_from(["Đã khen thưởng", "Đã trình", "Nháp"])),
                                                min_size=1, max_size=4))
steps = st.lists(st.one_of(create, move, edit, imported), min_size=1, max_size=8)


def _units() -> list[int]:
    """Two provinces; under the first a department, an enterprise, and a mass organisation that was an enterprise
    until 2017 (Biểu 0603 counts it among 2017's enterprises, not 2018's)."""
    province, other = make_unit(kind=UnitKind.PROVINCE), make_unit(kind=UnitKind.PROVINCE)
    units = [province, make_unit(parent=province), make_unit(kind=UnitKind.ENTERPRISE, parent=province),
             make_unit(kind=UnitKind.MASS_ORGANISATION, parent=province), other]
    db.session.add(UnitPlacement(unit_id=units[3].id, parent_id=province.id, kind=UnitKind.ENTERPRISE,
                                 valid_to=date(2017, 12, 31)))
    return [unit.id for unit in units]


def _form(code: str) -> AwardForm:
    return db.session.scalar(select(AwardForm).where(AwardForm.code == code))


def _values(values: dict) -> dict:
    return values | {"award_form": _form(values["award_form"])}


def _create(units, number, unit_index, year, values, status) -> None:
    extra = {"submitted_on": date(year, 11, 1)} if status != DossierStatus.DRAFT else {}
    if status == DossierStatus.AWARDED:
        extra |= {"decision_ref": parse_ref(f"{number}/QĐ-UBND"), "decision_date": date(year, 12, 15)}
    services.create_dossier(SYSTEM, unit=db.session.get(_unit_model(), units[unit_index]), code=f"P-{number}",
                            year=year, recipient_name=f"Đối tượng {number}", status=status, **_values(values), **extra)


def _unit_model():
    from inspection.units.models import Unit

    return Unit


def _dossier(index: int) -> Dossier | None:
    dossiers = db.session.scalars(select(Dossier).order_by(Dossier.id)).all()
    return dossiers[index % len(dossiers)] if dossiers else None


def _move(number, index, choice) -> None:
    """One of the moves the transition table allows from the dossier's status."""
    dossier = _dossier(index)
    targets = sorted(DOSSIER_TRANSITIONS.allowed(dossier.status)) if dossier is not None else []
    if targets:
        target = targets[choice % len(targets)]
        decision = {"decision_ref": parse_ref(f"{number}/QĐ-UBND"), "decision_date": date(dossier.year, 12, 20)}
        needs = target in (DossierStatus.AWARDED, DossierStatus.NOT_AWARDED, DossierStatus.REVOKED)
        services.change_status(SYSTEM, dossier, target, **(decision if needs else {}), version=dossier.version)


def _edit(index, values) -> None:
    dossier = _dossier(index)
    if dossier is not None:
        services.update_dossier(SYSTEM, dossier, version=dossier.version, **_values(values))


def _import(units, rows) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for unit_index, number, values, status in rows:
        sheet.append(_import_row(units[unit_index], number, values, status))
    data = io.BytesIO()
    book.save(data)
    import_file(SYSTEM, "dossiers", data.getvalue(), "ho-so.xlsx", 10 * 1024 * 1024)


def _import_row(unit_id, number, values, status) -> list:
    unit, form = db.session.get(_unit_model(), unit_id), _form(values["award_form"])
    yes_no = {None: None, True: "Có", False: "Không"}
    label = lambda value: str(value.label) if value is not None else None  # noqa: E731
    decided = status == "Đã khen thưởng"
    return [f"N-{number}", unit.code, 2017, form.name_vi, label(values["recipient_kind"]), f"Nhập {number}",
            yes_no[values["is_leader"]], label(values["leader_group"]), label(values["achievement_type"]),
            values["group_rank"], yes_no[values["posthumous"]], date(2017, 11, 1) if status != "Nháp" else None,
            f"{number}/QĐ-UBND" if decided else None, date(2017, 12, 15) if decided else None, status, None]


def _apply(units, number, step) -> None:
    kind, *args = step
    try:
        with db.session.begin_nested():  # a refused change leaves nothing behind, as the view's rollback would
            if kind == "create":
                _create(units, number, *args)
            elif kind == "move":
                _move(number, *args)
            elif kind == "edit":
                _edit(*args)
            else:
                _import(units, *args)
    except RuleViolation:
        pass


def _scopes(units) -> list[tuple[DossierFilter, set[int] | None]]:
    province = db.session.get(_unit_model(), units[0])
    whole = [DossierFilter(year_from=year, year_to=year) for year in YEARS] + [DossierFilter()]
    provincial = [DossierFilter(unit=province.code, subtree=True, year_from=year, year_to=year) for year in YEARS]
    mine = {units[0], units[1], units[2], units[3]}
    return [(scope, None) for scope in whole + provincial] + [(DossierFilter(year_from=2017, year_to=2017), mine)]


def _cells(report) -> dict:
    forms = {row.code: (row.submitted.value, row.decided.value, {k: c.value for k, c in row.by_recipient.items()})
             for row in report.forms}
    return {"lines": report.counts, "forms": forms}


def test_the_tallies_give_exactly_the_direct_counts(app):
    seed_catalogue(SYSTEM)
    units = _units()
    db.session.commit()

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(steps=steps)
    def check(steps):
        try:
            for number, step in enumerate(steps):
                _apply(units, number, step)
            db.session.flush()
            for scope, visible in _scopes(units):
                assert _cells(build_report(scope, visible)) == _cells(build_report(scope, visible, direct=True))
        finally:
            db.session.rollback()

    check()
