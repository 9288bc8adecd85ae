"""Each role's home page."""

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from inspection.audit import AuditEntry
from inspection.auth.models import Role, User
from inspection.extensions import db
from inspection.groups.models import EmulationGroup, GroupMember
from inspection.home.desk import KINDS as DESK_KINDS
from inspection.home.desk import inspector_desk
from inspection.missions.access import my_missions_clause
from inspection.missions.models import Mission
from inspection.permissions import login_required
from inspection.responses.todo import todo_context
from inspection.timeutil import today_vn
from inspection.units.models import Unit, UnitKind

bp = Blueprint("home", __name__)

TEMPLATES = {
    Role.ADMIN: "home/admin.html",
    Role.INSPECTOR: "home/inspector.html",
    Role.UNIT_OFFICER: "home/unit_officer.html",
}


@bp.route("/")
@login_required
def index():
    if current_user.role == Role.COUNCIL:
        return redirect(url_for("dashboard.index"))  # one "Tổng quan": the council's page is the dashboard
    return render_template(TEMPLATES[current_user.role], desk_kinds=DESK_KINDS, **_context_for(current_user.role))


def _context_for(role: Role) -> dict:
    today = today_vn()
    context = {"today": today, "unit_counts": _current_units_by_kind(today)}
    if role == Role.ADMIN:
        context["user_counts"] = dict(db.session.execute(
            select(User.role, func.count()).where(User.is_active_account).group_by(User.role)).all())
        context["recent"] = list(db.session.scalars(
            select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(10)))
    if role in (Role.INSPECTOR, Role.ADMIN):
        context["group_counts"] = _groups_by_year()
    if role == Role.UNIT_OFFICER:
        context |= todo_context(current_user)
    if role == Role.INSPECTOR:
        context["my_missions"] = _my_missions(current_user)
        context["desk"] = inspector_desk(current_user, today)
    return context


def _my_missions(user) -> list[Mission]:
    """The inspector's own missions, newest first, with their units' names (one query each)."""
    query = (select(Mission).where(my_missions_clause(user)).order_by(Mission.created_at.desc()).limit(10)
             .options(selectinload(Mission.units).selectinload(Unit.names)))
    return list(db.session.scalars(query))


def _current_units_by_kind(today) -> dict:
    query = (select(Unit.kind, func.count()).where(or_(Unit.valid_to.is_(None), Unit.valid_to >= today))
             .group_by(Unit.kind))
    counts = dict(db.session.execute(query).all())
    return {kind: counts[kind] for kind in UnitKind if kind in counts}  # the kinds' own order


def _groups_by_year() -> list:
    query = (select(EmulationGroup.year, EmulationGroup.kind, func.count(func.distinct(EmulationGroup.id)),
                    func.count(GroupMember.id))
             .outerjoin(GroupMember).group_by(EmulationGroup.year, EmulationGroup.kind)
             .order_by(EmulationGroup.year.desc(), EmulationGroup.kind))
    return db.session.execute(query).all()
