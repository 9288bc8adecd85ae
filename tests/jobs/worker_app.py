"""The app a worker subprocess of the tests serves (`flask --app tests.jobs.worker_app jobs worker`): the
portal as wsgi.py builds it from the environment, plus the tests' job kind."""

from inspection import create_app
from tests.jobs import sample_tasks  # noqa: F401

app = create_app()
