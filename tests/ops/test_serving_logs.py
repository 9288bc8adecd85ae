"""Structured logs: one JSON line per request on standard error with its request id, user, endpoint, status,
duration and query count; the id comes back in X-Request-ID and on every error page; a crash is logged with
its traceback under the same id."""

import json
import re

import pytest
from sqlalchemy import event

from inspection.auth.models import Role
from inspection.extensions import db
from tests import factories

FIELDS = {"time", "request_id", "user_id", "endpoint", "method", "path", "query", "status", "duration_ms",
          "queries"}


def log_lines(capsys, logger="inspection.requests") -> list[dict]:
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines() if line.startswith("{")]
    return [line for line in lines if line["logger"] == logger]


def shown_id(html: str) -> str:
    return re.search(r"Mã yêu cầu: <code[^>]*>([^<]+)</code>", html).group(1)


def test_a_request_writes_exactly_one_json_line_with_its_facts(app, login, capsys):
    user = factories.make_user(Role.ADMIN)
    db.session.commit()
    client, user_id = login(user), user.id
    capsys.readouterr()
    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        response = client.get("/admin/users?page=1")
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    assert response.status_code == 200
    [line] = log_lines(capsys)
    assert line.keys() >= FIELDS
    assert line["request_id"] == response.headers["X-Request-ID"]
    assert (line["user_id"], line["endpoint"], line["method"], line["path"], line["query"], line["status"]) == (
        user_id, "admin.users", "GET", "/admin/users", "page=1", 200)
    assert line["queries"] == len(statements) > 0
    assert 0 < line["duration_ms"] < 60_000
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", line["time"])


def test_an_anonymous_request_has_no_user_and_secrets_in_the_query_are_not_logged(client, capsys):
    response = client.get("/login?next=/admin&reset_token=abc123&password=hunter2")
    [line] = log_lines(capsys)
    assert line["user_id"] is None and line["status"] == response.status_code
    assert line["query"] == "next=%2Fadmin&reset_token=%2A%2A%2A&password=%2A%2A%2A"
    assert "hunter2" not in json.dumps(line) and "abc123" not in json.dumps(line)


def test_the_proxy_s_request_id_is_kept_when_sane_and_replaced_otherwise(client, capsys):
    sane = "0f8fad5bd9cb469fa16570867728950e"
    assert client.get("/login", headers={"X-Request-ID": sane}).headers["X-Request-ID"] == sane
    for insane in ("short", "has spaces in it", "x" * 300, 'quote"andmore'):
        answered = client.get("/login", headers={"X-Request-ID": insane}).headers["X-Request-ID"]
        assert answered != insane and re.fullmatch(r"[0-9a-f]{32}", answered)
    ids = [line["request_id"] for line in log_lines(capsys)]
    assert ids[0] == sane and len(set(ids)) == 5


@pytest.mark.parametrize(("path", "status"), [("/no-such-page", 404), ("/admin/users", 403),
                                                ("/login/nope", 404)])
def test_an_error_page_shows_the_same_id_as_the_header_and_the_log(client_as, capsys, path, status):
    client = client_as(Role.UNIT_OFFICER)
    capsys.readouterr()
    response = client.get(path)
    assert response.status_code == status
    [line] = log_lines(capsys)
    assert shown_id(response.get_data(as_text=True)) == response.headers["X-Request-ID"] == line["request_id"]


def test_a_405_and_a_stale_form_show_the_id_too(app, client, capsys):
    app.config["WTF_CSRF_ENABLED"] = True
    for response in (client.put("/login"), client.post("/login", data={"username": "a", "password": "b"})):
        assert response.status_code in (400, 405)
        assert shown_id(response.get_data(as_text=True)) == response.headers["X-Request-ID"]


@pytest.mark.fresh_app
def test_a_crash_is_logged_with_its_traceback_under_the_request_id(app, client_as, capsys):
    def explode():
        raise ZeroDivisionError("secret detail")

    explode.allowed_roles = frozenset(Role)
    app.add_url_rule("/explode", "explode", explode)
    client = client_as(Role.ADMIN)
    capsys.readouterr()
    response = client.get("/explode", headers={"X-Request-ID": "incident-2026-0001"})
    body = response.get_data(as_text=True)
    assert response.status_code == 500 and "secret detail" not in body
    assert shown_id(body) == "incident-2026-0001"
    err = capsys.readouterr().err
    lines = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    [crash] = [line for line in lines if line["level"] == "error"]
    [request_line] = [line for line in lines if line["logger"] == "inspection.requests"]
    assert crash["request_id"] == request_line["request_id"] == "incident-2026-0001"
    assert "ZeroDivisionError: secret detail" in crash["traceback"] and request_line["status"] == 500


def test_the_error_page_in_english_names_the_request_id(client):
    client.post("/language", data={"locale": "en", "next": "/"})
    response = client.get("/no-such-page")
    assert f"Request ID: <code class=\"user-select-all\">{response.headers['X-Request-ID']}</code>" in \
        response.get_data(as_text=True)
