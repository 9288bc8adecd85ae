"""The dashboard's figures on hand-built data with known answers, computed for a fixed day."""

from datetime import date, datetime

import pytest
from sqlalchemy import select

from inspection.dashboard.cohorts import cohort_table
from inspection.dashboard.queries import by_category_and_severity, by_group, by_mission, by_responsible_unit
from inspection.dashboard.scope import Scope
from inspection.dashboard.trend import last_months, monthly_trend
from inspection.extensions import db
from inspection.findings.models import VerifiedStatus
from inspection.units.models import Unit
from tests.dashboard.scenario import TODAY, set_verdict
from tests.factories import make_unit
from tests.findings.builders import make_finding, make_mission, make_recommendation

AGING = ("1-30", "31-60", "61-90", "91+")


def values(row) -> list[int]:
    return [row.cells[key].value for key in ("open", "overdue", *AGING)]


def totals(scope):
    """The totals row: the sum of the category × severity rows (one statement gives all three)."""
    return by_category_and_severity(scope)[0]


def test_open_overdue_and_aging_buckets_at_their_edges(scenario):
    scope = Scope.of(scenario.council, {}, TODAY)
    assert values(totals(scope)) == [5, 4, 1, 1, 1, 1]
    units = {row.note: values(row) for row in by_responsible_unit(scope)}
    assert units == {"Q": [3, 2, 0, 0, 1, 1], "D1": [2, 1, 1, 0, 0, 0], "D2": [1, 1, 0, 1, 0, 0]}
    assert [row.note for row in by_responsible_unit(scope)] == ["Q", "D1", "D2"]  # most overdue first
    assert [(row.label, values(row)) for row in by_mission(scope)] == [
        ("Đoàn M2", [3, 2, 0, 0, 1, 1]), ("Đoàn M1", [2, 2, 1, 1, 0, 0])]
    assert [row.label for row in by_group(scope, 2024)] == ["Khối G"]
    assert values(by_group(scope, 2023)[0]) == [3, 2, 0, 0, 1, 1]
    _totals, categories, severities = by_category_and_severity(scope)
    assert sum(row.open.value for row in categories) == 5
    assert [(row.label, values(row)) for row in severities if row.open.value] == [
        ("Rất nghiêm trọng", [2, 2, 1, 1, 0, 0]), ("Nhẹ", [3, 2, 0, 0, 1, 1])]


def test_a_day_later_every_item_moves_up_one_bucket_edge(scenario):
    later = Scope.of(scenario.council, {}, date(2024, 6, 16))
    assert values(totals(later)) == [5, 4, 0, 2, 0, 2]  # 30→31 and 90→91 days cross an edge


def test_the_dashboard_filters_narrow_every_figure(scenario):
    assert values(totals(Scope.of(scenario.council, {"subtree": scenario.province}, TODAY))) == [3, 2, 1, 1, 0, 0]
    period = {"issued_from": date(2022, 1, 1), "issued_to": date(2022, 12, 31)}
    assert values(totals(Scope.of(scenario.council, period, TODAY))) == [1, 1, 0, 0, 1, 0]
    assert values(totals(Scope.of(scenario.member, {"my_missions": True}, TODAY))) == [2, 2, 1, 1, 0, 0]


@pytest.fixture
def cohorts(scenario):
    """Cohort 2020: ten recommendations with verdicts at known moments; an open one of 2018 (backlog)."""
    mission = make_mission([make_unit("Tỉnh R", code="R")], title="Đoàn 2020")
    finding = make_finding(mission)
    verdicts = [
        (VerifiedStatus.NOT_ACCEPTED, datetime(2020, 12, 1)),
        (VerifiedStatus.IMPLEMENTED, datetime(2021, 5, 1)),
        (VerifiedStatus.IMPLEMENTED, datetime(2021, 5, 2)),
        (VerifiedStatus.IMPLEMENTED, datetime(2021, 12, 31, 16, 59)),  # 23:59 on 31/12/2021 in Vietnam
        (VerifiedStatus.IMPLEMENTED, datetime(2021, 12, 31, 17, 0)),  # 00:00 on 01/01/2022 in Vietnam
        (VerifiedStatus.PARTIAL, datetime(2021, 6, 1)),
        (VerifiedStatus.OVERTAKEN, datetime(2021, 9, 1)),
        (VerifiedStatus.NOT_IMPLEMENTED, datetime(2023, 2, 1)),
        (None, None),
        (None, None),
    ]
    for status, at in verdicts:
        rec = make_recommendation(finding, issued_on=date(2020, 3, 1), due=date(2020, 12, 31))
        if status:
            set_verdict(rec, status, at)
    make_recommendation(finding, issued_on=date(2018, 5, 1), due=date(2018, 12, 31))
    closed_old = make_recommendation(finding, issued_on=date(2019, 5, 1), due=date(2019, 12, 31))
    set_verdict(closed_old, VerifiedStatus.IMPLEMENTED, datetime(2019, 10, 1))
    db.session.commit()
    return Scope.of(scenario.council, {}, TODAY)  # the scenario's latest issue (2024) ends the cohort years


def stage_numbers(stage) -> tuple:
    return tuple(cell.value for cell in stage.verdicts.values()) + (stage.still_open.value,)


def test_cohort_rates_after_one_two_and_three_years(cohorts):
    table = cohort_table(cohorts)
    assert [cohort.year for cohort in table.cohorts] == [2024, 2023, 2022, 2021, 2020]
    cohort = table.cohorts[-1]
    one, two, three, now = cohort.stages
    assert cohort.issued.value == 10
    #                          implemented, partial, not implemented, overtaken, not accepted, still open
    assert stage_numbers(one) == (3, 1, 0, 1, 1, 4)
    assert stage_numbers(two) == (4, 1, 0, 1, 1, 3)
    assert stage_numbers(three) == (4, 1, 1, 1, 1, 2)
    assert stage_numbers(now) == (4, 1, 1, 1, 1, 2)
    assert (one.rate, two.rate, three.rate) == (3 / 8, 4 / 8, 4 / 8)
    assert one.reached and three.reached
    assert one.verdicts[VerifiedStatus.IMPLEMENTED].args == {
        "cohort": "2020", "verified": "implemented", "verified_before": "31/12/2021"}
    assert one.still_open.args == {"cohort": "2020", "open_on": "31/12/2021"}


def test_a_horizon_not_reached_is_not_shown_and_the_backlog_stands_apart(cohorts):
    table = cohort_table(cohorts)
    assert [stage.reached for stage in table.cohorts[0].stages] == [False, False, False, True]  # 2024
    assert [stage.reached for stage in table.cohorts[1].stages] == [False, False, False, True]  # 2023: 31/12/2024
    assert [stage.reached for stage in table.cohorts[2].stages] == [True, False, False, True]  # 2022
    assert table.backlog_before == 2020
    assert (table.backlog_open.value, table.backlog_overdue.value) == (1, 1)
    assert table.backlog_open.args == {"issued_to": "31/12/2019", "verified": "open"}


def test_the_cohort_years_end_with_the_period_or_the_latest_issue(cohorts):
    period = Scope.of(cohorts.user, cohorts.filters | {"issued_to": date(2021, 6, 30)}, TODAY)
    assert [cohort.year for cohort in cohort_table(period).cohorts] == [2021, 2020, 2019, 2018, 2017]
    assert cohort_table(period).backlog_open.value == 0
    only_2020 = Scope.of(cohorts.user, cohorts.filters | {"issued_to": date(2020, 12, 31)}, TODAY)
    assert cohort_table(only_2020).cohorts[0].year == 2020
    province_r = Scope.of(cohorts.user, {"subtree": db.session.scalar(select(Unit).where(Unit.code == "R"))}, TODAY)
    assert cohort_table(province_r).cohorts[0].year == 2020  # its latest issue
    assert cohort_table(province_r).cohorts[2].issued.value == 1  # the open one of 2018


def test_the_monthly_trend(scenario):
    months = {month.label: month for month in monthly_trend(Scope.of(scenario.council, {}, TODAY))}
    assert list(months)[0] == "07/2023" and list(months)[-1] == "06/2024"
    assert [(label, m.opened.value, m.verified.value, m.overdue.value) for label, m in months.items()
            if (m.opened.value, m.verified.value, m.overdue.value) != (0, 0, 0)] == [
        ("07/2023", 0, 0, 1),  # KN-g, due 30/06, overtaken on 01/08
        ("08/2023", 0, 1, 0),
        ("12/2023", 0, 0, 1),  # KN-e, due 30/12, implemented on 15/01
        ("01/2024", 0, 1, 0),
        ("02/2024", 1, 0, 0),
        ("03/2024", 0, 0, 2),  # KN-c and KN-d
        ("04/2024", 0, 0, 2),
        ("05/2024", 0, 0, 4),
        ("06/2024", 0, 0, 4),  # counted today, 15/06
    ]
    assert months["06/2024"].overdue.args == {"overdue_on": "15/06/2024"}
    assert months["02/2024"].opened.args == {"issued_from": "01/02/2024", "issued_to": "29/02/2024"}


def test_twelve_months_end_with_this_one():
    assert last_months(date(2024, 3, 31))[0] == (date(2023, 4, 1), date(2023, 4, 30))
    assert last_months(date(2024, 3, 31))[-1] == (date(2024, 3, 1), date(2024, 3, 31))
    assert last_months(date(2024, 1, 10))[-2:] == [(date(2023, 12, 1), date(2023, 12, 31)),
                                                   (date(2024, 1, 1), date(2024, 1, 10))]
