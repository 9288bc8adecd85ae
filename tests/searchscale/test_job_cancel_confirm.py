"""Cancelling a job asks through the portal's one confirmation (inspection/confirm.py): the page carries the
dialog's words (no window.confirm of its own), a POST without `confirmed=1` changes nothing and answers with
the Vietnamese confirmation page naming the job; confirmed, the job is cancelled."""

from inspection import jobs
from inspection.auth.models import Role
from inspection.extensions import db
from inspection.jobs.models import JobStatus
from tests.factories import make_user
from tests.jobs.conftest import job_now
from tests.jobs.sample_tasks import KIND


def _waiting_job(user) -> int:
    job = jobs.start(user, KIND, rows=3)
    db.session.commit()
    return job.id


def test_the_job_page_carries_the_dialogs_words(app, login):
    user = make_user(Role.INSPECTOR)
    job_id = _waiting_job(user)
    page = login(user).get(f"/jobs/{job_id}").get_data(as_text=True)
    assert 'data-confirm-title="Hủy tác vụ “Ghi các dòng thử”?"' in page
    assert 'data-confirm-button="Hủy tác vụ"' in page
    assert "data-confirm=" not in page


def test_cancel_asks_first_and_cancels_once_confirmed(app, login):
    user = make_user(Role.INSPECTOR)
    job_id = _waiting_job(user)
    client = login(user)
    asked = client.post(f"/jobs/{job_id}/cancel")
    assert asked.status_code == 200
    text = asked.get_data(as_text=True)
    assert "Hủy tác vụ “Ghi các dòng thử”?" in text and "không có thay đổi nào của tác vụ được ghi" in text
    assert 'name="confirmed" value="1"' in text and f'href="/jobs/{job_id}"' in text
    assert job_now(job_id).status == JobStatus.QUEUED and not job_now(job_id).cancel_requested
    done = client.post(f"/jobs/{job_id}/cancel", data={"confirmed": "1"})
    assert done.status_code == 302
    assert job_now(job_id).status == JobStatus.CANCELLED


def test_another_user_is_refused_before_any_question(app, login):
    stranger = make_user(Role.INSPECTOR)
    job_id = _waiting_job(make_user(Role.INSPECTOR))
    assert login(stranger).post(f"/jobs/{job_id}/cancel").status_code == 403
    assert job_now(job_id).status == JobStatus.QUEUED
