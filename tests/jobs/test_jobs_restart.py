"""`flask jobs worker` as a real process: it runs a job; killed in the middle of one, the next worker to start
marks that job failed (interrupted by a restart) and nothing of it was written."""

import signal

from inspection import jobs
from inspection.auth.models import Role
from inspection.extensions import db
from inspection.jobs.models import JobStatus
from inspection.jobs.worker import INTERRUPTED
from tests.factories import make_user
from tests.jobs.conftest import job_now, rows_written, wait_finished, wait_for
from tests.jobs.sample_tasks import KIND


def test_the_worker_command_runs_a_job(app, spawn_worker):
    job = jobs.start(make_user(Role.INSPECTOR), KIND, rows=30)
    db.session.commit()
    spawn_worker()
    finished = wait_finished(job.id, timeout=60)
    assert finished.status == JobStatus.DONE and rows_written() == 30 and ":" in finished.worker


def test_a_job_interrupted_by_a_restart_is_marked_failed_and_wrote_nothing(app, spawn_worker):
    job = jobs.start(make_user(Role.INSPECTOR), KIND, rows=400, delay=0.05)
    db.session.commit()
    first = spawn_worker()
    wait_for(lambda: job_now(job.id).done_rows > 0, 60, "the job to be half-way")
    first.send_signal(signal.SIGKILL)  # a crash or a restart of the machine: no chance to clean up
    first.wait(timeout=10)
    assert job_now(job.id).status == JobStatus.RUNNING  # nobody recorded its end

    spawn_worker()
    interrupted = wait_for(lambda: (row := job_now(job.id)).status == JobStatus.FAILED and row, 60, "the sweep")
    assert interrupted.error == INTERRUPTED == "Tác vụ bị gián đoạn do khởi động lại, không có thay đổi nào được ghi."
    assert 0 < interrupted.done_rows < 400 and rows_written() == 0
