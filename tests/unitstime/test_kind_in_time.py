"""A unit's kind is dated, and Biểu 0603's "trong đó doanh nghiệp" counts the collectives of units that were
enterprises in the report's period: a company made a mass organisation in 2026 still counts in 2017's figures,
and no longer in 2026's; the line's link lists the same dossiers."""

import html
import re
from datetime import date

import pytest

from inspection.access import SYSTEM
from inspection.auth.models import Role
from inspection.extensions import db
from inspection.nominations.models import DossierStatus, RecipientKind
from inspection.units.models import UnitKind
from inspection.units.placement import move_unit
from tests.factories import make_unit, make_user
from tests.nominations.builders import make_dossier
from tests.nominations.test_report import line_numbers, registry_total

REPORT = "/nominations/report?unit=KT-P&subtree=1&year_from={year}&year_to={year}"


@pytest.fixture
def company(app):
    province = make_unit("UBND tỉnh Thử", code="KT-P", kind=UnitKind.PROVINCE, valid_from=date(1976, 1, 1))
    company = make_unit("Công ty Cổ phần Cấp nước", code="KT-CN", kind=UnitKind.ENTERPRISE, parent=province,
                        valid_from=date(2000, 1, 1))
    move_unit(SYSTEM, company, province, date(2026, 1, 1), kind=UnitKind.MASS_ORGANISATION)
    for year in (2017, 2026):
        make_dossier(company, year=year, recipient_kind=RecipientKind.COLLECTIVE, status=DossierStatus.AWARDED,
                     decision_date=date(year, 3, 15), submitted_on=date(year, 3, 1))
    council = make_user(Role.COUNCIL)
    db.session.commit()
    return council


def _enterprises(client, year: int) -> tuple[str, str]:
    page = client.get(REPORT.format(year=year)).get_data(as_text=True)
    row = re.search(r'<tr data-line="b0603.enterprises">(.*?)</tr>', page, re.S).group(1)
    link = re.search(r'href="([^"]+)"', row).group(1)
    return line_numbers(page)["b0603.enterprises"], registry_total(client, html.unescape(link))


def test_the_enterprise_line_takes_the_kind_of_the_period(company, login):
    client = login(company)
    assert _enterprises(client, 2017) == ("1", "1")
    assert _enterprises(client, 2026) == ("0", "0")
