"""GET /healthz for monitoring: public, no session, no data; every registered check (inspection/health.py)
with its facts, 200 when all are fine and 503 otherwise. It reads no user and no session, so it answers
(503) even when the database is down."""

from flask import Blueprint, jsonify

from inspection import health

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    results = health.run_all()
    healthy = all(result.ok for result in results.values())
    response = jsonify({"ok": healthy,
                        "checks": {name: {"ok": result.ok, **result.facts} for name, result in results.items()}})
    response.status_code = 200 if healthy else 503
    response.headers["Cache-Control"] = "no-store"
    return response
