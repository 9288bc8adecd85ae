"""Jobs run by a real Huey consumer against the real database: progress while running, one commit at the end,
cancel, a refused row's Vietnamese message, an unexpected error."""

from inspection import jobs
from inspection.auth.models import Role
from inspection.extensions import db
from inspection.jobs.models import JobStatus
from inspection.jobs.queue import huey_of
from tests.factories import make_user
from tests.jobs.conftest import job_now, rows_written, running_consumer, wait_finished, wait_for
from tests.jobs.sample_tasks import KIND


def start(user, **params):
    job = jobs.start(user, KIND, **params)
    db.session.commit()  # the queue gets it only now
    return job.id


def test_a_job_runs_to_the_end_with_its_progress_written_on_the_way(app, consumer):
    user = make_user(Role.INSPECTOR)
    job_id = start(user, rows=25, delay=0.1)
    seen = set()

    def record_progress():
        job = job_now(job_id)
        if job.status == JobStatus.RUNNING:
            seen.add((job.done_rows, job.total_rows))
        return job.is_finished

    wait_for(record_progress, 60, "the job to end")
    job = job_now(job_id)
    assert job.status == JobStatus.DONE and (job.done_rows, job.total_rows) == (25, 25)
    assert any(0 < done < 25 and total == 25 for done, total in seen), seen  # the bar moved while it ran
    assert rows_written() == 25 and job.started_at <= job.finished_at and job.error is None


def test_nothing_of_a_running_job_is_visible_before_its_end(app, consumer):
    job_id = start(make_user(Role.INSPECTOR), rows=15, delay=0.1)
    wait_for(lambda: job_now(job_id).done_rows >= 5, 30, "some rows")
    assert rows_written() == 0  # all-or-nothing: the rows arrive with the end
    wait_finished(job_id)
    assert rows_written() == 15


def test_cancel_stops_a_running_job_and_writes_nothing(app, consumer, login):
    user = make_user(Role.UNIT_OFFICER)
    job_id = start(user, rows=200, delay=0.05)
    wait_for(lambda: job_now(job_id).done_rows > 0, 30, "the job to start")
    response = login(user).post(f"/jobs/{job_id}/cancel", data={"confirmed": "1"})
    assert response.status_code == 302
    job = wait_finished(job_id)
    assert job.status == JobStatus.CANCELLED and 0 < job.done_rows < 200
    assert rows_written() == 0


def test_a_waiting_job_is_cancelled_at_once_and_never_runs(app, login):
    user = make_user(Role.COUNCIL)
    job_id = start(user, rows=3)
    login(user).post(f"/jobs/{job_id}/cancel", data={"confirmed": "1"})
    assert job_now(job_id).status == JobStatus.CANCELLED
    with running_consumer(app):
        wait_for(lambda: huey_of(app).pending_count() == 0, 10, "the queue to empty")
    job = job_now(job_id)
    assert job.status == JobStatus.CANCELLED and job.started_at is None and rows_written() == 0


def test_a_refused_row_fails_the_job_with_its_vietnamese_message_and_writes_nothing(app, consumer, login):
    user = make_user(Role.INSPECTOR)
    job_id = start(user, rows=10, fail_at=4)
    job = wait_finished(job_id)
    assert job.status == JobStatus.FAILED
    assert job.error == "Dòng 4: mã đơn vị “XX” không có trong danh mục."
    assert rows_written() == 0
    page = login(user).get("/jobs/").get_data(as_text=True)
    assert "Dòng 4: mã đơn vị “XX” không có trong danh mục." in page and "Thất bại" in page


def test_an_unexpected_error_says_so_in_vietnamese_without_a_trace(app, consumer):
    job_id = start(make_user(Role.INSPECTOR), rows=5, crash_at=2, result=True)
    job = wait_finished(job_id)
    assert job.status == JobStatus.FAILED and "lỗi không mong đợi" in job.error and f"số {job_id}" in job.error
    assert "ZeroDivisionError" not in job.error and job.result_file_id is None and rows_written() == 0


def test_the_status_json_reports_rows_and_vietnamese_numbers(app, consumer, login):
    user = make_user(Role.INSPECTOR)
    job_id = start(user, rows=5549, result=True)
    wait_finished(job_id)
    state = login(user).get(f"/jobs/{job_id}/status.json").get_json()
    assert state["status"] == "done" and state["percent"] == 100 and state["finished"]
    assert state["done"] == state["total"] == 5549 and "5.549 / 5.549 dòng" in state["summary"]
    assert state["result_url"] == f"/jobs/{job_id}/result"
