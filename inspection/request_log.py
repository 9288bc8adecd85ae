"""Structured logs: one JSON line per request on the `inspection.requests` logger, and every other record of
the `inspection` loggers (a crash's traceback) as a JSON line too, all on standard error (under systemd:
the journal). Each request has an id: the proxy's X-Request-ID when it is a sane token, otherwise a new
one; it is returned in the X-Request-ID header, written in every log line of the request and shown on the
error pages, so that a user can quote it to the operator.

The standard `logging` module with a small formatter: nothing here needs a library."""

import json
import logging
import re
import sys
import time
import uuid
from datetime import UTC, datetime
from urllib.parse import urlencode

from flask import Flask, Response, current_app, g, has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine

HEADER = "X-Request-ID"
#: nginx's $request_id is 32 hex digits; a UUID has dashes. Anything else (spaces, quotes, a line break, a
#: novel) is not echoed into headers and logs: a new id replaces it.
SANE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{7,127}")
#: query-string values not written to the log (the parameter's name is kept)
SECRET_PARAMETER = re.compile(r"pass|token|secret|key|csrf|session", re.IGNORECASE)
HIDDEN = "***"

REQUESTS = logging.getLogger("inspection.requests")
_HANDLER_NAME = "inspection-json"

_ID = "inspection.request_id"
_STARTED = "inspection.started"
_QUERIES = "inspection.queries"


def install_request_log(app: Flask) -> None:
    configure_logging()
    # first of all hooks: the default-deny hook may answer before any later one runs
    app.before_request_funcs.setdefault(None, []).insert(0, _start)
    app.after_request(_finish)
    app.jinja_env.globals["request_id"] = request_id


def configure_logging() -> None:
    """One JSON handler on the package's logger (also keeps Flask from adding its plain-text one); request
    lines at INFO, everything else from WARNING as before."""
    package = logging.getLogger("inspection")
    if not any(handler.get_name() == _HANDLER_NAME for handler in package.handlers):
        handler = StandardErrorHandler()
        handler.set_name(_HANDLER_NAME)
        handler.setFormatter(JsonFormatter())
        package.addHandler(handler)
    REQUESTS.setLevel(logging.INFO)


def request_id() -> str | None:
    """This request's id (None outside a request)."""
    if not has_request_context():
        return None
    environ = request.environ
    if _ID not in environ:
        incoming = request.headers.get(HEADER, "")
        environ[_ID] = incoming if SANE_ID.fullmatch(incoming) else uuid.uuid4().hex
    return environ[_ID]


def _start() -> None:
    request.environ[_STARTED] = time.perf_counter()
    request_id()


def _finish(response: Response) -> Response:
    response.headers[HEADER] = request_id()
    if current_app.config["REQUEST_LOG"]:
        REQUESTS.info("request", extra={"fields": request_fields(response)})
    return response


def request_fields(response: Response) -> dict:
    started = request.environ.get(_STARTED)
    return {
        "request_id": request_id(),
        "user_id": _user_id(),
        "endpoint": request.endpoint,
        "method": request.method,
        "path": request.path,
        "query": safe_query(request.args),
        "status": response.status_code,
        "duration_ms": round((time.perf_counter() - started) * 1000, 1) if started else None,
        "queries": request.environ.get(_QUERIES, 0),
        "remote_addr": request.remote_addr,
    }


def _user_id() -> int | None:
    """The logged-in user's id if this request already loaded it: never a query of its own (/healthz must
    answer with the database down)."""
    user = g.get("_login_user")  # where Flask-Login keeps the request's user once loaded
    return getattr(user, "id", None) if getattr(user, "is_authenticated", False) else None


def safe_query(args) -> str | None:
    if not args:
        return None
    return urlencode([(name, HIDDEN if SECRET_PARAMETER.search(name) else value)
                      for name, values in args.lists() for value in values])


@event.listens_for(Engine, "before_cursor_execute")
def _count_statement(*_args) -> None:
    """Every SQL statement sent during a request is counted for its log line."""
    if has_request_context():
        request.environ[_QUERIES] = request.environ.get(_QUERIES, 0) + 1


class JsonFormatter(logging.Formatter):
    """A record as one line of JSON: time (UTC, ms), level, logger, message, the record's `fields`, the
    request id when there is one, and the traceback of an exception."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
                 "level": record.levelname.lower(), "logger": record.name, "message": record.getMessage()}
        entry.update(getattr(record, "fields", {}))
        if "request_id" not in entry and request_id():
            entry["request_id"] = request_id()
        if record.exc_info:
            entry["traceback"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class StandardErrorHandler(logging.StreamHandler):
    """Writes to whatever sys.stderr is when a record is emitted (a test runner or a CLI runner swaps it)."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value):
        pass
