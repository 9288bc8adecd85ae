"""`flask demo generate --scale`: the national data set at a tiny scale — deterministic, coherent, usable by
the documented accounts, and only on an empty database."""

from datetime import date, datetime

import pytest
from sqlalchemy import func, select, text

from inspection.auth.models import Role, User
from inspection.extensions import db
from inspection.findings.models import CLOSED_STATUSES, Finding, Recommendation, Responsibility, VerifiedStatus
from inspection.missions.models import Mission, MissionMember, mission_units
from inspection.nominations.models import Dossier, DossierStatus
from inspection.responses.models import DueDateChange, ExtensionStatus
from inspection.units.models import Unit
from tests.factories import make_unit, make_user

AS_OF = date(2026, 11, 30)
#: 14 units (a province and 13 of its departments, in three blocks), 400 findings, 4,000 dossiers
ARGS = ["demo", "generate", "--scale", "0.004", "--seed", "7", "--as-of", "30/11/2026"]


def _generate(runner):
    result = runner.invoke(args=ARGS)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def generated(runner):
    return _generate(runner)


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _snapshot() -> dict:
    """Counts and sample rows (first and last few of each kind) that must not change for the same seed."""
    recommendations = select(Recommendation.id, Recommendation.finding_id, Recommendation.text,
                             Recommendation.issued_on, Recommendation.current_due, Recommendation.verified_status,
                             Recommendation.verified_at).order_by(Recommendation.id)
    dossiers = select(Dossier.id, Dossier.code, Dossier.unit_id, Dossier.award_form_id, Dossier.recipient_name,
                      Dossier.status, Dossier.decision_date).order_by(Dossier.id)
    return {
        "counts": {model.__tablename__: _count(model) for model in (Unit, User, Mission, Finding, Recommendation,
                                                                    Responsibility, DueDateChange, Dossier)},
        "recommendations": _ends(db.session.execute(recommendations).all()),
        "dossiers": _ends(db.session.execute(dossiers).all()),
        "users": list(db.session.scalars(select(User.username).order_by(User.id))),
    }


def _ends(rows: list) -> list:
    return [tuple(row) for row in rows[:5] + rows[-5:]]


def _empty_database() -> None:
    """As fresh as a new database: ids start again at 1 (PostgreSQL keeps its sequences through a DELETE)."""
    db.session.remove()
    tables = list(reversed(db.metadata.sorted_tables))
    with db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            names = ", ".join(f'"{table.name}"' for table in tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            return
        for table in tables:
            connection.execute(table.delete())


def test_same_seed_same_data_another_seed_other_data(runner):
    _generate(runner)
    first = _snapshot()
    _empty_database()
    result = runner.invoke(args=ARGS[:5] + ["8"] + ARGS[6:])
    assert result.exit_code == 0, result.output
    assert _snapshot()["recommendations"] != first["recommendations"]
    _empty_database()
    _generate(runner)
    assert _snapshot() == first


def test_sizes_follow_the_scale_and_the_summary_says_so(generated):
    counts = _snapshot()["counts"]
    assert counts["unit"] == 14 and counts["finding"] == 400 and counts["dossier"] == 4000
    assert 1.3 <= counts["recommendation"] / counts["finding"] <= 1.5
    assert "400 kết quả kiểm tra" in generated and "4.000 hồ sơ đề nghị khen thưởng" in generated
    _every_recommendation_has_a_responsible_unit_and_coherent_dates()
    _the_backlog_looks_real()
    _extensions_are_decided_after_asked_and_granted_dates_are_current()
    _findings_and_dossiers_belong_to_existing_units()


def _every_recommendation_has_a_responsible_unit_and_coherent_dates():
    orphans = select(func.count()).select_from(Recommendation).where(
        ~select(Responsibility.id).where(Responsibility.recommendation_id == Recommendation.id).exists())
    assert db.session.scalar(orphans) == 0
    rows = db.session.execute(select(Recommendation.issued_on, Recommendation.original_due, Recommendation.current_due,
                                     Recommendation.verified_status, Recommendation.verified_at)).all()
    for issued, original, current, status, verified_at in rows:
        assert issued <= AS_OF and original > issued and current >= original
        if status == VerifiedStatus.OPEN:
            assert verified_at is None
        else:
            assert issued <= verified_at.date() <= AS_OF


def _the_backlog_looks_real():
    statuses = set(db.session.scalars(select(Recommendation.verified_status).distinct()))
    assert statuses == {VerifiedStatus.OPEN, *CLOSED_STATUSES}
    overdue_days = [(AS_OF - due).days for due in db.session.scalars(select(Recommendation.current_due).where(
        Recommendation.verified_status == VerifiedStatus.OPEN))]
    assert min(day for day in overdue_days if day > 0) <= 30 and max(overdue_days) > 3 * 365
    pending = db.session.scalars(select(DueDateChange).where(DueDateChange.status == ExtensionStatus.PENDING)).all()
    assert pending and all(change.recommendation.is_open and change.decided_at is None for change in pending)


def _extensions_are_decided_after_asked_and_granted_dates_are_current():
    for change in db.session.scalars(select(DueDateChange).where(DueDateChange.decided_at.is_not(None))):
        assert change.requested_at <= change.decided_at <= datetime(2026, 11, 30, 23, 59)
        assert change.requested_due > change.previous_due
        if change.status == ExtensionStatus.APPROVED:
            assert change.recommendation.current_due == change.granted_due


def _findings_and_dossiers_belong_to_existing_units():
    outside = (select(func.count()).select_from(Finding)
               .outerjoin(mission_units, (mission_units.c.mission_id == Finding.mission_id)
                          & (mission_units.c.unit_id == Finding.unit_id))
               .where(mission_units.c.unit_id.is_(None)))
    assert db.session.scalar(outside) == 0
    dossiers_without_unit = (select(func.count()).select_from(Dossier).outerjoin(Unit, Unit.id == Dossier.unit_id)
                             .where(Unit.id.is_(None)))
    assert db.session.scalar(dossiers_without_unit) == 0
    years = set(db.session.scalars(select(Dossier.year).distinct()))
    assert years == {2022, 2023, 2024, 2025, 2026}
    decided = db.session.execute(select(Dossier.submitted_on, Dossier.decision_date, Dossier.status)
                                 .where(Dossier.decision_date.is_not(None))).all()
    assert all(submitted <= day <= AS_OF for submitted, day, _status in decided)
    awarded = select(func.count()).select_from(Dossier).where(Dossier.status == DossierStatus.AWARDED,
                                                              Dossier.decision_ref.is_(None))
    assert db.session.scalar(awarded) == 0


def test_documented_accounts_log_in_and_see_their_pages(generated, app, login):
    council = db.session.scalar(select(User).where(User.username == "council"))
    assert council.role == Role.COUNCIL
    assert login(council, "demo-password").get("/recommendations/?overdue=y").status_code == 200
    province_officer = db.session.scalar(select(User).where(User.username == "unit-syn7-p01"))
    assert [unit.code for unit in province_officer.units] == ["SYN7-P01"]
    assert login(province_officer, "demo-password").get("/todo").status_code == 200
    member = db.session.scalars(select(MissionMember).order_by(MissionMember.id)).first()
    assert member.user.username.startswith("inspector") and member.user.role == Role.INSPECTOR
    assert login(member.user, "demo-password").get(f"/missions/{member.mission_id}").status_code == 200
    # PostgreSQL: the generator gave ids itself, so it must have moved the sequences on
    assert make_user(Role.ADMIN).id > _count(User) - 1 and make_unit().id > 14


def test_refuses_a_database_that_is_not_empty(app, runner):
    make_unit(code="KG")
    db.session.commit()
    result = runner.invoke(args=ARGS)
    assert result.exit_code != 0
    assert "Cơ sở dữ liệu đã có dữ liệu (bảng unit)" in result.output
    assert _count(Unit) == 1 and _count(Mission) == 0


def test_units_and_scale_do_not_mix(runner):
    result = runner.invoke(args=["demo", "generate", "--units", "100", "--scale", "0.004"])
    assert result.exit_code != 0 and "--units hoặc --scale" in result.output
    assert _count(Unit) == 0


def test_a_bad_reference_day_is_named(runner):
    result = runner.invoke(args=["demo", "generate", "--scale", "0.004", "--as-of", "31/02/2026"])
    assert result.exit_code != 0 and "--as-of" in result.output and "dd/mm/yyyy" in result.output
