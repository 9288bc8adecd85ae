"""Posting to the conversation on a recommendation, and new versions of evidence."""

from flask import request
from flask_babel import gettext as _
from flask_login import current_user

from inspection.findings.access import get_recommendation
from inspection.forms_util import commit_or_refuse
from inspection.permissions import login_required
from inspection.responses import services
from inspection.responses.blueprint import back_here, bp, done, file_settings, need_to_speak, refused
from inspection.responses.forms import EvidenceVersionForm, MessageForm
from inspection.responses.queries import share_unit
from inspection.rules import RuleViolation


@bp.post("/recommendations/<int:recommendation_id>/messages")
@login_required
def post_message(recommendation_id: int):
    recommendation = get_recommendation(recommendation_id, need=need_to_speak(current_user))
    form = MessageForm(prefix="msg")
    if not form.validate_on_submit():
        return refused(form, recommendation, anchor="trao-doi")
    try:
        message = commit_or_refuse(lambda: services.post_message(
            current_user, recommendation, form.body.data, unit=share_unit(recommendation, form.unit_id.data),
            files=request.files.getlist(form.files.name), **file_settings()), form=form, shown_at=back_here)
    except RuleViolation as violation:
        return refused(form, recommendation, violation, anchor="trao-doi")
    attached = len(message.evidence)
    text = (_("Đã gửi trao đổi kèm %(n)s tệp minh chứng.", n=attached) if attached else _("Đã gửi trao đổi."))
    return done(recommendation, text, anchor=f"tin-{message.id}")


@bp.post("/recommendations/<int:recommendation_id>/evidence/<evidence_key>/versions")
@login_required
def add_evidence_version(recommendation_id: int, evidence_key: str):
    recommendation = get_recommendation(recommendation_id, need=need_to_speak(current_user))
    form = EvidenceVersionForm(prefix=f"ev{evidence_key}")
    if not form.validate_on_submit():
        return refused(form, recommendation, anchor="minh-chung")
    try:
        evidence = commit_or_refuse(lambda: services.add_evidence_version(
            current_user, evidence_key, recommendation, form.file.data, note=form.note.data, **file_settings()),
            form=form, shown_at=back_here)
    except RuleViolation as violation:
        return refused(form, recommendation, violation, anchor="minh-chung")
    return done(recommendation, _("Đã tải lên phiên bản %(version)s của minh chứng “%(title)s”.",
                                  version=evidence.version, title=evidence.title), anchor="minh-chung")
