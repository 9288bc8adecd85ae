"""The clusters-and-blocks file: one row per member; validate every row, then apply through groups.services."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from inspection.extensions import db
from inspection.groups import services as group_services
from inspection.groups.models import (
    EmulationGroup,
    GroupKind,
    GroupMember,
    MemberRole,
    leader_title,
    role_title,
)
from inspection.imports.cells import RowCells
from inspection.imports.lookup import units_by_code
from inspection.imports.plan import NEW, UNCHANGED, UPDATED, Counter, ImportPlan, RowError, finish_from_rows, row_guard
from inspection.imports.reader import Row, normalise_key
from inspection.rules import RuleViolation
from inspection.units.queries import unit_by_code

KIND_NAME = "groups"
YEAR, GROUP_KIND, GROUP_NAME, CODE, ROLE = "Năm", "Loại", "Tên cụm, khối", "Mã đơn vị", "Vai trò"
COLUMNS = (YEAR, GROUP_KIND, GROUP_NAME, CODE, ROLE)
REQUIRED = (YEAR, GROUP_KIND, GROUP_NAME, CODE)
FIELD_COLUMNS = {"name": GROUP_NAME, "kind": GROUP_KIND, "year": YEAR, "unit_code": CODE, "role": ROLE}
FIRST_YEAR, LAST_YEAR = 1945, 2100

GROUP_KIND_WORDS = {"cụm": GroupKind.CLUSTER, "cụm thi đua": GroupKind.CLUSTER, "cluster": GroupKind.CLUSTER,
                    "khối": GroupKind.BLOCK, "khối thi đua": GroupKind.BLOCK, "block": GroupKind.BLOCK}
ROLE_WORDS = {
    MemberRole.LEADER: ("trưởng", "leader", "cụm trưởng", "khối trưởng", "trưởng cụm", "trưởng khối"),
    MemberRole.DEPUTY: ("phó", "deputy", "cụm phó", "khối phó", "phó cụm", "phó khối"),
    MemberRole.MEMBER: ("thành viên", "member"),
}
ROLE_VOCABULARY = {normalise_key(word): role for role, words in ROLE_WORDS.items() for word in words}
KIND_VOCABULARY = {normalise_key(word): kind for word, kind in GROUP_KIND_WORDS.items()}


@dataclass
class MemberRow:
    number: int
    year: int | None
    kind: GroupKind | None
    name: str | None
    code: str | None
    role: MemberRole
    complete: bool = False
    action: str = ""
    changes: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple:
        return self.year, self.kind, normalise_key(self.name or "")

    @property
    def label(self) -> str:
        return f"{self.year} · {self.name} · {self.code} ({role_title(self.kind, self.role)})"


def kind_labels() -> list[str]:
    with force_locale("vi"):
        return [kind.label for kind in GroupKind]


def role_labels() -> list[str]:
    """The titles the template offers: Cụm trưởng, Cụm phó, Khối trưởng, Khối phó, Thành viên."""
    with force_locale("vi"):
        return list(dict.fromkeys(role_title(kind, role) for kind in GroupKind for role in MemberRole
                                  if role != MemberRole.MEMBER)) + [role_title(None, MemberRole.MEMBER)]


def validate(actor, table_rows: Iterable[Row], plan: ImportPlan, counter: Counter) -> None:
    rows = []
    for row in table_rows:
        rows.append(_parse(row, plan.errors))
        counter.add()
    _check_units(rows, plan.errors)
    groups = _existing_groups({row.year for row in rows if row.year})
    _check_duplicates(rows, plan.errors)
    _check_leaders(rows, groups, plan.errors)
    for row in rows:
        _classify(row, groups.get(row.key))
    finish_from_rows(plan, sorted(rows, key=lambda row: row.role == MemberRole.LEADER))  # a demoted leader first
    new_groups = {row.key for row in rows if row.complete and row.key not in groups}
    if new_groups:
        plan.notes.append(_("Sẽ tạo %(n)s cụm, khối mới.", n=len(new_groups)))


def _parse(row, errors: list[RowError]) -> MemberRow:
    cells = RowCells(row, errors)
    parsed = MemberRow(
        row.number, year=cells.integer(YEAR, FIRST_YEAR, LAST_YEAR),
        kind=cells.choice(GROUP_KIND, KIND_VOCABULARY, allowed="Cụm thi đua, Khối thi đua", required=True),
        name=cells.text(GROUP_NAME, required=True, max_length=255), code=cells.text(CODE, required=True, max_length=40),
        role=cells.choice(ROLE, ROLE_VOCABULARY, allowed=", ".join(role_labels()), default=MemberRole.MEMBER))
    parsed.role = parsed.role or MemberRole.MEMBER
    parsed.complete = not cells.failed
    return parsed


def _check_units(rows: list[MemberRow], errors: list[RowError]) -> None:
    """Members must be units already in the database (import the units file first)."""
    known = units_by_code({row.code for row in rows})
    for row in rows:
        if row.code and row.code not in known:
            row.complete = False
            errors.append(RowError(row.number, CODE, _(
                "Không có đơn vị mang mã “%(code)s” trong cơ sở dữ liệu; nhập tệp đơn vị trước.", code=row.code)))


def _existing_groups(years: set[int]) -> dict[tuple, EmulationGroup]:
    query = (select(EmulationGroup).where(EmulationGroup.year.in_(years))
             .options(selectinload(EmulationGroup.members).selectinload(GroupMember.unit)))
    return {(group.year, group.kind, normalise_key(group.name)): group for group in db.session.scalars(query)}


def _check_duplicates(rows: list[MemberRow], errors: list[RowError]) -> None:
    first: dict[tuple, int] = {}
    for row in rows:
        if not row.complete:
            continue
        seen = first.setdefault((row.key, row.code), row.number)
        if seen != row.number:
            row.complete = False
            errors.append(RowError(row.number, CODE, _(
                "Đơn vị “%(code)s” đã có ở dòng %(first)s cho cùng cụm, khối (trùng ở dòng %(first)s và %(row)s).",
                code=row.code, first=seen, row=row.number)))


def _check_leaders(rows: list[MemberRow], groups: dict[tuple, EmulationGroup], errors: list[RowError]) -> None:
    """One leader per group and year: in the file, and against the leader already recorded."""
    leaders, others = defaultdict(list), set()
    for row in rows:
        if row.complete and row.role == MemberRole.LEADER:
            leaders[row.key].append(row)
        elif row.complete:
            others.add((row.key, row.code))
    for key, found in leaders.items():
        for other in found[1:]:
            other.complete = False
            errors.append(RowError(other.number, ROLE, _(
                "%(name)s năm %(year)s có hai đơn vị trưởng trong tệp: dòng %(first)s và dòng %(row)s.",
                name=other.name, year=other.year, first=found[0].number, row=other.number)))
        _check_recorded_leader(found[0], groups.get(key), others, errors)


def _check_recorded_leader(row: MemberRow, group: EmulationGroup | None, others: set[tuple],
                           errors: list[RowError]) -> None:
    """A different leader already recorded is a conflict, unless the file gives it another role
    (`others`: (group key, unit code) of the file's rows with a role other than leader)."""
    leader = next((m for m in group.members if m.role == MemberRole.LEADER), None) if group else None
    if leader is None or leader.unit.code == row.code:
        return
    if (row.key, leader.unit.code) not in others:
        row.complete = False
        errors.append(RowError(row.number, ROLE, _(
            "%(name)s năm %(year)s đã có %(leader)s là %(unit)s (mã %(code)s). Muốn thay, ghi vai trò khác "
            "cho đơn vị đó trong tệp hoặc sửa trên trang cụm, khối.",
            leader=leader_title(group.kind), name=group.name, year=group.year, unit=leader.unit.name,
            code=leader.unit.code)))


def _classify(row: MemberRow, group: EmulationGroup | None) -> None:
    if not row.complete:
        return
    member = next((m for m in group.members if m.unit.code == row.code), None) if group else None
    if member is None:
        row.action = NEW
    elif member.role == row.role:
        row.action = UNCHANGED
    else:
        row.action = UPDATED
        row.changes = [f"{ROLE}: {role_title(row.kind, member.role)} → {role_title(row.kind, row.role)}"]


def apply(actor, plan: ImportPlan, counter: Counter, _file_sha256: str) -> None:
    """Create missing groups and set each member through groups.services (each audited there); a refused row
    raises RowFailure (the pipeline undoes every row before it)."""
    groups: dict[tuple, EmulationGroup] = {}
    counter.expect(len(plan.work))
    for row in plan.work:
        counter.add()
        if row.action == UNCHANGED:
            continue
        with row_guard(row.number, FIELD_COLUMNS):
            unit = unit_by_code(row.code)
            if unit is None:
                raise RuleViolation(_("Không có đơn vị mang mã “%(code)s”.", code=row.code), field="unit_code")
            group_services.set_member(actor, _group_for(actor, row, groups), unit, row.role)


def _group_for(actor, row: MemberRow, groups: dict[tuple, EmulationGroup]) -> EmulationGroup:
    if row.key not in groups:
        query = select(EmulationGroup).where(EmulationGroup.year == row.year, EmulationGroup.kind == row.kind)
        existing = next((group for group in db.session.scalars(query) if normalise_key(group.name) == row.key[2]), None)
        groups[row.key] = existing or group_services.create_group(actor, kind=row.kind, name=row.name, year=row.year)
    return groups[row.key]
