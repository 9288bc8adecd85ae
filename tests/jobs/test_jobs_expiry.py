"""A result is kept JOB_RESULT_DAYS, then the periodic clean-up removes its file; the job says it expired."""

import os
from datetime import datetime, timedelta

import pytest

from inspection import jobs
from inspection.auth.models import Role
from inspection.extensions import db
from inspection.files.models import StoredFile
from inspection.jobs.housekeeping import remove_expired_results
from inspection.jobs.queue import huey_of
from inspection.timeutil import utcnow
from tests.factories import make_user
from tests.jobs.conftest import job_now, wait_finished
from tests.jobs.sample_tasks import KIND


@pytest.fixture
def app_config():
    return {"JOBS_HEARTBEAT_SECONDS": 0.5, "JOB_RESULT_DAYS": 3}


def test_a_result_expires_after_the_configured_days_and_its_file_is_removed(app, consumer, login):
    owner = make_user(Role.INSPECTOR)
    job = jobs.start(owner, KIND, rows=1, result=True)
    db.session.commit()
    job = wait_finished(job.id)
    path = os.path.join(app.config["FILES_FOLDER"], job.result_file.stored_name)
    assert os.path.exists(path) and job.result_expires_at - job.finished_at == timedelta(days=3)
    assert remove_expired_results() == 0  # not yet

    job.result_expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert remove_expired_results() == 1
    job = job_now(job.id)
    assert job.result_file_id is None and not os.path.exists(path) and db.session.query(StoredFile).count() == 0
    client = login(owner)
    assert "Kết quả đã hết hạn và đã được xóa." in client.get("/jobs/").get_data(as_text=True)
    response = client.get(f"/jobs/{job.id}/result", follow_redirects=True)
    assert "Kết quả của tác vụ này không còn" in response.get_data(as_text=True)


def test_the_clean_up_is_a_periodic_task_of_the_queue_every_hour(app):
    huey = huey_of(app)

    def due(hour: int, minute: int) -> set[str]:
        return {task.name for task in huey.read_periodic(datetime(2026, 12, 6, hour, minute))}

    assert "jobs_expire_results" in due(3, 0) and "jobs_expire_results" not in due(3, 5)
