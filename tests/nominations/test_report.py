"""The award statistics report: the Kiên Giang 2017 figures from the demo, every number a link to the registry
that yields it, who may see which unit's report, bad scope input, and a fixed number of queries."""

import html
import re
from urllib.parse import urlsplit

import pytest
from sqlalchemy import insert, select

from inspection.auth.models import Role, User
from inspection.extensions import db
from inspection.nominations.models import AwardForm, Dossier, DossierStatus, RecipientKind
from tests.factories import make_unit
from tests.nominations.builders import make_dossier

KG_2017 = "/nominations/report?unit=KG&subtree=1&year_from=2017&year_to=2017"

# Báo cáo 280/BC-UBND (../shared/seeds/000_5831ede85d1b1a35.txt), line by line
SEED = {
    "state.submitted": "333", "state.decided": "332", "state.orders": "52", "state.heroic_mothers": "167",
    "state.government_flag": "17", "state.pm_certificate": "96",
    "provincial.total": "5.549", "provincial.collectives": "2.141", "provincial.individuals": "3.408",
    "provincial.non_leaders": "1.973",
    "bk.total": "4.767", "bk.collectives": "1.391", "bk.individuals": "3.376", "bk.ranked": "237",
    "bk.regular": "1.573", "bk.thematic_extraordinary": "2.953", "bk.foreign": "4",
    "provincial.soldiers": "32", "provincial.flags": "91", "provincial.excellent_collectives": "659",
}
LINK = re.compile(r'<a href="(/nominations/\?[^"]*)"[^>]*>([^<]+)</a>')


@pytest.fixture
def demo(app, runner):
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output


def demo_user(login, username: str):
    return login(db.session.scalar(select(User).where(User.username == username)), password="demo-password")


def line_numbers(page: str) -> dict[str, str]:
    """Each report line's key → the number shown on it (its first link's text)."""
    rows = re.findall(r'<tr data-line="([^"]+)">(.*?)</tr>', page, re.S)
    return {key: html.unescape(LINK.search(row).group(2)) for key, row in rows}


def registry_total(client, href: str) -> str:
    page = client.get(html.unescape(href)).get_data(as_text=True)
    match = re.search(r"Tổng số: ([\d.]+)", page)
    assert match, f"no total on {href}"
    return match.group(1)


def test_the_report_reproduces_the_kien_giang_2017_figures(demo, login):
    inspector = demo_user(login, "inspector")
    page = inspector.get(KG_2017).get_data(as_text=True)
    shown = line_numbers(page)
    assert {key: shown[key] for key in SEED} == SEED
    assert "57,89%" in page  # 1.973 / 3.408, computed, never the printed 57.86%
    assert shown["state.heroic_mothers_posthumous"] == "158"
    assert "“Đã trình”: mọi hồ sơ có trạng thái khác “Nháp”" in page
    assert "“Đã có quyết định khen thưởng”: hồ sơ “Đã khen thưởng” hoặc “Đã thu hồi”" in page
    assert "css/report.css" in page and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page  # the print styles (A4)
    assert "@page { size: A4" in inspector.get("/static/css/report.css").get_data(as_text=True)
    by_form = {code: number for code, number in re.findall(
        r'<tr data-form="([^"]+)"><th[^>]*>[^<]+</th><td[^>]*><a[^>]*>([^<]+)</a>', page)}
    assert by_form["HCLD3"] == "39" and by_form["BKUBT"] == "4.767"  # submitted: one order still pending


def test_the_same_figures_by_submission_date_over_the_report_period(demo, login):
    inspector = demo_user(login, "inspector")
    page = inspector.get("/nominations/report?unit=KG&subtree=1&submitted_from=06/11/2016"
                         "&submitted_to=05/11/2017").get_data(as_text=True)
    assert {key: line_numbers(page)[key] for key in SEED} == SEED
    assert "hồ sơ trình từ 06/11/2016 đến 05/11/2017" in page


def test_every_number_links_to_the_registry_filter_that_yields_it(demo, login):
    inspector = demo_user(login, "inspector")
    page = inspector.get(KG_2017).get_data(as_text=True)
    sheet = page[page.index('<article class="report-sheet'):]
    links = LINK.findall(sheet)
    assert len(links) > 60
    checked = {}
    for href, text in links:
        if text.endswith("%"):
            continue  # a share links to its numerator, which is also shown (and checked) beside it
        total = checked.get(href) or checked.setdefault(href, registry_total(inspector, href))
        assert total == text, f"{href}: the report shows {text}, the registry {total}"
    assert all(urlsplit(html.unescape(href)).query for href, _text in links)


def test_a_unit_officer_sees_the_report_of_their_own_units_only(client_as, catalogue):
    mine, other = make_unit(code="DV-A"), make_unit(code="DV-B")
    make_dossier(mine, status=DossierStatus.AWARDED)
    make_dossier(other, status=DossierStatus.AWARDED)
    db.session.commit()
    officer = client_as(Role.UNIT_OFFICER, units=[mine])
    response = officer.get("/nominations/report?unit=DV-A&year_from=2017&year_to=2017")
    assert response.status_code == 200
    assert line_numbers(response.get_data(as_text=True))["provincial.total"] == "1"
    assert officer.get("/nominations/report?unit=DV-B").status_code == 403
    everything = line_numbers(officer.get("/nominations/report").get_data(as_text=True))
    assert everything["provincial.total"] == "1"  # without a unit: only what the officer may see
    inspector = client_as(Role.INSPECTOR)
    unfiltered = inspector.get("/nominations/report").get_data(as_text=True)
    assert line_numbers(unfiltered)["provincial.total"] == "2"
    # without filters the heading still says whose figures and over which years
    assert "của tất cả các đơn vị theo dõi trên Cổng, mọi năm thi đua" in " ".join(unfiltered.split())


@pytest.mark.parametrize(("query", "message"), [
    ("unit=KHONG-CO", "Không có đơn vị mang mã: KHONG-CO"),
    ("year_from=abc", "“abc” không phải năm hợp lệ"),
    ("year_from=2018&year_to=2017", "Năm cuối phải không nhỏ hơn năm đầu."),
    ("submitted_from=31/02/2017", "“31/02/2017” không phải ngày hợp lệ"),
])
def test_a_bad_scope_is_named_and_no_figures_are_shown(client_as, catalogue, query, message):
    response = client_as(Role.INSPECTOR).get("/nominations/report?" + query)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in html.unescape(page)
    assert 'class="report-sheet' not in page


def _bulk_dossiers(unit, count: int) -> None:
    forms = {form.code: form.id for form in db.session.scalars(select(AwardForm))}
    rows = [{"code": f"B-{number:05d}", "unit_id": unit.id, "year": 2017, "award_form_id": forms["BKUBT"],
             "recipient_kind": RecipientKind.INDIVIDUAL, "recipient_name": f"Cá nhân {number}",
             "is_leader": number % 2 == 0, "status": DossierStatus.AWARDED, "version": 1}
            for number in range(count)]
    db.session.execute(insert(Dossier), rows)
    db.session.commit()


def test_the_report_runs_a_fixed_number_of_queries(client_as, catalogue, count_queries):
    unit = make_unit(code="DV-Q")
    db.session.commit()
    client = client_as(Role.INSPECTOR)
    url = "/nominations/report?unit=DV-Q&subtree=1&year_from=2017&year_to=2017"
    _bulk_dossiers(unit, 3)
    with count_queries() as small:
        assert client.get(url).status_code == 200
    db.session.execute(Dossier.__table__.delete())
    _bulk_dossiers(unit, 600)
    with count_queries() as large:
        page = client.get(url).get_data(as_text=True)
    assert line_numbers(page)["provincial.total"] == "600"
    assert large.count == small.count
    # Ceiling = the page's fixed query budget (measured 8 on SQLite, 10 on PostgreSQL, which also folds the
    # transaction's tally log first, tally.settle), plus a small margin.
    assert large.count <= 11
    # the lines summed over the unit's tally by key, the lines that name units (Biểu 0603's enterprises) over its
    # rows, the by-form tables
    aggregates = [s for s in large.statements if "GROUP BY" in s.upper()]
    assert len(aggregates) == 3
