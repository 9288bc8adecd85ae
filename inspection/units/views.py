"""Unit directory, unit pages with their history, and unit administration."""

from flask import (
    Blueprint,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from inspection import audit, sections
from inspection.access import Need, load, register
from inspection.auth.models import Role, User
from inspection.extensions import db
from inspection.formatting import vn_date
from inspection.forms_util import commit_or_refuse, refused, save
from inspection.groups.models import GroupMember
from inspection.params import MAX_ID
from inspection.permissions import login_required, roles_required
from inspection.rules import RuleViolation
from inspection.textsearch import normalise
from inspection.timeutil import today_vn
from inspection.units import picker, queries, services
from inspection.units.forms import MoveUnitForm, NewUnitForm, UnitEventForm, UnitForm
from inspection.units.models import EventKind, Unit, UnitKind
from inspection.units.placement import current_placement_start, move_unit
from inspection.units.scope import can_see_unit, current_user_sees_unit, visible_unit_ids

bp = Blueprint("units", __name__, url_prefix="/units")


@bp.app_context_processor
def unit_links():
    """Every template may ask whether to link a unit's name to its page."""
    return {"sees_unit": current_user_sees_unit}


register(Unit, {Need.VIEW: can_see_unit, Need.MANAGE: lambda user, unit: user.role == Role.ADMIN})


def get_unit(unit_id: int, need: Need = Need.VIEW, actor=None) -> Unit:
    """The unit, or 404 when there is none, 403 when the user (or `actor`) may not `need` it (VIEW, MANAGE)."""
    return load(Unit, unit_id, need, actor=actor, options=[
        selectinload(Unit.names), selectinload(Unit.parent).selectinload(Unit.names)])


@bp.route("/")
@login_required
def index():
    filters = {"search": request.args.get("q", ""), "kind": request.args.get("kind", ""),
               "scope": request.args.get("scope", "current")}
    if filters["kind"] not in {kind.value for kind in UnitKind}:
        filters["kind"] = ""
    query = queries.unit_list_query(**filters, visible_ids=visible_unit_ids(current_user), on=today_vn())
    page = db.paginate(query, per_page=current_app.config["PAGE_SIZE"], max_per_page=200)
    return render_template("units/index.html", page=page, filters=filters, kinds=list(UnitKind))


@bp.route("/lookup")
@login_required
def lookup():
    """JSON for the unit picker: ?q=part of a code or of any name, accents optional; only units the user may
    see, at most queries.LOOKUP_LIMIT, each with its parent and validity, as of the day or period the record
    counts (?on= or ?from=&to=, picker.asked_period; none: today)."""
    try:
        period = picker.asked_period(request.args)
    except picker.BadPeriod as bad:
        return jsonify(results=[], message=str(bad)), 400
    text = request.args.get("q", "")[:MAX_LOOKUP_TEXT]
    if not normalise(text):
        return jsonify(results=[], message=_("Gõ một phần tên hoặc mã đơn vị."))
    units = queries.lookup_units(text, visible_unit_ids(current_user), period=period)
    return jsonify(results=picker.choices(units, period, today_vn()))


MAX_LOOKUP_TEXT = 100


@bp.route("/tree")
@login_required
def tree():
    """JSON for the unit picker's tree, one level at a time: ?parent=<id> (none: the top) → the units under it
    the user may pick, each with whether it has any under it, its parent line and its validity, as of the day
    or period the record counts (the lookup's ?on= or ?from=&to=)."""
    parent = request.args.get("parent", "")
    if parent and not (parent.isascii() and parent.isdigit() and int(parent) <= MAX_ID):
        return jsonify(results=[], message=_("Đơn vị cấp trên không hợp lệ.")), 400
    try:
        period = picker.asked_period(request.args)
    except picker.BadPeriod as bad:
        return jsonify(results=[], message=str(bad)), 400
    level = queries.tree_children(int(parent) if parent else None, visible_unit_ids(current_user), period)
    offered = picker.choices([unit for unit, _children in level], period, today_vn())
    return jsonify(results=[choice | {"id": unit.id, "children": has_children}
                            for choice, (unit, has_children) in zip(offered, level, strict=True)])


@bp.route("/<int:unit_id>")
@login_required
def detail(unit_id: int):
    unit = get_unit(unit_id)
    context = {
        "unit": unit, "today": today_vn(),
        "events": queries.events_of(unit),
        "predecessors": queries.all_predecessors(unit),
        "current_successors": queries.current_successors(unit, today_vn()),
        "children": queries.children_of(unit),
        "placement_start": current_placement_start(unit),
        "memberships": _memberships(unit),
        "officers": _officers(unit) if current_user.role != Role.UNIT_OFFICER else [],
        "history": audit.history_of(unit) if current_user.role in (Role.ADMIN, Role.COUNCIL) else [],
    } | sections.context_for(sections.UNIT_PAGE, unit, current_user)
    return render_template("units/detail.html", **context)


def _memberships(unit: Unit) -> list[GroupMember]:
    query = (select(GroupMember).where(GroupMember.unit_id == unit.id)
             .options(selectinload(GroupMember.group)))  # names: the unit's own, already loaded
    return sorted(db.session.scalars(query), key=lambda member: -member.group.year)


def _officers(unit: Unit) -> list[User]:
    return list(db.session.scalars(select(User).where(User.units.any(Unit.id == unit.id)).order_by(User.username)))


@bp.route("/new", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def new():
    form = NewUnitForm()
    if form.validate_on_submit():
        try:
            unit = commit_or_refuse(lambda: services.create_unit(
                current_user, code=form.code.data, name=form.name.data, kind=form.kind.data,
                parent=form.parent_code.data, valid_from=form.valid_from.data,
                legal_basis=form.legal_basis.data, predecessors=form.predecessor_codes.data or [],
                note=form.note.data or None))
        except RuleViolation as violation:
            return refused(form, violation, "units/form.html", unit=None)
        flash(_("Đã thêm đơn vị %(name)s.", name=unit.name), "success")
        return redirect(url_for("units.detail", unit_id=unit.id))
    return render_template("units/form.html", form=form, unit=None)


@bp.route("/<int:unit_id>/edit", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def edit(unit_id: int):
    unit = get_unit(unit_id, need=Need.MANAGE)
    form = UnitForm(obj=unit, parent_code=unit.parent)
    if form.validate_on_submit():
        try:
            commit_or_refuse(lambda: services.update_unit(
                current_user, unit, code=form.code.data, kind=form.kind.data, parent=form.parent_code.data,
                valid_from=form.valid_from.data, valid_to=form.valid_to.data, note=form.note.data or None,
                version=form.version.data))
        except RuleViolation as violation:
            return refused(form, violation, "units/form.html", record=unit, unit=unit)
        flash(_("Đã lưu đơn vị %(name)s.", name=unit.name), "success")
        return redirect(url_for("units.detail", unit_id=unit.id))
    return render_template("units/form.html", form=form, unit=unit)


@bp.route("/<int:unit_id>/move", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def move(unit_id: int):
    """A new parent or kind from a date (a province's reorganisation): reports of earlier periods keep the old."""
    unit = get_unit(unit_id, need=Need.MANAGE)
    form = MoveUnitForm(obj=unit, parent_code=unit.parent)
    context = {"unit": unit, "placement_start": current_placement_start(unit)}
    if form.validate_on_submit():
        try:
            commit_or_refuse(lambda: move_unit(
                current_user, unit, form.parent_code.data, form.effective_date.data, kind=form.kind.data,
                note=form.note.data or None, version=form.version.data))
        except RuleViolation as violation:
            return refused(form, violation, "units/move_form.html", record=unit, **context)
        flash(_("Đã chuyển %(name)s từ ngày %(day)s.", name=unit.name, day=vn_date(form.effective_date.data)),
              "success")
        return redirect(url_for("units.detail", unit_id=unit.id))
    return render_template("units/move_form.html", form=form, **context)


@bp.route("/<int:unit_id>/events/new", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def new_event(unit_id: int):
    unit = get_unit(unit_id, need=Need.MANAGE)
    form = UnitEventForm()
    if form.validate_on_submit():
        ok, _saved = save(form, lambda: _apply_event(unit, form))
        if ok:
            flash(_("Đã ghi nhận sự kiện %(event)s.", event=form.kind.data.label), "success")
            return redirect(url_for("units.detail", unit_id=unit.id))
    return render_template("units/event_form.html", form=form, unit=unit)


def _apply_event(unit: Unit, form: UnitEventForm) -> None:
    kind, related = form.kind.data, form.related_codes.data or []
    common = {"effective": form.effective_date.data, "legal_basis": form.legal_basis.data,
              "note": form.note.data or None, "legal_basis_date": form.legal_basis_date.data}
    if kind == EventKind.RENAME:
        if not form.new_name.data:
            raise RuleViolation(_("Nhập tên mới của đơn vị."), field="new_name")
        services.rename_unit(current_user, unit, form.new_name.data, **common)
    elif kind == EventKind.MERGE:
        if len(related) != 1:
            raise RuleViolation(_("Nhập đúng một mã đơn vị kế thừa."), field="related_codes")
        services.merge_units(current_user, [unit], related[0], **common)
    elif kind == EventKind.SPLIT:
        services.split_unit(current_user, unit, related, **common)
    else:
        services.dissolve_unit(current_user, unit, successors=related, **common)
