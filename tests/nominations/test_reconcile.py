"""Reconciling a self-report's printed figures: parts against totals, percentages against their counts (to the
printed precision), figures against the registry; a mismatch becomes a finding in one step."""

import html
import re
from datetime import date

import pytest
from sqlalchemy import func, select

from inspection.access import SYSTEM
from inspection.auth.models import Role, User
from inspection.extensions import db
from inspection.findings.models import Finding, FindingCategory, Severity
from inspection.missions.models import SelfReport
from inspection.nominations.models import DossierStatus
from inspection.nominations.reconcile import reconcile, save_reported_figures
from tests.nominations.builders import make_dossier
from tests.nominations.test_figures import World, make_world


@pytest.fixture
def demo(app, runner):
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    return db.session.scalar(select(SelfReport))


def demo_user(login, username: str):
    return login(db.session.scalar(select(User).where(User.username == username)), password="demo-password")


def text_of(response) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))))


def test_the_demo_reconciliation_flags_the_printed_57_86_percent(demo, login):
    result = reconcile(demo, None)
    assert {check.id for check in result.mismatches} == {
        "share:provincial.non_leader_share", "registry:provincial.non_leader_share"}
    relations = {check.id: check for check in result.checks if check.kind == "relation"}
    assert relations["relation:provincial.by_recipient"].ok  # 2.141 + 3.408 = 5.549
    assert relations["relation:state.by_form"].ok  # 52 + 167 + 17 + 96 = 332
    assert relations["relation:bk.by_achievement"].ok  # 1.573 + 2.953 + 4 + 237 = 4.767
    assert relations["relation:provincial.by_form"].ok  # 4.767 + 659 + 91 + 32 = 5.549
    page = text_of(demo_user(login, "inspector").get(f"/nominations/self-reports/{demo.id}/reconcile"))
    assert "Có 2 chỗ không khớp" in page
    assert ("Tỷ lệ cá nhân không là lãnh đạo, quản lý 57.86% 1.973 / 3.408 = 57,89% Không khớp "
            "Ghi thành tồn tại, hạn chế") in page
    assert "Tổng số khen thưởng cấp tỉnh 5.549 = Tập thể 2.141 + Cá nhân 3.408 5.549 Khớp" in page
    assert ("Thành tích thực hiện nhiệm vụ được giao 1.573 + Thành tích chuyên đề, đột xuất 2.953 + "
            "Thành tích đối ngoại 4 + Tập thể hạng Nhì, hạng Ba Cụm, Khối thi đua thuộc tỉnh 237 4.767 Khớp") in page
    assert "Sổ hồ sơ đối chiếu: đơn vị KG, gồm các đơn vị trực thuộc, hồ sơ trình từ 06/11/2016 đến 05/11/2017." in page


def test_a_mismatch_becomes_a_finding_in_one_step(demo, login, client_as):
    inspector = demo_user(login, "inspector")
    url = f"/nominations/self-reports/{demo.id}/reconcile/finding"
    response = inspector.post(url, data={"check": "share:provincial.non_leader_share"})
    assert response.status_code == 302 and "/findings/" in response.headers["Location"]
    finding = db.session.scalar(select(Finding).order_by(Finding.id.desc()))
    assert response.headers["Location"].endswith(f"/findings/{finding.id}")
    assert (finding.category, finding.severity, finding.unit.code) == (
        FindingCategory.AWARD_TARGETING, Severity.MODERATE, "KG")
    assert finding.title == ("Số liệu Báo cáo 280/BC-UBND có tỷ lệ không khớp số liệu: "
                             "Tỷ lệ cá nhân không là lãnh đạo, quản lý")
    assert finding.figures == ("Báo cáo 280/BC-UBND ghi “Tỷ lệ cá nhân không là lãnh đạo, quản lý”: 57.86%; "
                               "tính từ số liệu của báo cáo: 1.973 / 3.408 = 57,89%.")
    assert "1.973 / 3.408 = 57,89%" in text_of(inspector.get(response.headers["Location"]))
    count = db.session.scalar(select(func.count()).select_from(Finding))
    assert client_as(Role.INSPECTOR).post(url, data={"check": "share:provincial.non_leader_share"}).status_code == 403
    assert demo_user(login, "unit").post(url, data={"check": "share:provincial.non_leader_share"}).status_code == 403
    refused = inspector.post(url, data={"check": "registry:provincial.total"})  # that one matches
    assert refused.status_code == 302 and refused.headers["Location"].endswith("/reconcile")
    again = inspector.post(url, data={"check": "share:provincial.non_leader_share"})
    assert again.headers["Location"].endswith(f"/findings/{finding.id}")  # the same mismatch: no second finding
    assert db.session.scalar(select(func.count()).select_from(Finding)) == count
    page = inspector.get(f"/nominations/self-reports/{demo.id}/reconcile").get_data(as_text=True)
    assert f'href="/findings/{finding.id}">Xem tồn tại, hạn chế đã ghi' in page


@pytest.fixture
def world(app, catalogue) -> World:
    world = make_world()
    for number in range(3):  # the registry: 2 individuals (1 leader) and 1 collective, awarded in the period
        make_dossier(world.district if number else world.province, status=DossierStatus.AWARDED,
                     is_leader=number == 0, submitted_on=date(2017, 3, 1 + number))
    make_dossier(world.province, form="TTLDXS", status=DossierStatus.AWARDED, submitted_on=date(2017, 3, 9))
    make_dossier(world.province, status=DossierStatus.AWARDED, submitted_on=date(2017, 12, 1))  # after the period
    db.session.commit()
    return world


def reported(world: World, **figures) -> None:
    save_reported_figures(SYSTEM, world.report, {key.replace("__", "."): value for key, value in figures.items()},
                          version=world.report.version)
    db.session.commit()


def test_parts_that_do_not_add_up_are_listed_with_both_values(world, login):
    reported(world, provincial__total="5", provincial__collectives="1", provincial__individuals="3",
             provincial__non_leaders="4")
    page = text_of(login(world.inspector).get(f"/nominations/self-reports/{world.report.id}/reconcile"))
    assert ("Tổng số khen thưởng cấp tỉnh 5 = Tập thể 1 + Cá nhân 3 4 Không khớp chênh 1 "
            "Ghi thành tồn tại, hạn chế") in page
    assert "Khen thưởng cấp tỉnh – Cá nhân 3 ≥ Cá nhân không là lãnh đạo, quản lý 4 4 Không khớp" in page
    # against the registry: 4 awarded in the period for the province and its district (not the December one)
    assert "Tổng số khen thưởng cấp tỉnh 5 4 Không khớp" in page
    assert "Khen thưởng cấp tỉnh – Tập thể 1 1 Khớp" in page
    assert "Khen thưởng cấp tỉnh – Cá nhân 3 3 Khớp" in page


def test_a_percentage_is_checked_to_the_precision_it_was_printed_with(world):
    reported(world, provincial__individuals="3.408", provincial__non_leaders="1.973",
             provincial__non_leader_share="57,9%")
    shares = {check.id: check for check in reconcile(world.report, None).checks}
    assert shares["share:provincial.non_leader_share"].ok  # 57,893…% printed with one decimal is 57,9%
    reported(world, provincial__non_leader_share="57.86%")
    assert not {check.id: check for check in reconcile(world.report, None).checks}[
        "share:provincial.non_leader_share"].ok


def test_a_sum_mismatch_becomes_a_compliance_finding_quoting_the_parts(world, login):
    reported(world, provincial__total="5", provincial__collectives="1", provincial__individuals="3")
    response = login(world.inspector).post(f"/nominations/self-reports/{world.report.id}/reconcile/finding",
                                           data={"check": "relation:provincial.by_recipient"})
    assert response.status_code == 302
    finding = db.session.scalar(select(Finding))
    assert finding.category == FindingCategory.AWARD_COMPLIANCE
    assert finding.title == ("Số liệu Báo cáo 280/BC-UBND có tổng không khớp các thành phần: "
                             "Tổng số khen thưởng cấp tỉnh")
    assert finding.figures == ("Báo cáo 280/BC-UBND ghi “Tổng số khen thưởng cấp tỉnh”: 5; cộng các thành phần: "
                               "Tập thể 1 + Cá nhân 3 = 4.")


def test_the_reporting_units_officer_sees_the_checks_but_cannot_make_findings(world, login, client_as):
    reported(world, provincial__total="5")
    page = text_of(login(world.officer).get(f"/nominations/self-reports/{world.report.id}/reconcile"))
    assert "Tổng số khen thưởng cấp tỉnh 5 4 Không khớp" in page and "Ghi thành tồn tại, hạn chế" not in page
    other = client_as(Role.UNIT_OFFICER, units=[])
    assert other.get(f"/nominations/self-reports/{world.report.id}/reconcile").status_code == 403
