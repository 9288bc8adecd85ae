"""INSPECTION_REDIS_URL puts the queue on Redis (several app servers, one queue): a real redis-server (Debian's
package; skipped when it is not installed) carries a job from the request to a real consumer."""

import shutil
import socket
import subprocess
import time

import pytest
from huey import RedisHuey

from inspection import jobs
from inspection.auth.models import Role
from inspection.extensions import db
from inspection.jobs.models import JobStatus
from inspection.jobs.queue import huey_of
from tests.factories import make_user
from tests.jobs.conftest import rows_written, running_consumer, wait_finished
from tests.jobs.sample_tasks import KIND

REDIS = shutil.which("redis-server")
pytestmark = pytest.mark.skipif(REDIS is None, reason="redis-server không được cài: bỏ qua kiểm thử Redis")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    port = free_port()
    server = subprocess.Popen([REDIS, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                               "--dir", str(tmp_path_factory.mktemp("redis"))], stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def app_config(redis_url):
    return {"REDIS_URL": redis_url, "JOBS_HEARTBEAT_SECONDS": 0.5}


def test_a_job_travels_through_redis_to_the_worker(app):
    huey = huey_of(app)
    assert isinstance(huey, RedisHuey)
    job = jobs.start(make_user(Role.INSPECTOR), KIND, rows=12, result=True)
    db.session.commit()
    assert huey.pending_count() == 1  # waiting in Redis, not in a file
    with running_consumer(app):
        finished = wait_finished(job.id)
    assert finished.status == JobStatus.DONE and rows_written() == 12 and huey.pending_count() == 0
