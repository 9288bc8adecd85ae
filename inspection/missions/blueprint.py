"""The missions blueprint, and what its view modules share."""

from flask import Blueprint, current_app

from inspection.forms_util import save  # noqa: F401  (the missions views end a POST through it)
from inspection.missions.session_services import FileLimits

bp = Blueprint("missions", __name__)


def file_limits() -> FileLimits:
    return FileLimits(folder=current_app.config["FILES_FOLDER"], max_bytes=current_app.config["EVIDENCE_MAX_BYTES"])
