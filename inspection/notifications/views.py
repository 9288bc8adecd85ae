"""The user's notifications (stub: being built)."""

from flask import Blueprint

from inspection.permissions import login_required

bp = Blueprint("notifications", __name__)


@bp.route("/notifications/")
@login_required
def index():
    return "notifications"
