"""Import units or clusters and blocks from .xlsx / .csv: upload → preview → confirm (all or nothing), through
the one import pipeline (flow.py)."""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from inspection.auth.models import Role
from inspection.imports import flow
from inspection.imports.builtin import GROUPS, UNITS
from inspection.permissions import roles_required

bp = Blueprint("imports", __name__, url_prefix="/import")

PAGE = flow.ImportPage(kinds=(UNITS.name, GROUPS.name), heading=_l("Nhập đơn vị, cụm và khối thi đua từ tệp"),
                       upload_endpoint="imports.upload", confirm_endpoint="imports.confirm",
                       job_endpoint="imports.job",
                       cancel_endpoint="units.index")


@bp.route("/", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def upload():
    return flow.upload(PAGE)


@bp.route("/confirm", methods=["POST"])
@roles_required(Role.ADMIN)
def confirm():
    return flow.confirm(PAGE)


@bp.route("/jobs/<int:job_id>")
@roles_required(Role.ADMIN)
def job(job_id: int):
    return flow.job_page(PAGE, job_id)


@bp.route("/template/<any(units, groups):kind>.xlsx")
@roles_required(Role.ADMIN)
def template(kind: str):
    return flow.template(kind)
