"""The import pipeline's two halves as background jobs: the preview (read and check every row, nothing written)
and the confirmation (check again, then write it all). Each job keeps the plan's report as its result, which
the import page (flow.py) shows once the job is done; a cancel (JobCancelled from the progress report) or a
refused file rolls the job back: nothing is written."""

from flask import current_app
from flask_babel import lazy_gettext as _l

from inspection import jobs
from inspection.extensions import db
from inspection.imports import kinds, pipeline, uploads
from inspection.imports.models import ImportUpload, UploadStatus

PREVIEW, APPLY = "import_preview", "import_apply"
KINDS = (PREVIEW, APPLY)


def discard_upload(*, import_kind: str, upload_id: int) -> None:
    """A preview that failed or was cancelled: nobody can confirm its upload, so it leaves the file store now
    (rather than with the 24-hour purge)."""
    upload = db.session.get(ImportUpload, upload_id)
    if upload is not None and upload.kind == import_kind and upload.status == UploadStatus.UPLOADED:
        uploads.discard(upload, current_app.config["FILES_FOLDER"])


@jobs.task(PREVIEW, label=_l("Kiểm tra tệp nhập (xem trước)"), on_stop=discard_upload)
def preview(ctx: jobs.JobContext, *, import_kind: str, upload_id: int) -> None:
    plan = pipeline.preview(ctx.actor, import_kind, upload_id, progress=ctx.progress)
    ctx.save_report(plan.report())


@jobs.task(APPLY, label=_l("Ghi dữ liệu từ tệp nhập"))
def apply(ctx: jobs.JobContext, *, import_kind: str, upload_id: int) -> None:
    plan = pipeline.apply(ctx.actor, import_kind, upload_id, progress=ctx.progress)
    report = plan.report()
    if plan.applied:  # where the user lands afterwards: (endpoint, arguments), decided from the written rows
        report["done"] = list(kinds.get(import_kind).done_endpoint(plan))
    ctx.save_report(report)
