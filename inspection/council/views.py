"""Review sessions of the council (stub: being built)."""

from flask import Blueprint

from inspection.auth.models import Role
from inspection.permissions import roles_required

bp = Blueprint("council", __name__)


@bp.route("/council/sessions/")
@roles_required(Role.ADMIN, Role.COUNCIL, Role.INSPECTOR)
def sessions():
    return "sessions"
