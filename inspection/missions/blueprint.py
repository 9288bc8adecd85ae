"""The missions blueprint, and what its view modules share."""

from flask import Blueprint, current_app
from sqlalchemy.orm.exc import StaleDataError

from inspection.extensions import db
from inspection.forms_util import apply_rule_violation
from inspection.missions.services import MissionEditConflict
from inspection.missions.session_services import FileLimits
from inspection.rules import RuleViolation

bp = Blueprint("missions", __name__)


def save(form, change):
    """Run `change` (a service call). On success commit once and return (True, its result); on a
    refused change roll everything back (uploads included), put the message beside its field and
    return (False, None). The violation is kept on `form.violation` for pages that show more."""
    form.violation = None
    try:
        result = change()
    except StaleDataError:  # another request saved the same row between our read and our write
        return _refused(form, MissionEditConflict([]))
    except RuleViolation as violation:
        return _refused(form, violation)
    db.session.commit()
    return True, result


def _refused(form, violation: RuleViolation) -> tuple[bool, None]:
    db.session.rollback()
    apply_rule_violation(form, violation)
    form.violation = violation
    return False, None


def file_limits() -> FileLimits:
    return FileLimits(folder=current_app.config["FILES_FOLDER"], max_bytes=current_app.config["EVIDENCE_MAX_BYTES"])
