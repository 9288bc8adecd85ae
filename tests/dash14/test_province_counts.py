"""The dashboard of a province's subtree reads the counts kept for that province, and they follow the changes a
direct count would see: a unit moved into or out of the province, a recommendation issued there."""

from datetime import date, timedelta

from inspection.access import SYSTEM
from inspection.auth.models import Role
from inspection.dashboard import kept, queries
from inspection.dashboard.counting import rebuild
from inspection.dashboard.scope import Scope
from inspection.dashboard.views import build_dashboard, direct_dashboard
from inspection.extensions import db
from inspection.findings import services
from inspection.timeutil import today_vn
from inspection.units.models import UnitKind
from inspection.units.placement import move_unit
from tests.dashsnap.figures import figures
from tests.factories import make_unit, make_user
from tests.findings.builders import make_finding, make_mission


def _province_dashboard(council, province):
    scope = Scope.of(council, {"subtree": province}, today_vn())
    years = queries.group_years()
    year = queries.group_year(scope, years, None)
    assert kept.counted_scope(scope) == province.id
    shown = build_dashboard(scope)
    assert figures(shown) == figures(direct_dashboard(scope, year, years))
    return shown


def test_a_province_dashboard_follows_a_unit_moved_in_and_out(app):
    province, elsewhere = make_unit(kind=UnitKind.PROVINCE), make_unit(kind=UnitKind.PROVINCE)
    district = make_unit(parent=elsewhere, kind=UnitKind.DISTRICT)
    council = make_user(Role.COUNCIL)
    finding = make_finding(make_mission([district]))
    today = today_vn()
    rebuild(db.session.connection(), today)
    services.create_recommendation(SYSTEM, finding, text="Kiến nghị", issued_on=today - timedelta(days=40),
                                   due=today - timedelta(days=5), responsible_units=[district])
    db.session.flush()
    assert _province_dashboard(council, province).totals.open.value == 0
    assert _province_dashboard(council, elsewhere).totals.overdue.value == 1
    move_unit(SYSTEM, district, province, today)
    db.session.flush()
    assert _province_dashboard(council, province).totals.overdue.value == 1
    assert _province_dashboard(council, elsewhere).totals.open.value == 0


def test_other_filters_and_narrower_subtrees_are_counted_directly(app):
    province = make_unit(kind=UnitKind.PROVINCE)
    district = make_unit(parent=province, kind=UnitKind.DISTRICT)
    council, inspector = make_user(Role.COUNCIL), make_user(Role.INSPECTOR)
    rebuild(db.session.connection(), today_vn())
    today = today_vn()
    assert kept.counted_scope(Scope.of(council, {}, today)) == 0
    assert kept.counted_scope(Scope.of(council, {"subtree": district}, today)) is None
    assert kept.counted_scope(Scope.of(council, {"subtree": province, "issued_from": today}, today)) is None
    assert kept.counted_scope(Scope.of(inspector, {"subtree": province, "my_missions": True}, today)) is None


def test_a_year_before_a_unit_moved_out_is_counted_with_the_tree_of_that_year(app):
    """Found by tests/dashsnap: a unit moved out of the province today still stood under it on 31/12 of last year,
    so the province's dashboard of last year's issue dates counts it; the kept counts (today's tree) cannot."""
    province = make_unit(kind=UnitKind.PROVINCE)
    district = make_unit(parent=province, kind=UnitKind.DISTRICT)
    council, today = make_user(Role.COUNCIL), today_vn()
    finding = make_finding(make_mission([district]))
    rebuild(db.session.connection(), today)
    services.create_recommendation(SYSTEM, finding, text="Kiến nghị", issued_on=date(today.year - 1, 6, 1),
                                   due=date(today.year - 1, 9, 1), responsible_units=[district])
    move_unit(SYSTEM, district, None, today)
    db.session.flush()
    last_year = {"subtree": province, "issued_from": date(today.year - 1, 1, 1),
                 "issued_to": date(today.year - 1, 12, 31)}
    scope = Scope.of(council, last_year, today)
    assert kept.counted_scope(scope) is None
    years = queries.group_years()
    year = queries.group_year(scope, years, None)
    shown = build_dashboard(scope)
    assert figures(shown) == figures(direct_dashboard(scope, year, years))
    assert shown.totals.open.value == 1
    assert kept.counted_scope(Scope.of(council, {"subtree": province}, today)) == province.id  # today's tree
