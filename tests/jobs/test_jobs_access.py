"""A job, its status, its result and its cancel belong to the user who started it, administrators included."""

import pytest

from inspection import jobs
from inspection.auth.models import Role
from inspection.extensions import db
from inspection.jobs.models import JobStatus
from tests.factories import make_user
from tests.jobs.conftest import job_now, wait_finished
from tests.jobs.sample_tasks import KIND


@pytest.fixture
def finished_job(app, consumer):
    owner = make_user(Role.UNIT_OFFICER)
    job = jobs.start(owner, KIND, rows=2, result=True)
    db.session.commit()
    wait_finished(job.id)
    return owner, job.id


@pytest.mark.parametrize("role", [Role.UNIT_OFFICER, Role.INSPECTOR, Role.ADMIN])
def test_another_user_reaches_none_of_a_job(finished_job, client_as, role):
    _owner, job_id = finished_job
    stranger = client_as(role)
    for path in (f"/jobs/{job_id}", f"/jobs/{job_id}/status.json", f"/jobs/{job_id}/result"):
        assert stranger.get(path).status_code == 403, path
    assert stranger.post(f"/jobs/{job_id}/cancel").status_code == 403
    assert f"/jobs/{job_id}" not in stranger.get("/jobs/").get_data(as_text=True)


def test_the_owner_reaches_the_job_its_status_and_its_result(finished_job, login):
    owner, job_id = finished_job
    client = login(owner)
    page = client.get("/jobs/").get_data(as_text=True)
    assert "Ghi các dòng thử" in page and f"/jobs/{job_id}/result" in page and "Hoàn thành" in page
    assert 'role="progressbar"' in page and 'aria-valuenow="100"' in page
    download = client.get(f"/jobs/{job_id}/result")
    assert download.status_code == 200 and download.data == "2 dòng".encode()
    assert download.headers["Content-Disposition"].startswith("attachment;")


def test_a_finished_job_cannot_be_cancelled(finished_job, login):
    owner, job_id = finished_job
    response = login(owner).post(f"/jobs/{job_id}/cancel", follow_redirects=True)
    assert "Tác vụ đã kết thúc, không thể hủy." in response.get_data(as_text=True)
    assert job_now(job_id).status == JobStatus.DONE


def test_anonymous_visitors_are_sent_to_log_in(finished_job, client):
    _owner, job_id = finished_job
    for path in ("/jobs/", f"/jobs/{job_id}/status.json", f"/jobs/{job_id}/result"):
        response = client.get(path)
        assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_user_menu_links_to_my_jobs(app, client_as):
    assert 'href="/jobs/"' in client_as(Role.UNIT_OFFICER).get("/").get_data(as_text=True)
