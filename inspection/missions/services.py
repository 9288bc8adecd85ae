"""Changes to inspection plans, missions, their status and their team. Every change is audited;
the caller commits once. Self-reports and working sessions are in session_services."""

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _

from inspection import access, audit
from inspection.access import Need
from inspection.auth.models import User
from inspection.documents.refs import DocRef
from inspection.extensions import db
from inspection.groups.models import EmulationGroup
from inspection.missions.access import MISSION_WORKERS, can_create_mission, works_on_plans
from inspection.missions.models import (
    MISSION_TRANSITIONS,
    InspectionPlan,
    Mission,
    MissionKind,
    MissionMember,
    MissionStatus,
    TeamRole,
)
from inspection.rules import RuleViolation, require_version
from inspection.units import validity
from inspection.units.models import Unit
from inspection.units.queries import reference_day


@dataclass
class PlanDetails:
    year: int
    title: str
    ref: DocRef | None = None
    issued_on: date | None = None
    content_areas: str | None = None
    units: list[Unit] = field(default_factory=list)


@dataclass
class MissionDetails:
    kind: MissionKind
    title: str
    units: list[Unit]
    plan: InspectionPlan | None = None
    decision_ref: DocRef | None = None
    decision_date: date | None = None
    issuing_body: str | None = None
    issuing_unit: Unit | None = None
    group: EmulationGroup | None = None
    period_from: date | None = None
    period_to: date | None = None
    planned_start: date | None = None
    planned_end: date | None = None


PLAN_FIELDS = ("ref", "issued_on", "year", "title", "content_areas")
MISSION_FIELDS = ("kind", "title", "decision_ref", "decision_date", "issuing_body", "period_from", "period_to",
                  "planned_start", "planned_end")


# --- plans -------------------------------------------------------------------------------------

def create_plan(actor, details: PlanDetails) -> InspectionPlan:
    access.require(actor, works_on_plans)
    _check_plan(details)
    plan = InspectionPlan()
    _apply_plan(plan, details)
    db.session.add(plan)
    db.session.flush()
    audit.record(actor, "plan.create", plan, audit.text("Thêm kế hoạch kiểm tra “%(title)s”", title=plan.title),
                 after=_plan_snapshot(plan))
    return plan


def update_plan(actor, plan: InspectionPlan, details: PlanDetails, version: int | None) -> InspectionPlan:
    """Save an edit made on a form opened at `version`; a stale form raises EditConflict."""
    access.check(actor, plan, Need.EDIT)
    before = _plan_snapshot(plan)
    require_version(plan, version, _plan_snapshot(details), current=before)
    _check_plan(details)
    _apply_plan(plan, details)
    db.session.flush()
    audit.record(actor, "plan.update", plan, audit.text("Sửa kế hoạch kiểm tra “%(title)s”", title=plan.title),
                 before=before, after=_plan_snapshot(plan))
    return plan


def _check_plan(details: PlanDetails) -> None:
    if not details.title.strip():
        raise RuleViolation(_("Nhập tên kế hoạch."), field="title")
    if not 1945 <= details.year <= 2100:
        raise RuleViolation(_("Năm kế hoạch phải từ 1945 đến 2100."), field="year")
    validity.require_existed(details.units, *validity.year_span(details.year), field="unit_codes",
                             when=_("năm kế hoạch %(year)d", year=details.year))


def _apply_plan(plan: InspectionPlan, details: PlanDetails) -> None:
    plan.ref, plan.issued_on, plan.year = details.ref, details.issued_on, details.year
    plan.title, plan.content_areas = details.title.strip(), details.content_areas or None
    plan.units = list(details.units)


def _plan_snapshot(plan: InspectionPlan | PlanDetails) -> dict:
    return audit.changes(plan, PLAN_FIELDS) | {"units": [unit.code for unit in plan.units]}


# --- missions ----------------------------------------------------------------------------------

def create_mission(actor, details: MissionDetails, creator_role: TeamRole = TeamRole.MEMBER) -> Mission:
    """A new mission in draft; the person creating it joins the team (so that they may edit it)."""
    access.require(actor, can_create_mission)
    _check_mission(details)
    mission = Mission(status=MissionStatus.DRAFT, created_by_id=getattr(actor, "id", None))
    _apply_mission(mission, details)
    if actor is not access.SYSTEM:
        mission.members.append(MissionMember(user=actor, role=creator_role))
    db.session.add(mission)
    db.session.flush()
    audit.record(actor, "mission.create", mission, audit.text("Thành lập đoàn: %(title)s", title=mission.title),
                 after=_mission_snapshot(mission, details.group))
    return mission


def update_mission(actor, mission: Mission, details: MissionDetails, version: int | None) -> Mission:
    """Save an edit made on a form opened at `version`; a stale form raises EditConflict."""
    access.check(actor, mission, Need.EDIT)
    require_not_closed(mission)
    current_group = db.session.get(EmulationGroup, mission.group_id) if mission.group_id else None
    before = _mission_snapshot(mission, current_group)
    require_version(mission, version, _details_snapshot(details), current=before)
    _check_mission(details)
    _apply_mission(mission, details)
    db.session.flush()
    audit.record(actor, "mission.update", mission, audit.text("Sửa thông tin đoàn: %(title)s", title=mission.title),
                 before=before, after=_mission_snapshot(mission, details.group))
    return mission


def _check_mission(details: MissionDetails) -> None:
    if not details.title.strip():
        raise RuleViolation(_("Nhập tên đoàn kiểm tra."), field="title")
    if not details.units:
        raise RuleViolation(_("Nhập ít nhất một mã đơn vị được kiểm tra."), field="unit_codes")
    require_order(details.period_from, details.period_to, "period_to",
                  _("Thời kỳ kiểm tra: ngày kết thúc phải sau ngày bắt đầu."))
    require_order(details.planned_start, details.planned_end, "planned_end",
                  _("Ngày kết thúc dự kiến phải sau ngày bắt đầu dự kiến."))
    if details.kind == MissionKind.CROSS and details.group is None:
        raise RuleViolation(_("Kiểm tra chéo cần chọn cụm, khối thi đua."), field="group_id")
    _require_units_existed(details)


def inspected_span(period_from: date | None, period_to: date | None,
                   decision_date: date | None) -> tuple[date, date, str] | None:
    """When the inspected units must have existed, with its words for a message: on some day of the period
    inspected (one bound alone counts as that day), else on the day of the decision; None when neither is known."""
    if period_from or period_to:
        first, last = period_from or period_to, period_to or period_from
        return first, last, validity.when_period(first, last)
    if decision_date:
        return decision_date, decision_date, validity.when_day(decision_date)
    return None


def names_day(mission: Mission) -> date | None:
    """The day whose names a mission's forms give its units (a 2017 mission's Kiên Giang by its 2017 name): the
    end of the period inspected, else the decision's day, never after today; None (today) when neither is known."""
    span = inspected_span(mission.period_from, mission.period_to, mission.decision_date)
    return reference_day(None, span[1]) if span else None


def _require_units_existed(details: MissionDetails) -> None:
    span = inspected_span(details.period_from, details.period_to, details.decision_date)
    if span is not None:
        validity.require_existed(details.units, span[0], span[1], field="unit_codes", when=span[2])
    if details.issuing_unit is not None and details.decision_date is not None:
        validity.require_existed(details.issuing_unit, details.decision_date, field="issuing_unit_code",
                                 when=validity.when_day(details.decision_date))


def require_order(first: date | None, second: date | None, field_name: str, message: str) -> None:
    if first and second and second < first:
        raise RuleViolation(message, field=field_name)


def _apply_mission(mission: Mission, details: MissionDetails) -> None:
    for name in MISSION_FIELDS:
        setattr(mission, name, getattr(details, name))
    mission.title, mission.issuing_body = details.title.strip(), (details.issuing_body or "").strip() or None
    mission.plan, mission.issuing_unit = details.plan, details.issuing_unit
    mission.group_id = details.group.id if details.group else None
    mission.units = list(details.units)


def _mission_snapshot(mission: Mission, group: EmulationGroup | None) -> dict:
    return audit.changes(mission, MISSION_FIELDS) | _links(mission.plan, mission.issuing_unit, group, mission.units)


def _details_snapshot(details: MissionDetails) -> dict:
    return (audit.changes(details, MISSION_FIELDS)
            | _links(details.plan, details.issuing_unit, details.group, details.units))


def _links(plan, issuing_unit, group, units) -> dict:
    """Linked records as a reader recognises them: plan title, unit codes, group name."""
    return {"plan": plan.title if plan else None, "issuing_unit": issuing_unit.code if issuing_unit else None,
            "group": group.name if group else None, "units": [unit.code for unit in units]}


def require_not_closed(mission: Mission) -> None:
    if mission.status == MissionStatus.CLOSED:
        raise RuleViolation(_("Đoàn kiểm tra đã kết thúc: không thể thay đổi hồ sơ của đoàn."))


# --- status ------------------------------------------------------------------------------------

def change_status(actor, mission: Mission, target: MissionStatus, *, conclusion_ref: DocRef | None = None,
                  conclusion_date: date | None = None) -> Mission:
    """Move the mission through MISSION_TRANSITIONS; concluding records the conclusion notice."""
    access.check(actor, mission, Need.EDIT)
    MISSION_TRANSITIONS.check(mission.status, target)
    before = {"status": mission.status}
    if target == MissionStatus.CONCLUDED:
        require_order(mission.decision_date, conclusion_date, "conclusion_date",
                      _("Ngày thông báo kết luận không thể trước ngày quyết định thành lập đoàn."))
        before |= {"conclusion_ref": mission.conclusion_ref, "conclusion_date": mission.conclusion_date}
        mission.conclusion_ref, mission.conclusion_date = conclusion_ref, conclusion_date
    old = mission.status
    mission.status = target
    db.session.flush()
    audit.record(actor, "mission.status", mission,
                 audit.text("Chuyển trạng thái đoàn từ “%(old)s” sang “%(new)s”",
                            old=old.lazy_label, new=target.lazy_label),
                 before=before, after={key: getattr(mission, key) for key in before})
    return mission


# --- team --------------------------------------------------------------------------------------

def add_member(actor, mission: Mission, *, role: TeamRole, user: User | None = None,
               outsider_name: str | None = None, position: str | None = None) -> MissionMember:
    """A portal user, or a named outsider (a council member from elsewhere), joins the team."""
    access.check(actor, mission, Need.EDIT)
    require_not_closed(mission)
    outsider_name = (outsider_name or "").strip() or None
    if (user is None) == (outsider_name is None):
        raise RuleViolation(_("Nhập tên đăng nhập của một tài khoản, hoặc họ tên người ngoài cổng (chỉ một trong "
                              "hai)."), field="username")
    if user is not None:
        _require_can_join(mission, user)
    if role == TeamRole.HEAD:
        _require_no_head(mission)
    member = MissionMember(user=user, outsider_name=outsider_name, position=(position or "").strip() or None,
                           role=role)
    mission.members.append(member)
    db.session.flush()
    audit.record(actor, "mission.member_add", mission,
                 audit.text("Thêm %(name)s vào đoàn (%(role)s)", name=member.display_name,
                            role=role.lazy_label),
                 after=_member_snapshot(member))
    return member


def remove_member(actor, mission: Mission, member: MissionMember) -> None:
    access.check(actor, mission, Need.EDIT)
    require_not_closed(mission)
    portal_members = [other for other in mission.members if other.user_id is not None]
    if member.user_id is not None and len(portal_members) == 1:
        raise RuleViolation(_("Đoàn phải còn ít nhất một thành viên có tài khoản trên cổng để cập nhật hồ sơ."))
    before = _member_snapshot(member)
    mission.members.remove(member)
    db.session.flush()
    audit.record(actor, "mission.member_remove", mission,
                 audit.text("Bỏ %(name)s khỏi đoàn", name=before["member"]), before=before)


def _require_can_join(mission: Mission, user: User) -> None:
    if user.role not in MISSION_WORKERS or not user.is_active_account:
        raise RuleViolation(_("Tài khoản “%(username)s” không thể là thành viên đoàn (chỉ thành viên đoàn kiểm "
                              "tra, Hội đồng hoặc quản trị đang hoạt động).", username=user.username), field="username")
    if any(member.user_id == user.id for member in mission.members):
        raise RuleViolation(_("%(name)s đã là thành viên của đoàn.", name=user.full_name), field="username")


def _require_no_head(mission: Mission) -> None:
    head = next((member for member in mission.members if member.role == TeamRole.HEAD), None)
    if head is not None:
        raise RuleViolation(_("Đoàn đã có trưởng đoàn (%(name)s). Bỏ người đó khỏi đoàn trước khi chọn trưởng đoàn "
                              "mới.", name=head.display_name), field="role")


def _member_snapshot(member: MissionMember) -> dict:
    return {"member": member.display_name, "username": member.user.username if member.user else None,
            "role": member.role, "position": member.position}

