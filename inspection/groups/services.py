"""Changes to emulation clusters and blocks; audited, committed by the caller."""

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from inspection import access, audit
from inspection.extensions import db
from inspection.groups.models import (
    ROLE_TITLES,
    EmulationGroup,
    GroupKind,
    GroupMember,
    MemberRole,
    leader_title,
)
from inspection.permissions import is_admin
from inspection.rules import RuleViolation, require_version
from inspection.units.models import Unit

ROLE_ORDER = {MemberRole.LEADER: 0, MemberRole.DEPUTY: 1, MemberRole.MEMBER: 2}
GROUP_FIELDS = ("kind", "name", "year", "note")


def create_group(actor, *, kind: GroupKind, name: str, year: int, note: str | None = None) -> EmulationGroup:
    access.require(actor, is_admin)
    _require_unique_name(kind, name, year)
    group = EmulationGroup(kind=kind, name=name.strip(), year=year, note=note)
    db.session.add(group)
    db.session.flush()
    audit.record(actor, "group.create", group, audit.text("Thêm %(name)s năm %(year)s", name=group.name, year=year),
                 after=audit.changes(group, GROUP_FIELDS))
    return group


def update_group(actor, group: EmulationGroup, *, kind: GroupKind, name: str, year: int,
                 note: str | None, version: int | None) -> EmulationGroup:
    access.require(actor, is_admin)
    require_version(group, version, {"kind": kind, "name": name.strip(), "year": year, "note": note},
                    labels={"kind": _("Loại"), "name": _("Tên cụm, khối"), "year": _("Năm thi đua"),
                            "note": _("Ghi chú")})
    if (kind, name.strip(), year) != (group.kind, group.name, group.year):
        _require_unique_name(kind, name, year)
    before = audit.changes(group, GROUP_FIELDS)
    group.kind, group.name, group.year, group.note = kind, name.strip(), year, note
    audit.record(actor, "group.update", group, audit.text("Sửa %(name)s", name=group.name),
                 before=before, after=audit.changes(group, GROUP_FIELDS))
    return group


def set_member(actor, group: EmulationGroup, unit: Unit, role: MemberRole) -> GroupMember:
    """Add the unit, or change its role. A group has at most one leader a year; a unit that existed
    that year belongs to at most one cluster and one block a year."""
    access.require(actor, is_admin)
    _require_exists_in_year(unit, group.year)
    _require_not_in_another_group(group, unit)
    if role == MemberRole.LEADER:
        _require_no_other_leader(group, unit)
    member = next((m for m in group.members if m.unit_id == unit.id), None)
    before = {"role": member.role} if member else None
    if member is None:
        member = GroupMember(unit=unit, role=role)
        group.members.append(member)
    member.role, member.role_order = role, ROLE_ORDER[role]
    db.session.flush()
    audit.record(actor, "group.member", group, audit.text("%(unit)s: %(role)s", unit=unit.name,
                                                          role=ROLE_TITLES[group.kind][role]),
                 before=before, after={"unit": unit.code, "role": role})
    return member


def remove_member(actor, group: EmulationGroup, member: GroupMember) -> None:
    access.require(actor, is_admin)
    group.members.remove(member)
    audit.record(actor, "group.member_removed", group, audit.text("Bỏ %(unit)s khỏi %(name)s",
                                                         unit=member.unit.name, name=group.name),
                 before={"unit": member.unit.code, "role": member.role}, after=None)


def _require_exists_in_year(unit: Unit, year: int) -> None:
    started_later = unit.valid_from is not None and unit.valid_from > date(year, 12, 31)
    ended_before = unit.valid_to is not None and unit.valid_to < date(year, 1, 1)
    if started_later or ended_before:
        raise RuleViolation(_("%(unit)s không hoạt động trong năm %(year)s.", unit=unit.name, year=year),
                            field="unit_code")


def _require_not_in_another_group(group: EmulationGroup, unit: Unit) -> None:
    other = db.session.scalar(
        select(EmulationGroup).join(GroupMember).where(
            GroupMember.unit_id == unit.id, EmulationGroup.year == group.year,
            EmulationGroup.kind == group.kind, EmulationGroup.id != group.id).limit(1))
    if other is not None:
        raise RuleViolation(_("%(unit)s đã thuộc %(group)s năm %(year)s.", unit=unit.name, group=other.name,
                              year=group.year), field="unit_code")


def _require_unique_name(kind: GroupKind, name: str, year: int) -> None:
    if not name.strip():
        raise RuleViolation(_("Tên cụm, khối không được để trống."), field="name")
    exists = db.session.scalar(select(EmulationGroup.id).where(
        EmulationGroup.kind == kind, EmulationGroup.name == name.strip(), EmulationGroup.year == year))
    if exists is not None:
        raise RuleViolation(_("Năm %(year)s đã có %(name)s.", year=year, name=name.strip()), field="name")


def _require_no_other_leader(group: EmulationGroup, unit: Unit) -> None:
    leader = next((m for m in group.members if m.role == MemberRole.LEADER and m.unit_id != unit.id), None)
    if leader is not None:
        raise RuleViolation(_("%(name)s đã có %(leader)s: %(unit)s.", name=group.name, leader=leader_title(group.kind),
                              unit=leader.unit.name), field="role")
