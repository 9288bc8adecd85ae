"""The register and dossier exports as jobs: started from their pages (which then show the bar), run by a real
consumer, and the file on the jobs page holds what the export functions write for the same filters (the
synchronous download routes are gone: a national export must not hold a request)."""

import io

from openpyxl import load_workbook
from werkzeug.datastructures import MultiDict

from inspection.extensions import db
from inspection.findings import register_export
from inspection.findings.register_views import register_filter_form
from inspection.jobs.models import Job, JobStatus
from inspection.nominations import exporting
from inspection.nominations.registry_views import filter_form, registry_criteria
from inspection.timeutil import today_vn, utcnow
from inspection.units.scope import visible_unit_ids
from tests.jobs.conftest import wait_finished
from tests.nominations.builders import make_dossier
from tests.security.exports_world import make_export_world

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sheet_values(data: bytes) -> list[tuple]:
    """Every row of every sheet, the export time left out (a minute may pass between the two files)."""
    workbook = load_workbook(io.BytesIO(data))
    return [row for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True)
            if not (isinstance(row[0], str) and row[0].startswith("Xuất lúc"))]


def register_written_directly(user, args: dict) -> bytes:
    form = register_filter_form(MultiDict(args), user)
    heading = register_export.Heading(title="Sổ theo dõi kiến nghị", filters=register_export.describe_filters(form),
                                      exported_at=utcnow(), exported_by=user.full_name)
    handle = io.BytesIO()
    register_export.write_workbook(handle, heading, register_export.export_rows(user, form.filters(), today_vn()))
    return handle.getvalue()


def dossiers_written_directly(user, args: dict) -> bytes:
    criteria = registry_criteria(filter_form(MultiDict(args)), MultiDict(args))
    handle = io.BytesIO()
    exporting.write_workbook(handle, exporting.export_rows(criteria, visible_unit_ids(user)))
    return handle.getvalue()


def start_from_page(client, url: str) -> Job:
    response = client.post(url)
    assert response.status_code == 302
    return db.session.scalars(db.select(Job).order_by(Job.id.desc())).first()


def test_the_register_export_job_gives_the_file_the_export_writes(app, consumer, login):
    world = make_export_world()
    council = login(world.council)
    query = "?verified=open&sort=due&page=2"
    job = start_from_page(council, "/recommendations/export" + query)
    assert job.kind == "register_export" and job.params["args"] == {"verified": ["open"], "sort": ["due"]}
    page = council.get("/recommendations/?verified=open").get_data(as_text=True)
    assert 'role="progressbar"' in page and f"/jobs/{job.id}/status.json" in page  # the bar on the page itself
    done = wait_finished(job.id)
    assert done.status == JobStatus.DONE and done.done_rows == done.total_rows == 1
    from_job = council.get(f"/jobs/{job.id}/result")
    direct = register_written_directly(world.council, {"verified": ["open"], "sort": ["due"]})
    assert from_job.status_code == 200 and from_job.mimetype == XLSX
    assert "so-theo-doi-kien-nghi-" in from_job.headers["Content-Disposition"]
    assert sheet_values(from_job.data) == sheet_values(direct)
    assert len(sheet_values(from_job.data)) == 5  # title, filters, blank line, headers, the one recommendation


def test_the_dossier_export_job_gives_the_file_the_export_writes(app, consumer, login):
    world = make_export_world()
    for number in range(12):
        make_dossier(world.own, code=f"HS-{number:03}")
    db.session.commit()
    council = login(world.council)
    job = start_from_page(council, "/nominations/export?year_from=2017")
    page = council.get("/nominations/").get_data(as_text=True)
    assert f"/jobs/{job.id}/status.json" in page
    done = wait_finished(job.id)
    assert done.status == JobStatus.DONE and done.total_rows == 12
    from_job = council.get(f"/jobs/{job.id}/result").data
    direct = dossiers_written_directly(world.council, {"year_from": ["2017"]})
    assert sheet_values(from_job) == sheet_values(direct) and len(sheet_values(from_job)) == 13


def test_an_officer_s_export_job_holds_only_what_the_officer_may_see(app, consumer, login):
    world = make_export_world()
    make_dossier(world.own, code="HS-KG")
    make_dossier(world.foreign, code="HS-CM")
    db.session.commit()
    officer = login(world.foreign_officer)
    job = start_from_page(officer, "/nominations/export")
    wait_finished(job.id)
    codes = [row[0] for row in sheet_values(officer.get(f"/jobs/{job.id}/result").data)[1:]]
    assert codes == ["HS-CM"]
