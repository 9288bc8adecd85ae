"""Saved filters: the panel on a list page (its links, "save the current filters", delete) and the small
pages behind it (a refused save, rename). A saved filter is a link: the list's URL with the saved query."""

from dataclasses import dataclass

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from inspection import forms_util
from inspection.access import Need
from inspection.confirm import Question, Subject, confirm_first
from inspection.extensions import db
from inspection.permissions import login_required
from inspection.saved_filters import services
from inspection.saved_filters.access import get_saved_filter
from inspection.saved_filters.forms import DeleteFilterForm, RenameFilterForm, SaveFilterForm
from inspection.saved_filters.lists import LISTS, SavedList, list_for_endpoint
from inspection.saved_filters.models import SavedFilter

bp = Blueprint("saved_filters", __name__, url_prefix="/saved-filters")


def list_url(saved_list: SavedList, query: str) -> str:
    return url_for(saved_list.endpoint) + (f"?{query}" if query else "")


@dataclass
class Panel:
    """What templates/saved_filters/_panel.html shows on a list page."""

    saved_list: SavedList
    filters: list[SavedFilter]
    #: the page's own filters, cleaned as they would be saved
    query: str
    name_max: int = services.NAME_MAX

    def url(self, saved: SavedFilter) -> str:
        return list_url(self.saved_list, saved.query_string)


@bp.app_template_global()
def saved_filter_panel() -> Panel | None:
    """The panel of the list page being rendered (found by its endpoint); None elsewhere. One query."""
    saved_list = list_for_endpoint(request.endpoint)
    if saved_list is None or not current_user.is_authenticated:
        return None
    query = saved_list.clean_query(request.query_string.decode())
    return Panel(saved_list, services.saved_filters(current_user, saved_list.name), query)


@bp.route("/<list_name>/", methods=["POST"])
@login_required
def save(list_name: str):
    saved_list = LISTS.get(list_name) or abort(404)
    form = SaveFilterForm()
    if form.validate_on_submit():
        ok, saved = forms_util.save(form, lambda: services.save_filter(
            current_user, saved_list, form.name.data, form.query.data or "", overwrite=form.overwrite.data))
        if ok:
            flash(_("Đã lưu bộ lọc “%(name)s”.", name=saved.name), "success")
            return redirect(list_url(saved_list, saved.query_string))
    back = list_url(saved_list, saved_list.clean_query(form.query.data or ""))
    return render_template("saved_filters/save.html", form=form, back=back)


@bp.route("/<int:saved_filter_id>/rename", methods=["GET", "POST"])
@login_required
def rename(saved_filter_id: int):
    saved = get_saved_filter(saved_filter_id, need=Need.EDIT)
    saved_list = LISTS.get(saved.list_name) or abort(404)
    form = RenameFilterForm(name=saved.name)
    if form.validate_on_submit():
        ok, _saved = forms_util.save(form, lambda: services.rename_filter(current_user, saved, form.name.data))
        if ok:
            flash(_("Đã đổi tên bộ lọc thành “%(name)s”.", name=saved.name), "success")
            return redirect(list_url(saved_list, saved.query_string))
    return render_template("saved_filters/rename.html", form=form, saved=saved,
                           back=list_url(saved_list, saved.query_string))


def _deleted_subject(saved_filter_id: int) -> Subject:
    saved = get_saved_filter(saved_filter_id, need=Need.EDIT)
    saved_list = LISTS.get(saved.list_name) or abort(404)
    return Subject({"name": saved.name}, list_url(saved_list, saved_list.clean_query(request.form.get("query", ""))))


@bp.route("/<int:saved_filter_id>/delete", methods=["POST"])
@login_required
@confirm_first(Question(_l("Xóa bộ lọc “%(name)s”?"),
                        _l("Bộ lọc đã lưu sẽ bị xóa, không khôi phục được; dữ liệu trong danh sách không thay đổi."),
                        _l("Xóa bộ lọc")), _deleted_subject)
def delete(saved_filter_id: int):
    saved = get_saved_filter(saved_filter_id, need=Need.EDIT)
    saved_list = LISTS.get(saved.list_name) or abort(404)
    form = DeleteFilterForm()
    if not form.validate_on_submit():
        abort(400)
    name = saved.name
    services.delete_filter(current_user, saved)
    db.session.commit()
    flash(_("Đã xóa bộ lọc “%(name)s”.", name=name), "success")
    return redirect(list_url(saved_list, saved_list.clean_query(form.query.data or "")))
