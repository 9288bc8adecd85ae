"""The web side of the one import pipeline: upload → preview → confirm for a page offering one or more import
kinds (the units-and-groups page, the dossier page). Each page's routes are three lines calling these."""

import io
from dataclasses import dataclass

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from inspection.downloads import XLSX_MIMETYPE, send_download
from inspection.forms_util import apply_rule_violation, commit_or_refuse
from inspection.imports import kinds, pipeline, uploads
from inspection.imports.forms import ConfirmForm, UploadForm
from inspection.imports.plan import ImportPlan
from inspection.imports.reader import display_name
from inspection.rules import RuleViolation


@dataclass(frozen=True)
class ImportPage:
    #: the kinds offered, the first chosen by default
    kinds: tuple[str, ...]
    heading: object
    upload_endpoint: str
    confirm_endpoint: str
    #: where "Hủy" leads
    cancel_endpoint: str
    #: (label, endpoint) above the heading
    breadcrumbs: tuple = ()

    def offered(self) -> list[kinds.ImportKind]:
        return [kinds.get(name) for name in self.kinds]

    def hints(self) -> list:
        """The offered kinds' advice, each line once."""
        found = []
        for kind in self.offered():
            found += [hint for hint in kind.hints if hint not in found]
        return found


def upload(page: ImportPage):
    form = UploadForm(kind=page.kinds[0])
    form.kind.choices = [(kind.name, _capitalised(kind.title)) for kind in page.offered()]
    if form.validate_on_submit():
        data, filename = form.file.data.read(), display_name(form.file.data.filename)
        try:
            plan = commit_or_refuse(lambda: _store_and_preview(form.kind.data, data, filename))
        except RuleViolation as violation:
            apply_rule_violation(form, violation)
        else:
            return show(page, plan)
    return render_template("imports/upload.html", form=form, page=page)


def _store_and_preview(kind: str, data: bytes, filename: str) -> ImportPlan:
    upload_record = uploads.save(current_user, kind, data, filename, current_app.config["FILES_FOLDER"])
    return pipeline.preview(current_user, kind, upload_record.id)


def confirm(page: ImportPage):
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        plan = commit_or_refuse(lambda: _apply(page, form.token.data))
    except RuleViolation as violation:
        flash(violation.message, "danger")
        return redirect(url_for(page.upload_endpoint))
    if plan.applied:
        flash(pipeline.summary(plan), "success")
        endpoint, arguments = kinds.get(plan.kind).done_endpoint(plan)
        return redirect(url_for(endpoint, **arguments))
    if plan.stale:
        flash(_("Dữ liệu đã thay đổi kể từ lúc xem trước; chưa ghi gì. Vui lòng xem lại rồi xác nhận lần nữa."),
              "warning")
    return show(page, plan)


def _apply(page: ImportPage, token: str) -> ImportPlan:
    upload_record = uploads.by_token(current_user, token)
    if upload_record.kind not in page.kinds:
        raise uploads.gone()
    return pipeline.apply(current_user, upload_record.kind, upload_record.id)


def show(page: ImportPage, plan: ImportPlan):
    """The preview page (also after a confirmation that found errors or a stale plan)."""
    confirm_form = ConfirmForm(token=plan.token) if plan.token else None
    return render_template("imports/preview.html", page=page, report=plan.report(), kind=kinds.get(plan.kind),
                           confirm_form=confirm_form)


def template(kind_name: str):
    kind = kinds.get(kind_name)
    return send_download(io.BytesIO(kind.template()), kind.template_name, XLSX_MIMETYPE)


def _capitalised(text) -> str:
    text = str(text)
    return text[:1].upper() + text[1:]
