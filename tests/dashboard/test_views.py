"""The dashboard page: who may open it, its filters' messages, the time of its figures, and a fixed
number of queries whatever the data size."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from inspection.access import SYSTEM
from inspection.auth.models import Role
from inspection.extensions import db
from inspection.findings import services
from inspection.findings.models import FindingCategory, Severity, VerificationMethod, VerifiedStatus
from inspection.groups.models import EmulationGroup, GroupKind, MemberRole
from inspection.units.models import Unit
from tests.dashboard.scenario import TODAY
from tests.factories import make_group, make_unit, make_user
from tests.findings.builders import make_finding, make_mission, make_recommendation


def test_unit_officers_may_not_open_the_dashboard(client_as):
    officer = client_as(Role.UNIT_OFFICER, units=[make_unit()])
    assert officer.get("/dashboard/").status_code == 403
    assert "/dashboard/" not in officer.get("/").get_data(as_text=True)


@pytest.mark.parametrize("role", [Role.ADMIN, Role.COUNCIL, Role.INSPECTOR])
def test_the_council_admins_and_inspectors_open_it_even_with_no_data(client_as, role):
    page = client_as(role).get("/dashboard/").get_data(as_text=True)
    for heading in ("Tổng quan", "Kiến nghị chưa kết luận", "Quá hạn", "Quá hạn (ngày)", "Theo đơn vị chịu trách nhiệm",
                    "Theo cụm, khối thi đua", "Theo đoàn kiểm tra", "Theo lĩnh vực", "Theo mức độ",
                    "Tỷ lệ thực hiện theo năm ban hành kiến nghị", "Tồn đọng từ trước", "Diễn biến theo tháng"):
        assert heading in page, heading
    assert re.search(r"Số liệu tính lúc \d\d:\d\d \d\d/\d\d/\d{4}", page)


def test_the_time_of_the_figures_is_vietnam_time(client_as, monkeypatch):
    from datetime import datetime

    monkeypatch.setattr("inspection.dashboard.cache.utcnow", lambda: datetime(2024, 6, 15, 18, 5))
    page = client_as(Role.COUNCIL).get("/dashboard/").get_data(as_text=True)
    assert "Số liệu tính lúc 01:05 16/06/2024" in page


def test_the_council_lands_on_the_dashboard_and_the_admin_home_points_to_it(client_as):
    assert client_as(Role.COUNCIL).get("/").headers["Location"] == "/dashboard/"
    home = client_as(Role.ADMIN).get("/").get_data(as_text=True)
    assert 'class="card-link" href="/dashboard/"' in home


def test_bad_filters_are_named_and_the_rest_still_applies(scenario, login):
    page = login(scenario.council).get(
        "/dashboard/?issued_from=31/12/2023&issued_to=01/01/2023&subtree=XYZ&group=abc").get_data(as_text=True)
    assert "Ban hành đến ngày: Ngày kết thúc phải sau ngày bắt đầu." in page
    assert "Không có đơn vị mang mã: XYZ" in page and "Cụm, khối thi đua: Lựa chọn không hợp lệ." in page
    links = re.findall(r'href="(/recommendations/\?[^"]*)"', page)
    assert links and all("issued_from=" in link and "subtree" not in link for link in links)


def _add(count: int, inspector) -> None:
    """`count` recommendations over missions, units, a cluster, categories and severities, some verified,
    issued over five years; the inspector belongs to every other mission."""
    province = make_unit()
    units = [make_unit(parent=province) for _ in range(4)]
    make_group(kind=GroupKind.CLUSTER, year=2024, members=[(unit, MemberRole.MEMBER) for unit in units[:2]])
    for index in range(count):
        if index % 10 == 0:
            mission = make_mission(units, [inspector] if index % 20 == 0 else [])
        finding = make_finding(mission, units[index % 4], category=list(FindingCategory)[index % 11],
                               severity=list(Severity)[index % 4])
        issued = TODAY - timedelta(days=37 * index % 1800)
        rec = make_recommendation(finding, units[index % 3: index % 3 + 2], issued_on=issued,
                                  due=issued + timedelta(days=90))
        if index % 3 == 0:
            services.verify(SYSTEM, rec, list(VerifiedStatus)[1 + index % 5], VerificationMethod.DESK_REVIEW, None,
                            version=rec.version)
    db.session.commit()


def _queries(client, count_queries, path: str) -> int:
    client.get(path)
    with count_queries() as counter:
        assert client.get(path).status_code == 200
    return counter.count


def test_the_dashboard_runs_a_fixed_number_of_queries(app, login, count_queries, pinned_today):
    council, inspector = make_user(Role.COUNCIL), make_user(Role.INSPECTOR)
    db.session.commit()
    clients = [login(council), login(inspector)]
    _add(10, inspector)
    code = db.session.scalar(select(Unit.code).order_by(Unit.id))
    group = db.session.scalar(select(EmulationGroup.id))
    paths = ["/dashboard/", f"/dashboard/?subtree={code}&group={group}&issued_from=01/01/2021&issued_to=31/12/2024"]
    few = [_queries(client, count_queries, path) for client in clients for path in paths]
    _add(190, inspector)
    many = [_queries(client, count_queries, path) for client in clients for path in paths]
    assert many == few
    assert max(few) <= 25
