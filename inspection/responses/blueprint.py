"""The responses blueprint and what its views share: which access a user needs to speak on a
recommendation, and how a POST ends (back to the recommendation page, with a message)."""

from flask import Blueprint, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _

from inspection.access import Need
from inspection.auth.models import Role
from inspection.extensions import db
from inspection.findings.models import Recommendation
from inspection.forms_util import apply_rule_violation
from inspection.responses import drafts
from inspection.rules import EditConflict, RuleViolation

bp = Blueprint("responses", __name__)

#: the id of the panel on the recommendation page (templates/responses/_panel.html)
PANEL_ANCHOR = "phan-hoi"


def need_to_speak(user) -> Need:
    """Unit officers answer for their unit; everyone else speaks as a mission member or the council."""
    return Need.ANSWER if user.role == Role.UNIT_OFFICER else Need.DECIDE


def file_settings() -> dict:
    return {"folder": current_app.config["FILES_FOLDER"], "max_bytes": current_app.config["EVIDENCE_MAX_BYTES"]}


def back_to(recommendation: Recommendation, anchor: str = PANEL_ANCHOR):
    return redirect(url_for("findings.recommendation", recommendation_id=recommendation.id, _anchor=anchor))


def back_here(_saved=None) -> str:
    """Where a saved panel form leads: the recommendation page of the request."""
    return url_for("findings.recommendation", recommendation_id=request.view_args["recommendation_id"],
                   _anchor=PANEL_ANCHOR)


def done(recommendation: Recommendation, message: str, anchor: str = PANEL_ANCHOR):
    """After forms_util.commit_or_refuse saved the change: the message, and back to the page."""
    flash(message, "success")
    return back_to(recommendation, anchor)


def refused(form, recommendation: Recommendation, violation: RuleViolation | None = None,
            anchor: str = PANEL_ANCHOR):
    """Nothing is saved: the session is rolled back (files a service wrote are already removed), the
    message is flashed naming the field, and the form comes back filled in on the page."""
    db.session.rollback()
    if violation is not None:
        apply_rule_violation(form, violation)
    if isinstance(violation, EditConflict):
        _flash_changes(violation.label_from(form))
    for field in form:
        for error in field.errors:
            label = field.label.text if field.type != "CSRFTokenField" else _("Biểu mẫu")
            flash(f"{label}: {error}", "danger")
    drafts.keep(form, recommendation.id)
    return back_to(recommendation, anchor)


def _flash_changes(conflict: EditConflict) -> None:
    """What someone else saved, beside what the user typed (short: flashed messages travel in the cookie)."""
    for label, current, submitted in conflict.changes:
        flash(_("%(field)s: đang lưu “%(current)s”, bạn đã nhập “%(submitted)s”.", field=label,
                current=current[:200], submitted=submitted[:200]), "warning")
