"""The responses feature's pages: the unit officer's to-do list and evidence downloads. The panel's POST
endpoints live in conversation_views, progress_views and extension_views, all on the one blueprint."""

import os

from flask import abort, current_app, render_template
from flask_login import current_user

from inspection import sections
from inspection.access import Need
from inspection.auth.models import Role
from inspection.downloads import send_download
from inspection.files.services import stored_path
from inspection.permissions import login_required, roles_required
from inspection.responses import conversation_views, extension_views, progress_views  # noqa: F401  (routes)
from inspection.responses.access import get_evidence
from inspection.responses.blueprint import bp
from inspection.responses.panel import panel_context, waiting_on_inspector
from inspection.responses.todo import todo_context

__all__ = ["bp"]

# the answers panel on the recommendation page, what waits on the inspector on the mission page
sections.contribute(sections.RECOMMENDATION_PAGE, panel_context)
sections.contribute(sections.MISSION_PAGE, waiting_on_inspector)


@bp.get("/todo")
@roles_required(Role.UNIT_OFFICER)
def todo():
    return render_template("home/unit_officer.html", **todo_context(current_user))


@bp.get("/evidence/<int:evidence_id>/download")
@login_required
def download_evidence(evidence_id: int):
    """Only for users who may see the recommendation; always as a download, under the original name."""
    evidence = get_evidence(evidence_id, need=Need.VIEW)
    path = stored_path(current_app.config["FILES_FOLDER"], evidence.file)
    if not os.path.isfile(path):
        abort(404)  # the record outlived its file (restored database, cleaned disk): not found, not a crash
    return send_download(path, evidence.file.original_name, evidence.file.content_type)
