"""The missions blueprint, and what its view modules share."""

from flask import Blueprint, current_app, flash
from flask_babel import gettext as _

from inspection.forms_util import save  # noqa: F401  (the missions views end a POST through it)
from inspection.missions import date_warnings
from inspection.missions.session_services import FileLimits

bp = Blueprint("missions", __name__)


def file_limits() -> FileLimits:
    return FileLimits(folder=current_app.config["FILES_FOLDER"], max_bytes=current_app.config["EVIDENCE_MAX_BYTES"])


def flash_date_warnings(record, mission) -> None:
    """After a save: the date warnings about what was saved (inspection/missions/date_warnings.py)."""
    for warning in date_warnings.about(record, mission):
        flash(_("Đã lưu, nhưng xin kiểm tra lại: %(warning)s", warning=warning.message), "warning")
