"""The council's dashboard of outstanding recommendations (stub: being built)."""

from flask import Blueprint

from inspection.auth.models import Role
from inspection.permissions import roles_required

bp = Blueprint("dashboard", __name__)


@bp.route("/dashboard/")
@roles_required(Role.ADMIN, Role.COUNCIL, Role.INSPECTOR)
def index():
    return "dashboard"
