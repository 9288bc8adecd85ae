"""Placeholder: replaced by the import feature."""

from flask import Blueprint

from inspection.auth.models import Role
from inspection.permissions import roles_required

bp = Blueprint("imports", __name__, url_prefix="/import")


@bp.route("/", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def upload():
    return "todo"
