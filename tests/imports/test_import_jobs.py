"""Imports as background jobs, through the real pages and a real Huey consumer (threads of this process, as in
tests/jobs): upload → preview job (bar, then the preview) → confirmation job (bar, then where it lands), with
progress rows written on the way; a cancel during the confirmation writes nothing; a bad row shows its error
and no confirmation; another user can neither see nor confirm my import."""

import io
import re

import pytest
from sqlalchemy import func, select

from inspection.access import SYSTEM
from inspection.audit import AuditEntry
from inspection.auth.models import Role
from inspection.extensions import db
from inspection.imports import pipeline
from inspection.imports.models import ImportUpload
from inspection.jobs import context
from inspection.jobs.models import Job, JobStatus
from inspection.nominations.catalogue import seed_catalogue
from inspection.nominations.models import Dossier
from inspection.units.models import Unit
from tests.factories import make_unit
from tests.imports.files import UNIT_HEADERS, committed_count, page_text, xlsx
from tests.jobs.conftest import job_now, running_consumer, wait_finished, wait_for
from tests.nominations.test_import import HEADER, dossier_row

ROWS = 3000


@pytest.fixture
def app_config() -> dict:
    return {"JOBS_HEARTBEAT_SECONDS": 0.5}


@pytest.fixture
def consumer(app):
    with running_consumer(app) as running:
        yield running


@pytest.fixture
def frequent_progress(monkeypatch):
    """Progress every 100 rows and written at once (not once a second): a 3,000-row file shows many steps."""
    monkeypatch.setattr(pipeline, "PROGRESS_EVERY", 100)
    monkeypatch.setattr(context, "PROGRESS_SECONDS", 0.0)


@pytest.fixture
def dossier_world(app):
    seed_catalogue(SYSTEM)
    make_unit(code="KG")
    db.session.commit()


def many_dossiers(count: int = ROWS) -> bytes:
    return xlsx([HEADER] + [dossier_row(f"HS-{number:05d}", status="Đã trình", ref=None, decided=None)
                            for number in range(count)])


def post_upload(client, path: str, data: bytes, **fields):
    return client.post(path, data={**fields, "file": (io.BytesIO(data), "tep.xlsx")},
                       content_type="multipart/form-data")


def job_of(response) -> Job:
    assert response.status_code == 302, page_text(response)
    found = re.search(r"/import/jobs/(\d+)$", response.location)
    assert found, response.location
    return db.session.get(Job, int(found.group(1)))


def finished_watching(job_id: int) -> tuple[Job, list[tuple]]:
    """Wait for the job's end, noting the (done, total) its row showed while it ran."""
    seen = []

    def ended():
        job = job_now(job_id)
        if job.status == JobStatus.RUNNING and job.done_rows:
            seen.append((job.done_rows, job.total_rows))
        return job.is_finished and job

    return wait_for(ended, 120, f"job {job_id} to end"), seen


def token_in(html: str) -> str:
    found = re.search(r'name="token" type="hidden" value="([0-9a-f]{32})"', html)
    assert found, "the preview offers no confirmation"
    return found.group(1)


def test_a_dossier_import_runs_as_two_jobs_with_their_bars(dossier_world, client_as, consumer, frequent_progress):
    client = client_as(Role.COUNCIL)

    preview_job = job_of(post_upload(client, "/nominations/import", many_dossiers()))

    assert preview_job.kind == "import_preview" and preview_job.params["import_kind"] == "dossiers"
    running = client.get(f"/nominations/import/jobs/{preview_job.id}").get_data(as_text=True)
    assert 'role="progressbar"' in running and f"/jobs/{preview_job.id}/status.json" in running
    assert "data-job-reload" in running
    done, seen = finished_watching(preview_job.id)
    assert done.status == JobStatus.DONE and done.done_rows == ROWS
    assert seen and min(rows for rows, _total in seen) < ROWS  # the bar moved while the rows were read
    preview = client.get(f"/nominations/import/jobs/{preview_job.id}")
    assert f"Mới {ROWS:,} Cập nhật 0".replace(",", ".") in page_text(preview)
    assert committed_count(Dossier) == 0  # nothing written before the confirmation

    apply_job = job_of(client.post("/nominations/import/confirm", data={"token": token_in(preview.get_data(True))}))

    assert apply_job.kind == "import_apply"
    done, seen = finished_watching(apply_job.id)
    assert done.status == JobStatus.DONE and done.done_rows == done.total_rows == 2 * ROWS  # read, then written
    assert seen and min(rows for rows, _total in seen) < 2 * ROWS
    landed = client.get(f"/nominations/import/jobs/{apply_job.id}", follow_redirects=True)
    assert f"Đã nhập hồ sơ đề nghị khen thưởng: {ROWS:,} mới".replace(",", ".") in page_text(landed)
    assert committed_count(Dossier) == ROWS
    assert db.session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == "dossier.import")) == 1
    assert committed_count(ImportUpload) == 0


def test_a_unit_import_runs_as_two_jobs(app, client_as, consumer):
    client = client_as(Role.ADMIN)
    data = xlsx([UNIT_HEADERS, ["SNV", "Sở Nội vụ", "department"], ["SNV-PTC", "Phòng Tổ chức", "office", "SNV"]])

    preview_job = job_of(post_upload(client, "/import/", data, kind="units"))
    assert wait_finished(preview_job.id).status == JobStatus.DONE
    preview = client.get(f"/import/jobs/{preview_job.id}")
    assert "Mới 2 Cập nhật 0 Không đổi 0 Lỗi 0" in page_text(preview)
    apply_job = job_of(client.post("/import/confirm", data={"token": token_in(preview.get_data(True))}))
    done = wait_finished(apply_job.id)

    assert done.status == JobStatus.DONE and done.done_rows == done.total_rows > 0
    landed = client.get(f"/import/jobs/{apply_job.id}", follow_redirects=True)
    assert "Đã nhập đơn vị: 2 mới" in page_text(landed) and committed_count(Unit) == 2


def test_cancel_during_the_confirmation_writes_nothing(dossier_world, client_as, consumer, frequent_progress):
    client = client_as(Role.ADMIN)
    preview_job = job_of(post_upload(client, "/nominations/import", many_dossiers()))
    wait_finished(preview_job.id)
    token = token_in(client.get(f"/nominations/import/jobs/{preview_job.id}").get_data(True))
    apply_job = job_of(client.post("/nominations/import/confirm", data={"token": token}))
    wait_for(lambda: job_now(apply_job.id).done_rows > 0, 60, "the confirmation to start")

    assert client.post(f"/jobs/{apply_job.id}/cancel", data={"confirmed": "1"}).status_code == 302

    job = wait_finished(apply_job.id)
    assert job.status == JobStatus.CANCELLED and 0 < job.done_rows < 2 * ROWS
    assert committed_count(Dossier) == 0
    page = client.get(f"/nominations/import/jobs/{apply_job.id}")
    assert page.status_code == 200 and "Đã hủy" in page_text(page) and "Tải tệp khác" in page_text(page)


def test_a_bad_row_shows_its_error_and_no_confirmation(dossier_world, client_as, consumer):
    client = client_as(Role.ADMIN)
    data = xlsx([HEADER, dossier_row(), dossier_row("HS-002", unit="XX")])

    preview_job = job_of(post_upload(client, "/nominations/import", data))
    assert wait_finished(preview_job.id).status == JobStatus.DONE
    page = client.get(f"/nominations/import/jobs/{preview_job.id}")

    html = page.get_data(as_text=True)
    assert "Tệp có 1 lỗi ở 1 dòng. Chưa ghi gì vào cơ sở dữ liệu" in page_text(page)
    assert '<tr><td>3</td><td class="text-nowrap">Mã đơn vị</td>' in html
    assert 'name="token"' not in html and "Xác nhận nhập" not in html
    assert committed_count(Dossier) == 0 and committed_count(ImportUpload) == 0


def test_another_user_can_neither_see_nor_confirm_my_import(dossier_world, client_as, consumer):
    mine = client_as(Role.COUNCIL)
    preview_job = job_of(post_upload(mine, "/nominations/import", xlsx([HEADER, dossier_row()])))
    wait_finished(preview_job.id)
    token = token_in(mine.get(f"/nominations/import/jobs/{preview_job.id}").get_data(True))
    other = client_as(Role.COUNCIL)

    assert other.get(f"/nominations/import/jobs/{preview_job.id}").status_code == 403
    assert other.get(f"/jobs/{preview_job.id}/status.json").status_code == 403
    refused = other.post("/nominations/import/confirm", data={"token": token}, follow_redirects=True)
    assert "Tệp đã tải lên không còn" in page_text(refused)
    assert committed_count(Job) == 1 and committed_count(Dossier) == 0
    # my own dossier job is not shown on the units page either
    assert client_as(Role.ADMIN).get(f"/import/jobs/{preview_job.id}").status_code == 403
    assert mine.get(f"/import/jobs/{preview_job.id}").status_code == 403  # the units page is the admin's


def test_a_job_of_another_page_is_not_found_there(app, client_as, consumer):
    admin = client_as(Role.ADMIN)
    data = xlsx([UNIT_HEADERS, ["SNV", "Sở Nội vụ", "department"]])
    job = job_of(post_upload(admin, "/import/", data, kind="units"))
    assert admin.get(f"/nominations/import/jobs/{job.id}").status_code == 404
