"""The audit log page: filters by user, record type, Vietnam dates and summary words; bad values named beside
their field; the Excel export lists the same entries as the page, cell for cell."""

import html
import re
from datetime import datetime
from io import BytesIO

import pytest
from openpyxl import load_workbook

from inspection import audit
from inspection.access import SYSTEM
from inspection.admin import audit_export
from inspection.auth.models import Role, User
from inspection.downloads import XLSX_MIMETYPE
from inspection.extensions import db
from inspection.jobs.models import Job, JobStatus
from tests.factories import make_unit, make_user
from tests.jobs.run_here import export_file, latest_job_id, run_queued_jobs, start_export

EXPORT = "/admin/audit/export"


def entry(actor, target, summary, at, before=None, after=None, action="unit.update"):
    written = audit.record(actor, action, target, summary, before=before, after=after)
    written.at = at
    return written


@pytest.fixture
def log(app):
    """Four entries by two users and the system, about a unit and a user account, on days around a VN midnight."""
    lan, minh = make_user(Role.COUNCIL, full_name="Trần Thị Lan"), make_user(Role.INSPECTOR, full_name="Lê Minh")
    unit = make_unit("Sở Tư pháp", code="STP")
    db.session.flush()
    entry(lan, unit, "Sửa đơn vị Sở Tư pháp", datetime(2026, 3, 1, 16, 30),  # 01/03 23:30 in Vietnam
          before={"code": "STP-CU"}, after={"code": "STP"})
    entry(minh, unit, "Đổi tên đơn vị STP", datetime(2026, 3, 1, 17, 30))  # 02/03 00:30 in Vietnam
    entry(SYSTEM, lan, "Tạo tài khoản lan", datetime(2026, 3, 5, 2, 0), after={"role": "council"},
          action="user.create")
    entry(lan, minh, "Sửa tài khoản minh", datetime(2026, 4, 1, 2, 0), action="user.update")
    db.session.commit()
    return {"lan": lan, "minh": minh, "unit": unit}


def summaries(page: str) -> list[str]:
    rows = re.findall(r"<tr>\s*<td class=\"text-nowrap\">.*?</tr>", page, re.S)
    return [html.unescape(re.findall(r"<td>(.*?)</td>", row, re.S)[4]) for row in rows]


def listed(client, query: str = "") -> list[str]:
    response = client.get(f"/admin/audit?{query}")
    assert response.status_code == 200
    return summaries(response.get_data(as_text=True))


def test_each_filter_narrows_the_list(log, client_as):
    admin = client_as(Role.ADMIN)
    everything = listed(admin)
    assert {"Sửa đơn vị Sở Tư pháp", "Đổi tên đơn vị STP", "Tạo tài khoản lan", "Sửa tài khoản minh"} <= set(everything)
    assert listed(admin, f"user={log['lan'].id}") == ["Sửa tài khoản minh", "Sửa đơn vị Sở Tư pháp"]
    assert listed(admin, "user=system") == ["Tạo tài khoản lan"]
    assert listed(admin, "type=unit") == ["Đổi tên đơn vị STP", "Sửa đơn vị Sở Tư pháp"]
    # Vietnam days: 17:30 UTC on 1 March is already 2 March in Vietnam
    assert listed(admin, "date_from=02/03/2026&date_to=05/03/2026") == ["Tạo tài khoản lan", "Đổi tên đơn vị STP"]
    assert listed(admin, "date_to=01/03/2026") == ["Sửa đơn vị Sở Tư pháp"]
    assert listed(admin, "q=TÀI KHOẢN") == ["Sửa tài khoản minh", "Tạo tài khoản lan"]
    assert listed(admin, "q=so tu PHAP") == ["Sửa đơn vị Sở Tư pháp"]
    assert listed(admin, f"type=unit&user={log['minh'].id}") == ["Đổi tên đơn vị STP"]


def test_record_types_and_fields_are_in_words(log, client_as):
    page = client_as(Role.ADMIN).get("/admin/audit?type=unit").get_data(as_text=True)
    assert '<option selected value="unit">Đơn vị</option>' in page
    assert '<option value="user">Tài khoản</option>' in page
    assert '<dt class="d-inline">Mã:</dt> <dd class="d-inline">STP-CU → STP</dd>' in page
    role_page = client_as(Role.ADMIN).get("/admin/audit?user=system").get_data(as_text=True)
    assert '<dt class="d-inline">Vai trò:</dt> <dd class="d-inline">Hội đồng / Tổ thư ký</dd>' in role_page


def test_filters_are_kept_across_pages(log, client_as, app):
    unit = log["unit"]
    for number in range(55):
        entry(log["lan"], unit, f"Ghi chú số {number}", datetime(2026, 5, 1, 3, 0))
    db.session.commit()
    admin = client_as(Role.ADMIN)
    page = admin.get("/admin/audit?type=unit&q=ghi").get_data(as_text=True)
    assert "Tổng số: 55" in page
    link = html.unescape(re.search(r'href="([^"]*page=2[^"]*)"', page).group(1))
    assert "type=unit" in link and "q=ghi" in link
    assert len(listed(admin, link.split("?", 1)[1])) == 5


def test_hostile_values_get_the_page_with_a_message(log, client_as):
    admin = client_as(Role.ADMIN)
    response = admin.get("/admin/audit?user=99999999999999999999&type=%3Cscript%3E&date_from=31/02/2026"
                         "&q=" + "x" * 300)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Người thực hiện: " in page and "Loại bản ghi: " in page
    assert "“31/02/2026” không phải ngày hợp lệ" in page and "Tìm trong nội dung: " in page
    assert "<script>" not in page.split("<main")[-1]
    assert len(summaries(page)) == 4  # the bad filters are left out, the rest of the log is shown
    backwards = admin.get("/admin/audit?date_from=05/03/2026&date_to=01/03/2026").get_data(as_text=True)
    assert "Đến ngày: Ngày kết thúc phải sau ngày bắt đầu." in backwards
    assert export_file(admin, EXPORT + "?date_from=abc&user=-1").status_code == 200


def test_the_export_holds_what_the_page_shows(log, client_as):
    admin = client_as(Role.ADMIN)
    query = "type=unit&date_to=05/03/2026"
    page = admin.get(f"/admin/audit?{query}").get_data(as_text=True)
    response = export_file(admin, f"{EXPORT}?{query}")
    assert response.status_code == 200 and response.mimetype == XLSX_MIMETYPE
    rows = list(load_workbook(BytesIO(response.data)).active.iter_rows(values_only=True))
    assert rows[0] == ("Thời điểm", "Người thực hiện", "Thao tác", "Loại bản ghi", "Mã bản ghi", "Nội dung", "Thay đổi")
    body = page.split("<tbody>")[1].split("</tbody>")[0]
    shown = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        cells = [re.sub(r"</div>\s*<div>", "\n", cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        cells = [html.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in cells]
        shown.append(tuple(cells))
    exported = [tuple("" if value is None else str(value) for value in row) for row in rows[1:]]
    assert exported == shown
    assert exported[1][6] == "Mã: STP-CU → STP" and exported[1][2] == "Sửa đơn vị"
    assert exported[1][0] == "01/03/2026 23:30" and exported[0][0] == "02/03/2026 00:30"


def test_a_formula_in_a_summary_stays_text(log, client_as):
    entry(log["lan"], log["unit"], "=HYPERLINK(\"http://x\")\x07", datetime(2026, 6, 1))
    db.session.commit()
    data = export_file(client_as(Role.ADMIN), EXPORT + "?q=hyperlink").data
    cell = load_workbook(BytesIO(data)).active["F2"]
    assert cell.value == "=HYPERLINK(\"http://x\")" and cell.data_type == "s"


def test_an_export_past_the_bound_asks_to_narrow_the_filters(log, client_as, monkeypatch):
    monkeypatch.setattr(audit_export, "MAX_ROWS", 3)
    admin = client_as(Role.ADMIN)
    before = latest_job_id()
    response = admin.post(EXPORT, follow_redirects=True)
    assert "quá 3 dòng một lần xuất: hãy thu hẹp bộ lọc" in response.get_data(as_text=True)
    assert latest_job_id() == before, "no job for an export past the bound"
    assert export_file(admin, EXPORT + "?type=unit").mimetype == XLSX_MIMETYPE


@pytest.mark.parametrize("role", [Role.INSPECTOR, Role.UNIT_OFFICER])
def test_only_the_admin_and_the_council_read_the_log(log, client_as, role):
    client = client_as(role)
    assert client.get("/admin/audit").status_code == 403
    assert client.post(EXPORT).status_code == 403
    assert export_file(client_as(Role.COUNCIL), EXPORT).status_code == 200


def test_the_page_runs_a_bounded_number_of_queries(log, client_as, count_queries):
    for number in range(60):
        entry(make_user(Role.INSPECTOR), log["unit"], f"Mục {number}", datetime(2026, 7, 1))
    db.session.commit()
    admin = client_as(Role.ADMIN)
    with count_queries() as counter:
        assert admin.get("/admin/audit").status_code == 200
    assert counter.count <= 10, counter.statements


def test_the_export_job_checks_its_user_again_when_it_runs(log, client_as):
    """A council member moved to another role while the job waited gets no file: the job fails and says why."""
    council = client_as(Role.COUNCIL)
    job_id = start_export(council, EXPORT)
    member = db.session.get(User, db.session.get(Job, job_id).owner_id)
    member.role = Role.INSPECTOR
    db.session.commit()
    run_queued_jobs()
    job = db.session.get(Job, job_id)
    assert job.status == JobStatus.FAILED and job.error == "Tài khoản này không còn quyền đọc nhật ký thay đổi."
    assert job.result_file is None
