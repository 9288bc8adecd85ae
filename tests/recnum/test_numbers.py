"""Every recommendation gets a readable number when it is created ("KN-03/Đ12-2017"): the mission's id and year
and a sequence within the mission; unique in the database, never changed by edits, verdicts or transfers."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from inspection.access import SYSTEM
from inspection.documents.refs import parse_ref
from inspection.extensions import db
from inspection.findings import services
from inspection.findings.models import (
    Finding,
    FindingCategory,
    Recommendation,
    Responsibility,
    VerificationMethod,
    VerifiedStatus,
)
from inspection.findings.numbering import canonical, format_number
from inspection.forms_util import commit_or_refuse
from inspection.rules import RuleViolation
from inspection.units import services as units
from tests.factories import make_unit
from tests.findings.builders import make_finding, make_mission, make_recommendation
from tests.recnum.conftest import tail


def test_the_first_recommendation_of_a_mission_is_number_one_of_it(world):
    assert world.recommendation.number == f"KN-01/{tail(world.mission)}"


def test_numbers_follow_on_within_a_mission_and_start_again_in_another(world):
    second = make_recommendation(make_finding(world.mission))
    third = make_recommendation(world.finding)
    other_mission = make_mission([world.own], [world.member])
    other_mission.decision_date = date(2019, 2, 1)
    elsewhere = make_recommendation(make_finding(other_mission))
    db.session.commit()
    assert [second.number, third.number] == [f"KN-02/{tail(world.mission)}", f"KN-03/{tail(world.mission)}"]
    assert elsewhere.number == f"KN-01/Đ{other_mission.id}-2019"


def test_recommendations_written_in_one_flush_get_consecutive_numbers(world):
    """Rows built directly (as the tests' builders and the demo loaders do) are numbered too, each its own."""
    finding = Finding(mission=world.mission, unit=world.own, category=FindingCategory.COMMUNICATION, title="Mới")
    recs = [Recommendation(finding=finding, text=f"Kiến nghị {n}", issued_on=date(2017, 12, 1),
                           original_due=date(2018, 1, 1), current_due=date(2018, 1, 1),
                           responsibilities=[Responsibility(unit=world.own)]) for n in range(3)]
    db.session.add_all(recs)
    db.session.commit()
    assert [rec.number for rec in recs] == [f"KN-0{n}/{tail(world.mission)}" for n in (2, 3, 4)]


@pytest.mark.parametrize(("dates", "year"), [
    ({"planned_start": date(2017, 11, 4), "period_to": date(2017, 11, 5)}, 2017),
    ({"period_to": date(2016, 12, 31)}, 2016),
])
def test_without_a_decision_date_the_mission_s_own_dates_give_the_year(app, dates, year):
    """The 2017 inspection entered in 2026 numbers its recommendations as a mission of 2017."""
    mission = make_mission([make_unit("Sở Tư pháp", code="TP")])
    for name in ("decision_date", "planned_start", "period_to"):
        setattr(mission, name, dates.get(name))
    rec = make_recommendation(make_finding(mission))
    db.session.commit()
    assert rec.number == f"KN-01/Đ{mission.id}-{year}"


def test_a_mission_without_any_date_takes_the_year_it_was_entered(app):
    unit = make_unit("Sở Tư pháp", code="TP")
    mission = make_mission([unit])
    mission.planned_start = None
    rec = make_recommendation(make_finding(mission))
    db.session.commit()
    assert rec.number == f"KN-01/Đ{mission.id}-{mission.created_at.year}"


def test_the_number_survives_edits_verdicts_and_reopening(world):
    rec = world.recommendation
    number = rec.number
    services.update_recommendation(SYSTEM, rec, version=rec.version, text="Nội dung đã sửa",
                                   responsible_units=[world.own, world.foreign])
    services.verify(SYSTEM, rec, VerifiedStatus.IMPLEMENTED, VerificationMethod.DESK_REVIEW, "Đã xong",
                    version=rec.version)
    services.reopen(SYSTEM, rec, "Xem lại", version=rec.version)
    expected_tail = tail(world.mission)
    world.mission.decision_date = date(2017, 1, 1)  # a decision date entered later renumbers nothing
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Recommendation, rec.id).number == number
    later = make_recommendation(world.finding, [world.foreign])
    assert later.number == f"KN-02/{expected_tail}"  # the mission keeps the part it started with


def test_the_number_survives_a_transfer_to_the_successor_unit(app):
    old = make_unit("UBND xã Bình An", code="BA")
    new = make_unit("UBND xã Kiên Lương", code="KL", valid_from=date(2025, 7, 1))
    rec = make_recommendation(make_finding(make_mission([old])), [old])
    number = rec.number
    units.merge_units(SYSTEM, [old], new, date(2025, 7, 1), parse_ref("1654/NQ-UBTVQH15"))
    result = services.transfer_open_recommendations(SYSTEM, old, new, parse_ref("1654/NQ-UBTVQH15"), "Sáp nhập")
    db.session.commit()
    db.session.expire_all()
    assert result.moved == [rec] and db.session.get(Recommendation, rec.id).number == number


def test_the_database_refuses_a_duplicate_number(world):
    row = {"finding_id": world.finding.id, "number": world.recommendation.number, "text": "Trùng số",
           "verified_status": VerifiedStatus.OPEN, "version": 1, "search_text": ""}
    with pytest.raises(IntegrityError):
        db.session.execute(insert(Recommendation), [row])
    db.session.rollback()


def test_a_number_lost_to_a_parallel_request_is_refused_with_nothing_saved(world):
    """What the unique constraint catches reaches the user as the house's lost-race message."""
    def clash():
        rec = make_recommendation(world.finding)
        rec.number = world.recommendation.number

    with pytest.raises(RuleViolation):
        commit_or_refuse(clash)
    assert db.session.scalar(select(Recommendation.id).where(Recommendation.text.like("Kiến nghị số%")
                                                             , Recommendation.id != world.recommendation.id)) is None


@given(mission=st.integers(1, 10**6), year=st.integers(1990, 2100), sequence=st.integers(1, 9999),
       style=st.sampled_from(["{}", "{}".lower, " số {} ", "{}"]))
def test_a_number_typed_in_any_case_or_without_accents_reads_back(mission, year, sequence, style):
    number = format_number(mission, year, sequence)
    assert canonical(number) == number
    assert canonical(number.lower().replace("đ", "d")) == number
    assert canonical(number.replace("-", " ", 1).replace("/", " / ")) == number
    assert canonical("số " + number) == number


@pytest.mark.parametrize("text", ["12", "KN-03", "Đ12-2017", "kiến nghị", "KN-00/Đ12-2017", "", None])
def test_what_is_not_a_whole_number_is_not_read_as_one(text):
    assert canonical(text) is None


def test_two_inspectors_adding_at_once_get_different_numbers(app, migrated):
    """Two transactions number recommendations of one mission at the same moment (PostgreSQL: the mission row
    lock makes the second wait; SQLite writes one transaction at a time)."""
    import threading

    from inspection.units.models import Unit
    unit = make_unit("Sở Nội vụ", code="SNV")
    mission = make_mission([unit])
    finding_ids = [make_finding(mission).id for _ in range(2)]
    db.session.commit()
    unit_id, barrier, errors = unit.id, threading.Barrier(2), []

    def add(finding_id):
        with app.app_context():
            try:
                finding = db.session.get(Finding, finding_id)
                barrier.wait(timeout=10)
                make_recommendation(finding, [db.session.get(Unit, unit_id)])
                db.session.commit()
            except Exception as error:  # noqa: BLE001 - reported below
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=add, args=(finding_id,)) for finding_id in finding_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    numbers = sorted(db.session.scalars(select(Recommendation.number).join(Recommendation.finding)
                                        .where(Finding.mission_id == mission.id)))
    if db.engine.dialect.name == "postgresql":
        assert errors == [] and numbers == [f"KN-0{n}/{tail(mission)}" for n in (1, 2)]
    else:  # the loser of SQLite's write lock is refused or waits; never two rows with one number
        assert len(numbers) == len(set(numbers)) >= 1
