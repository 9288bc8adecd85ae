"""Fixtures: a real database migrated once per run (SQLite by default, PostgreSQL when
INSPECTION_TEST_DATABASE_URL says so), emptied after every test, and clients logged in as any role."""

import contextvars
import os
import re

import pytest
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import create_engine, event, make_url, text

from inspection import create_app
from inspection.auth.models import Role
from inspection.extensions import db
from tests import factories

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory, worker_id) -> str:
    url = os.environ.get("INSPECTION_TEST_DATABASE_URL")
    if url:
        url = _worker_database(url, worker_id)
        _drop_everything(url)
        return url
    return "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.sqlite3")


def _worker_database(url: str, worker_id: str) -> str:
    """Under pytest-xdist each worker gets its own PostgreSQL database, named after the given one
    (the tests empty their tables after each test, which would wipe a neighbour's data)."""
    if worker_id == "master":
        return url
    base = make_url(url)
    name = f"{base.database}_{worker_id}"
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        exists = connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


def _drop_everything(url: str) -> None:
    """A throw-away PostgreSQL database may hold tables from an earlier run."""
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def make_config(database_url: str, instance_path, **overrides) -> dict:
    config = {
        "TESTING": True, "SECRET_KEY": "test-secret", "DATABASE_URL": database_url,
        "WTF_CSRF_ENABLED": False, "SERVER_NAME": None,
    }
    config.update(overrides)
    return config


@pytest.fixture(scope="session")
def migrated(database_url, tmp_path_factory):
    """Build the schema the way production does: by running every migration."""
    app = create_app(make_config(database_url, None))
    with app.app_context():
        upgrade()
        _empty_tables()  # every test starts empty, the first too (the upgrade seeds the award catalogue)
        db.engine.dispose()
    return database_url


@pytest.fixture
def app_config() -> dict:
    """Override in a test module to change settings (e.g. enable CSRF)."""
    return {}


class IsolatedClient(FlaskClient):
    """Runs each request in a fresh context, as a real server would: its own app context, `g` and
    database session. Otherwise requests would share the test's session and identity map, which
    hides lazy loads (N+1) and leaks the logged-in user of one client into another."""

    def open(self, *args, **kwargs):
        return contextvars.Context().run(super().open, *args, **kwargs)


#: one app per distinct app_config in each worker: building one compiles the URL map's 600+ rules (~0,12 s),
#: which at ~2.000 tests was minutes of CI; each test still gets its own settings, files and job queue
_APPS: dict[str, tuple] = {}
_APPS_KEPT = 8


@pytest.fixture
def app(request, migrated, app_config, tmp_path):
    # each test its own file store and job queue (Huey's SQLite file), never the ones in instance/
    own = {"FILES_FOLDER": str(tmp_path / "files"), "JOBS_SQLITE_PATH": str(tmp_path / "jobs.sqlite3")}
    app, settings, rules = _shared_app(migrated, app_config, fresh=request.node.get_closest_marker("fresh_app"))
    _reset(app, settings | own)
    with app.app_context():
        yield app
        db.session.remove()
        _empty_tables()
        db.engine.dispose()
    if len(list(app.url_map.iter_rules())) != rules:  # a test added a route: never lend that app to another test
        _APPS.pop(_app_key(migrated, app_config), None)


def _app_key(database_url: str, app_config: dict) -> str:
    return repr((database_url, sorted(app_config.items())))


def _shared_app(database_url: str, app_config: dict, fresh) -> tuple:
    key = _app_key(database_url, app_config)
    if fresh or key not in _APPS:
        app = create_app(make_config(database_url, None, **app_config))
        app.test_client_class = IsolatedClient
        if len(_APPS) >= _APPS_KEPT:
            _APPS.pop(next(iter(_APPS)))
        _APPS[key] = (app, dict(app.config), len(list(app.url_map.iter_rules())))
    return _APPS.pop(key) if fresh else _APPS[key]


def _reset(app, settings: dict) -> None:
    """What a test may have changed on the app it borrowed: its settings, its job queue, what it keeps in memory."""
    from inspection.jobs.queue import EXTENSION, Queue

    app.config.clear()
    app.config.update(settings)
    app.extensions[EXTENSION] = Queue(app)
    app.extensions.pop("dashboard_cache", None)
    app.extensions.pop("group_choices", None)  # groups/choices.py: ids start from 1 again in every test


def _empty_tables() -> None:
    """Every table emptied, children first, and ids counted from 1 again. DELETE, not TRUNCATE, on PostgreSQL too:
    a test leaves a few rows, and TRUNCATE of 40 tables costs a second or more each time (files are replaced)
    where DELETE of a few rows costs milliseconds."""
    with db.engine.begin() as connection:
        for table in reversed(db.metadata.sorted_tables):
            connection.execute(table.delete())
        if connection.dialect.name == "postgresql":
            connection.execute(text(
                "SELECT setval(oid, 1, false) FROM pg_class WHERE relkind = 'S' "
                "AND relnamespace = current_schema()::regnamespace"))


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def login(app):
    """login(user) → a test client with that user's session."""

    def log_in(user, password: str = factories.PASSWORD):
        test_client = app.test_client()
        response = test_client.post("/login", data={"username": user.username, "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)
        return test_client

    return log_in


@pytest.fixture
def client_as(app, login):
    """client_as(role, units=[...]) → a client logged in as a new user with that role."""

    def make(role: Role, units=()):
        user = factories.make_user(role, units=list(units))
        db.session.commit()
        return login(user)

    return make


class QueryCounter:
    def __init__(self):
        self.statements: list[str] = []

    def __call__(self, _conn, _cursor, statement, *_args):
        if not re.match(r"\s*(SAVEPOINT|RELEASE|ROLLBACK|PRAGMA)", statement, re.I):
            self.statements.append(statement)

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture
def count_queries(app):
    """with count_queries() as counter: ... ; counter.count is the number of SQL statements run."""
    from contextlib import contextmanager

    @contextmanager
    def counting():
        counter = QueryCounter()
        event.listen(db.engine, "before_cursor_execute", counter)
        try:
            yield counter
        finally:
            event.remove(db.engine, "before_cursor_execute", counter)

    return counting


def pytest_collection_modifyitems(config, items):
    if os.environ.get("INSPECTION_TEST_DATABASE_URL"):
        _skip(items, "no_database", "không dùng cơ sở dữ liệu: đã chạy ở lượt SQLite")
    if not os.path.exists(CHROMIUM):
        _skip(items, "browser", f"Chromium không có ở {CHROMIUM}: bỏ qua kiểm thử trình duyệt")


def _skip(items, marker: str, reason: str) -> None:
    for item in items:
        if marker in item.keywords:
            item.add_marker(pytest.mark.skip(reason=reason))
