"""Emulation clusters and blocks by year."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from inspection.access import Need, load, register
from inspection.auth.models import Role
from inspection.confirm import Question, Subject, confirm_first
from inspection.extensions import db
from inspection.forms_util import commit_or_refuse, refused, save
from inspection.groups import services
from inspection.groups.forms import GroupForm, MemberForm
from inspection.groups.models import EmulationGroup, GroupMember
from inspection.idsets import one_of
from inspection.params import arg_year, page_number
from inspection.permissions import login_required, roles_required
from inspection.rules import RuleViolation
from inspection.timeutil import today_vn
from inspection.units.models import Unit
from inspection.units.scope import visible_unit_ids

bp = Blueprint("groups", __name__, url_prefix="/groups")


def sees_group(user, group: EmulationGroup) -> bool:
    """A unit officer sees the groups their units belong to; everyone else sees them all."""
    visible = visible_unit_ids(user)
    return visible is None or any(member.unit_id in visible for member in group.members)


register(EmulationGroup, {Need.VIEW: sees_group, Need.MANAGE: lambda user, group: user.role == Role.ADMIN})


def get_group(group_id: int, need: Need = Need.VIEW) -> EmulationGroup:
    """The group, or 404; 403 when a unit officer's units are not in it, or a non-admin would manage it."""
    return load(EmulationGroup, group_id, need, options=[
        selectinload(EmulationGroup.members).selectinload(GroupMember.unit).selectinload(Unit.names)])


@bp.route("/")
@login_required
def index():
    years = list(db.session.scalars(select(EmulationGroup.year).distinct().order_by(EmulationGroup.year.desc())))
    year = arg_year() or (years[0] if years else today_vn().year)
    query = (select(EmulationGroup).where(EmulationGroup.year == year)
             .order_by(EmulationGroup.kind, EmulationGroup.name, EmulationGroup.id))
    visible = visible_unit_ids(current_user)
    if visible is not None:
        query = query.where(EmulationGroup.id.in_(
            select(GroupMember.group_id).where(one_of(GroupMember.unit_id, visible))))
    # a page at a time: the country has some 440 clusters and blocks a year, ten times a province's
    page = db.paginate(query, page=page_number(), per_page=current_app.config["PAGE_SIZE"], max_per_page=200)
    ids = [group.id for group in page.items]
    counts, leaders = _member_counts(ids), _leaders(ids)
    rows = [(group, counts.get(group.id, 0), leaders.get(group.id)) for group in page.items]
    return render_template("groups/index.html", rows=rows, year=year, years=years, page=page)


def _member_counts(group_ids: list[int]) -> dict[int, int]:
    if not group_ids:
        return {}
    query = (select(GroupMember.group_id, func.count()).where(GroupMember.group_id.in_(group_ids))
             .group_by(GroupMember.group_id))
    return dict(db.session.execute(query).all())


def _leaders(group_ids: list[int]) -> dict[int, Unit]:
    if not group_ids:
        return {}
    query = (select(GroupMember).where(GroupMember.group_id.in_(group_ids), GroupMember.role_order == 0)
             .options(joinedload(GroupMember.unit).selectinload(Unit.names)))
    return {member.group_id: member.unit for member in db.session.scalars(query)}


@bp.route("/<int:group_id>")
@login_required
def detail(group_id: int):
    group = get_group(group_id)
    return render_template("groups/detail.html", group=group, member_form=MemberForm(group=group),
                           action_form=FlaskForm())


@bp.route("/new", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def new():
    form = GroupForm(year=arg_year() or today_vn().year)
    if form.validate_on_submit():
        try:
            group = commit_or_refuse(lambda: services.create_group(
                current_user, kind=form.kind.data, name=form.name.data, year=form.year.data,
                note=form.note.data or None))
        except RuleViolation as violation:
            return refused(form, violation, "groups/form.html", group=None)
        flash(_("Đã thêm %(name)s.", name=group.name), "success")
        return redirect(url_for("groups.detail", group_id=group.id))
    return render_template("groups/form.html", form=form, group=None)


@bp.route("/<int:group_id>/edit", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def edit(group_id: int):
    group = get_group(group_id, need=Need.MANAGE)
    form = GroupForm(obj=group)
    if form.validate_on_submit():
        try:
            commit_or_refuse(lambda: services.update_group(
                current_user, group, kind=form.kind.data, name=form.name.data, year=form.year.data,
                note=form.note.data or None, version=form.version.data))
        except RuleViolation as violation:
            return refused(form, violation, "groups/form.html", record=group, group=group)
        flash(_("Đã lưu %(name)s.", name=group.name), "success")
        return redirect(url_for("groups.detail", group_id=group.id))
    return render_template("groups/form.html", form=form, group=group)


@bp.route("/<int:group_id>/members", methods=["POST"])
@roles_required(Role.ADMIN)
def set_member(group_id: int):
    group = get_group(group_id, need=Need.MANAGE)
    form = MemberForm(group=group)
    if form.validate_on_submit():
        ok, _saved = save(form, lambda: services.set_member(current_user, group, form.unit_code.data, form.role.data))
        if ok:
            flash(_("Đã cập nhật thành viên."), "success")
            return redirect(url_for("groups.detail", group_id=group.id))
    return render_template("groups/detail.html", group=group, member_form=form, action_form=FlaskForm()), 400


def _member_of(group: EmulationGroup, member_id: int) -> GroupMember:
    return next((m for m in group.members if m.id == member_id), None) or abort(404)


def _member_subject(group_id: int, member_id: int) -> Subject:
    group = get_group(group_id, need=Need.MANAGE)
    member = _member_of(group, member_id)
    return Subject({"unit": member.unit.name, "group": group.name}, url_for("groups.detail", group_id=group.id))


@bp.route("/<int:group_id>/members/<int:member_id>/remove", methods=["POST"])
@roles_required(Role.ADMIN)
@confirm_first(Question(_l("Bỏ %(unit)s khỏi %(group)s?"),
                        _l("Đơn vị không còn là thành viên của cụm, khối này; việc bỏ được ghi vào nhật ký."),
                        _l("Bỏ khỏi cụm, khối")), _member_subject)
def remove_member(group_id: int, member_id: int):
    group = get_group(group_id, need=Need.MANAGE)
    member = _member_of(group, member_id)
    if not FlaskForm().validate_on_submit():
        abort(400)
    services.remove_member(current_user, group, member)
    db.session.commit()
    flash(_("Đã bỏ %(unit)s khỏi %(name)s.", unit=member.unit.name, name=group.name), "success")
    return redirect(url_for("groups.detail", group_id=group.id))
