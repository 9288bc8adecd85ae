"""Builders for test records. They flush, never commit: the test (or the request) decides."""

import itertools
from datetime import date

from werkzeug.security import generate_password_hash

from inspection.auth.models import Role, User
from inspection.extensions import db
from inspection.groups.models import EmulationGroup, GroupKind, GroupMember, MemberRole
from inspection.units.models import Unit, UnitKind, UnitName

PASSWORD = "correct-horse-42"
# Hashing is deliberately slow; hash once for the whole run.
_PASSWORD_HASH = generate_password_hash(PASSWORD)
_counter = itertools.count(1)


def make_unit(name: str | None = None, *, code: str | None = None, kind: UnitKind = UnitKind.DEPARTMENT,
              parent: Unit | None = None, valid_from: date | None = None, valid_to: date | None = None) -> Unit:
    number = next(_counter)
    unit = Unit(code=code or f"T{number:05d}", kind=kind, parent=parent, valid_from=valid_from, valid_to=valid_to)
    unit.names.append(UnitName(name=name or f"Đơn vị thử {number}", valid_from=valid_from))
    db.session.add(unit)
    db.session.flush()
    return unit


def make_user(role: Role = Role.INSPECTOR, *, username: str | None = None, units: list[Unit] = (),
              active: bool = True, full_name: str | None = None) -> User:
    number = next(_counter)
    user = User(username=username or f"{role.value}{number}", full_name=full_name or f"Người dùng {number}",
                role=role, password_hash=_PASSWORD_HASH, is_active_account=active)
    user.units = list(units)
    db.session.add(user)
    db.session.flush()
    return user


def make_group(*, kind: GroupKind = GroupKind.BLOCK, year: int = 2017, name: str | None = None,
               members: list[tuple[Unit, MemberRole]] = ()) -> EmulationGroup:
    group = EmulationGroup(kind=kind, year=year, name=name or f"Khối thi đua thử {next(_counter)}")
    order = {MemberRole.LEADER: 0, MemberRole.DEPUTY: 1, MemberRole.MEMBER: 2}
    group.members = [GroupMember(unit=unit, role=role, role_order=order[role]) for unit, role in members]
    db.session.add(group)
    db.session.flush()
    return group
