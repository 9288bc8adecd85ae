"""Large documents are made in the worker, with the jobs' progress bar.

The rule: the kinds in OFFICIAL_JOB_KINDS (the config; by default the council's period summary and the award
report, whose tables grow with the province: every unit's figures) always run as a job; the others (one
mission, one unit, one review session: a few pages, about two seconds with the PDF conversion) are made in the
request, which then opens the document."""

from __future__ import annotations

import datetime

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException

from inspection import jobs
from inspection.official import services
from inspection.rules import RuleViolation

KIND = "official_document"


def runs_as_job(kind_key: str) -> bool:
    return kind_key in current_app.config["OFFICIAL_JOB_KINDS"]


@jobs.task(KIND, label=_l("Tạo văn bản"))
def make_document(ctx: jobs.JobContext, *, document_kind: str, args: dict, today: str) -> None:
    try:
        document = services.create_draft(ctx.actor, document_kind, args, folder=ctx.files_folder,
                                          today=datetime.date.fromisoformat(today), progress=ctx.progress)
    except HTTPException:
        # the subject went away, or the user lost access to it, between the click and the run
        raise RuleViolation(_("Không tạo được văn bản: đối tượng của văn bản không còn hoặc bạn không còn quyền "
                              "xem.")) from None
    ctx.written_files += [document.docx.stored_name, document.pdf.stored_name]
    ctx.save_report({"document_id": document.id})
