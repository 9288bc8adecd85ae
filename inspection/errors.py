"""Error pages in the user's language; no stack trace ever reaches a user."""

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import Forbidden, HTTPException, InternalServerError

from inspection.access import AccessDenied
from inspection.extensions import db
from inspection.forms_util import LOST_RACE, lost_race

PAGES = {403: "errors/403.html", 404: "errors/404.html", 413: "errors/413.html", 500: "errors/500.html"}


def install_error_handlers(app: Flask) -> None:
    app.register_error_handler(CSRFError, _stale_form)
    for race in LOST_RACE:
        app.register_error_handler(race, _lost_race)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(AccessDenied, _refused)
    app.register_error_handler(Exception, _unexpected_error)


def _http_error(error: HTTPException):
    template = PAGES.get(error.code)
    if template is None:
        return render_template("errors/generic.html", error=error), error.code
    return render_template(template, error=error), error.code


def _refused(error: AccessDenied):
    """A service refused the user although the page let them in: nothing is saved, the answer is 403."""
    db.session.rollback()
    return render_template(PAGES[403], error=Forbidden()), 403


def _stale_form(error: CSRFError):
    return render_template("errors/csrf.html", error=error), 400


def _lost_race(error: Exception):
    """A view that does not end through forms_util.commit_or_refuse still answers a lost race with the
    conflict message (409), never a 500."""
    db.session.rollback()
    return render_template("errors/conflict.html", message=lost_race(error).message), 409


def _unexpected_error(error: Exception):
    db.session.rollback()  # nothing half-written survives a crash
    from flask import current_app

    current_app.logger.exception("Unhandled error on %s", request.path)
    return render_template(PAGES[500], error=InternalServerError()), 500
