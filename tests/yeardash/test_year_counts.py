"""The dashboard filtered to whole calendar years of issue dates reads the counts kept per issue year (the whole
country's or a province's); issue dates that cut a year are counted directly."""

from datetime import date, timedelta

from inspection.auth.models import Role
from inspection.dashboard import kept
from inspection.dashboard.counting import rebuild
from inspection.dashboard.models import DashboardCount
from inspection.dashboard.scope import Scope
from inspection.extensions import db
from inspection.timeutil import today_vn
from inspection.units.models import UnitKind
from tests.factories import make_unit, make_user
from tests.findings.builders import make_finding, make_mission, make_recommendation


def test_whole_years_are_kept_and_other_periods_counted_directly(app):
    province = make_unit(kind=UnitKind.PROVINCE)
    district = make_unit(parent=province, kind=UnitKind.DISTRICT)
    council, inspector = make_user(Role.COUNCIL), make_user(Role.INSPECTOR)
    today = today_vn()
    first, last = date(2024, 1, 1), date(2025, 12, 31)

    def counted(user, **filters):
        return kept.counted_scope(Scope.of(user, filters, today)), kept.counted_years(filters)

    assert counted(council, issued_from=first, issued_to=date(2024, 12, 31)) == (0, (2024, 2024))
    assert counted(council, issued_from=first, issued_to=last) == (0, (2024, 2025))
    assert counted(council, subtree=province, issued_from=first) == (province.id, (2024, 9999))
    assert counted(council, issued_to=last) == (0, (1, 2025))
    assert counted(council, issued_from=date(2024, 1, 2), issued_to=last)[0] is None
    assert counted(council, issued_from=first, issued_to=date(2025, 12, 30))[0] is None
    assert counted(council, subtree=district, issued_from=first)[0] is None
    assert counted(inspector, issued_from=first, my_missions=True)[0] is None


def test_the_page_of_a_year_reads_that_years_counts(app, login):
    """A count of the year written by hand (1.234) shows on the year's page; a period cut inside the year counts
    the one recommendation there is."""
    council, unit = make_user(Role.COUNCIL), make_unit(code="KY")
    today = today_vn()
    issued = today - timedelta(days=10)
    make_recommendation(make_finding(make_mission([unit])), [unit], issued_on=issued, due=today - timedelta(days=5))
    rebuild(db.session.connection(), today)
    db.session.get(DashboardCount, ("total", 0, 0, 0, 0, issued.year)).n = 1234
    db.session.commit()
    client = login(council)
    year = f"issued_from=01/01/{issued.year}&issued_to=31/12/{issued.year}"
    assert 'data-count="1234">1.234</a>' in client.get(f"/dashboard/?{year}").get_data(as_text=True)
    before = f"issued_from=01/01/{issued.year - 1}&issued_to=31/12/{issued.year - 1}"
    assert 'data-count="1234"' not in client.get(f"/dashboard/?{before}").get_data(as_text=True)
    cut = f"issued_from={issued.strftime('%d/%m/%Y')}&issued_to=31/12/{issued.year}"
    page = client.get(f"/dashboard/?{cut}").get_data(as_text=True)
    assert 'data-count="1234"' not in page and 'verified=open" data-count="1">1</a>' in page
