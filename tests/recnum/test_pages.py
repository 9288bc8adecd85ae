"""The number is shown wherever a recommendation is: its own page (title, breadcrumb, heading), the finding
page, the mission workspace, the register and its export, the unit's to-do page, the search results, the
audit history and the reminder notices."""

import io
import re
from datetime import date

from openpyxl import load_workbook

from inspection.auth.models import Role
from inspection.extensions import db
from inspection.reminders.compose import Lines, Phrases
from inspection.reminders.plan import Entry, Reason, open_items_due_by
from tests.findings.builders import make_recommendation
from tests.jobs.run_here import export_file


def text_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return " ".join(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)).split())


def test_the_recommendation_page_is_titled_by_its_number(world, login):
    rec = world.recommendation
    html = login(world.member).get(f"/recommendations/{rec.id}").get_data(as_text=True)
    assert f"<title>Kiến nghị số {rec.number} ·" in html
    assert f'aria-current="page">Kiến nghị số {rec.number}</li>' in html
    assert re.search(rf'<h1[^>]*>Kiến nghị số {re.escape(rec.number)}', html)
    edit = login(world.member).get(f"/recommendations/{rec.id}/edit").get_data(as_text=True)
    assert f"<h1 class=\"h3 mb-1\">Sửa kiến nghị số {rec.number}</h1>" in edit


def test_the_finding_page_and_the_mission_workspace_list_numbers(world, login):
    rec, second = world.recommendation, make_recommendation(world.finding, text="Kiến nghị thứ hai")
    db.session.commit()
    client = login(world.member)
    for path in (f"/findings/{world.finding.id}", f"/missions/{world.mission.id}"):
        page = text_of(client.get(path))
        assert f"{rec.number} Đẩy mạnh nhân rộng điển hình tiên tiến" in page, path
        assert f"{second.number} Kiến nghị thứ hai" in page, path


def test_the_register_lists_numbers_for_the_council_and_the_unit(world, login):
    rec = world.recommendation
    for user in (world.council, world.own_officer):
        page = text_of(login(user).get("/recommendations/"))
        assert f"{rec.number} Đẩy mạnh nhân rộng" in page


def test_the_register_export_has_the_number_column(world, login):
    response = export_file(login(world.council), "/recommendations/export")
    rows = list(load_workbook(io.BytesIO(response.data)).worksheets[0].iter_rows(values_only=True))
    header = next(index for index, row in enumerate(rows) if row and row[0] == "STT")
    assert rows[header][1] == "Kiến nghị số"
    assert rows[header + 1][1] == world.recommendation.number
    assert rows[header + 1][2] == "Đẩy mạnh nhân rộng điển hình tiên tiến"


def test_the_units_to_do_page_shows_numbers(world, login):
    page = text_of(login(world.own_officer).get("/"))
    assert f"{world.recommendation.number} Đẩy mạnh nhân rộng" in page


def test_search_results_show_the_number(world, login):
    page = text_of(login(world.council).get("/search", query_string={"q": "nhân rộng điển hình"}))
    assert f"{world.recommendation.number} — Đẩy mạnh nhân rộng" in page


def test_reminder_lines_name_the_recommendation_by_number(world):
    [item] = open_items_due_by(date(2030, 1, 1))
    assert item.number == world.recommendation.number
    lines = Lines(Phrases.current(), "vi", {world.own.id: world.own.name}, date(2019, 1, 1)).entry(
        1, Entry(Reason.OVERDUE, item, (world.own.id,)))
    assert lines[0] == f"1. {world.recommendation.number}: Đẩy mạnh nhân rộng điển hình tiên tiến"


def test_the_audit_log_and_its_export_name_a_recommendation_by_its_number(world, client_as):
    client = client_as(Role.ADMIN)
    page = client.get("/admin/audit", query_string={"type": "recommendation"}).get_data(as_text=True)
    assert f"<td>{world.recommendation.number}</td>" in page
    response = export_file(client, "/admin/audit/export?type=recommendation")
    rows = list(load_workbook(io.BytesIO(response.data)).worksheets[0].iter_rows(values_only=True))
    assert rows[0][4] == "Mã bản ghi" and {row[4] for row in rows[1:]} == {world.recommendation.number}


def test_a_recommendation_added_through_the_form_is_numbered_next_in_its_mission(world, login):
    client = login(world.member)
    response = client.post(f"/findings/{world.finding.id}/recommendations/new", data={
        "text": "Thu hồi khen thưởng sai đối tượng", "issued_on": "01/12/2017", "due": "30/06/2018",
        "responsible_units": "KG"})
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    expected = world.recommendation.number.replace("KN-01/", "KN-02/")
    assert f"<title>Kiến nghị số {expected} ·" in page and "Thu hồi khen thưởng sai đối tượng" in page
