"""Provincial scope: "Khen thưởng cấp tỉnh" counts what the province's own authorities decided; a ministry's
Bằng khen (the law's same level "Bộ, ban, ngành, tỉnh") is shown on its own line and in its own table."""

import html

from sqlalchemy import select

from inspection.auth.models import Role
from inspection.extensions import db
from inspection.nominations.models import AwardAuthority, AwardForm, DossierStatus, RecipientKind
from inspection.units.models import Unit
from tests.factories import make_unit
from tests.nominations.builders import make_dossier
from tests.nominations.test_import import dossier_row, xlsx
from tests.nominations.test_report import KG_2017, SEED, demo, demo_user, line_numbers, registry_total

__all__ = ["demo"]  # the fixture, imported for these tests
AWARDED = DossierStatus.AWARDED


def test_the_catalogue_knows_who_decides_each_form(catalogue):
    authority = {code: form.authority for code, form in catalogue.items()}
    assert authority["BKUBT"] == authority["CTDUBT"] == authority["CSTDT_OLD"] == AwardAuthority.PROVINCE
    assert authority["TTLDXS"] == AwardAuthority.PROVINCE
    assert authority["BKBN"] == authority["CTDBN"] == AwardAuthority.CENTRAL
    assert authority["BKTTG"] == AwardAuthority.STATE and authority["GK"] == AwardAuthority.GRASSROOTS


def test_a_ministry_award_is_not_a_provincial_award(client_as, catalogue):
    unit = make_unit(code="DV-A")
    make_dossier(unit, status=AWARDED)
    make_dossier(unit, form="TTLDXS", recipient_kind=RecipientKind.COLLECTIVE, status=AWARDED)
    make_dossier(unit, form="BKBN", status=AWARDED)
    db.session.commit()
    inspector = client_as(Role.INSPECTOR)

    page = inspector.get("/nominations/report?unit=DV-A&year_from=2017&year_to=2017").get_data(as_text=True)

    shown = line_numbers(page)
    assert shown["provincial.total"] == "2" and shown["provincial.individuals"] == "1"
    assert shown["central.decided"] == "1" and shown["grassroots.decided"] == "0"
    assert "Khen thưởng của bộ, ban, ngành, đoàn thể trung ương" in page
    # the by-form tables: the ministry's form apart from the province's own
    assert "thẩm quyền quyết định: Bộ, ban, ngành, đoàn thể trung ương" in page
    assert "thẩm quyền quyết định: Chủ tịch UBND tỉnh" in page


def test_the_ministry_line_links_to_exactly_its_dossiers(client_as, catalogue):
    unit = make_unit(code="DV-B")
    make_dossier(unit, form="BKBN", status=AWARDED, recipient_name="Người của bộ")
    make_dossier(unit, status=AWARDED, recipient_name="Người của tỉnh")
    db.session.commit()
    inspector = client_as(Role.INSPECTOR)
    page = inspector.get("/nominations/report?unit=DV-B").get_data(as_text=True)
    href = html.unescape(page.split('data-line="central.decided"')[1].split('href="')[1].split('"')[0])

    registry = inspector.get(href).get_data(as_text=True)

    assert "authority=central" in href
    assert "Người của bộ" in registry and "Người của tỉnh" not in registry


def test_an_admin_sets_who_decides_a_new_form(client_as, catalogue):
    admin = client_as(Role.ADMIN)
    response = admin.post("/nominations/catalogue/new", data={
        "code": "BKBCA", "name_vi": "Bằng khen của Bộ trưởng Bộ Công an", "group": "merit_certificate",
        "level": "provincial", "authority": "central", "for_individual": "y"})
    assert response.status_code == 302
    form = db.session.scalar(select(AwardForm).where(AwardForm.code == "BKBCA"))
    assert form.authority == AwardAuthority.CENTRAL


def test_an_imported_ministry_award_leaves_the_2017_figures_exact(demo, login, runner, tmp_path):
    inspector = demo_user(login, "inspector")
    assert db.session.scalar(select(Unit).where(Unit.code == "KG")) is not None
    path = tmp_path / "bo-nganh.xlsx"
    path.write_bytes(xlsx([dossier_row("HS-BO-2017", unit="KG", form="Bằng khen của bộ, ban, ngành, đoàn thể trung "
                                       "ương", ref="12/QĐ-BNV", leader="Có")]))

    result = runner.invoke(args=["nominations", "import", str(path)])

    assert result.exit_code == 0, result.output
    page = inspector.get(KG_2017).get_data(as_text=True)
    shown = line_numbers(page)
    assert {key: shown[key] for key in SEED} == SEED  # 5.549 unchanged
    assert shown["central.decided"] == "1"
    href = page.split('data-line="central.decided"')[1].split('href="')[1].split('"')[0]
    assert registry_total(inspector, href) == "1"
