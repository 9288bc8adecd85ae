"""Loads the Kiên Giang demo data through the normal services (so it is audited like any change)."""

from sqlalchemy import func, select

from inspection.access import SYSTEM
from inspection.admin.services import create_user
from inspection.auth.models import Role, User
from inspection.dashboard.counting import rebuild
from inspection.demo import kiengiang as data
from inspection.demo.dossiers2017 import load_dossiers_2017
from inspection.demo.mission_loader import load_mission_2017
from inspection.documents.refs import parse_ref
from inspection.extensions import db
from inspection.groups.models import GroupKind, MemberRole
from inspection.groups.services import create_group, set_member
from inspection.nominations.catalogue import seed_catalogue
from inspection.timeutil import today_vn
from inspection.units import services as units
from inspection.units.models import Unit, UnitKind
from inspection.units.placement import move_unit
from inspection.units.queries import unit_by_code

ROLES_BY_POSITION = [MemberRole.LEADER, MemberRole.DEPUTY]


def database_is_empty() -> bool:
    return not db.session.scalar(select(func.count()).select_from(Unit))


def load_demo() -> str:
    """Create the demo units, lineage, clusters and blocks and accounts; the caller commits."""
    seed_catalogue(SYSTEM)  # the award catalogue first: demo dossiers name their award forms (idempotent)
    _load_2017_units()
    _load_history()
    _load_groups(2017, data.GROUPS_2017)
    _load_groups(2026, data.GROUPS_2026)
    _load_accounts()
    load_mission_2017()
    load_dossiers_2017()  # the 2017 nomination dossiers behind 280/BC-UBND's figures (bulk insert, < 1 s)
    db.session.flush()
    rebuild(db.session.connection(), today_vn())  # the dashboard's kept counts (bulk inserts bypass the flush)
    count = db.session.scalar(select(func.count()).select_from(Unit))
    return f"Đã nạp dữ liệu mẫu: {count} đơn vị, {len(data.ACCOUNTS)} tài khoản."


def demo_accounts_text() -> str:
    """The demo accounts that still have the demo password (none on a real server)."""
    users = {user.username: user for user in db.session.scalars(
        select(User).where(User.username.in_([account[0] for account in data.ACCOUNTS])))}
    lines = [f"  {username:<10} {role:<13} mật khẩu: {data.DEMO_PASSWORD}"
             for username, _name, role, _units in data.ACCOUNTS
             if username in users and users[username].check_password(data.DEMO_PASSWORD)]
    if not lines:
        return "Không có tài khoản mẫu (cơ sở dữ liệu không phải dữ liệu mẫu)."
    return "Tài khoản mẫu (demo accounts):\n" + "\n".join(lines)


def _unit(code: str) -> Unit:
    return unit_by_code(code)


def _basis(pair):
    return parse_ref(pair[0])


def _create(code, name, kind, parent_code=None, **kwargs) -> Unit:
    parent = _unit(parent_code) if parent_code else None
    return units.create_unit(SYSTEM, code=code, name=name, kind=kind, parent=parent, **kwargs)


def _load_2017_units() -> None:
    for code, name, kind, parent in data.PROVINCES:
        _create(code, name, kind, parent)
    for code, name, kind in data.PROVINCIAL_BODIES:
        _create(code, name, kind, "KG")
    for code, name, _successors, _how in data.ENDED_2025_03:
        _create(code, name, UnitKind.DEPARTMENT, "KG")
    for code, name, kind, parent in data.OFFICES:
        _create(code, name, kind, parent)
    for code, name in data.DISTRICTS:
        _create(code, name, UnitKind.DISTRICT, "KG")
    for code, name, kind in data.ENTERPRISES:
        _create(code, name, kind, "KG")
    for _name, district, communes in data.NEW_COMMUNES.values():
        for code, name in communes:
            _create(code, name, UnitKind.COMMUNE, district)


def _load_history() -> None:
    for code, new_name, effective, basis in data.RENAMES:
        event = units.rename_unit(SYSTEM, _unit(code), new_name, effective, _basis(basis), note=data.UNVERIFIED)
        event.legal_basis_date = basis[1]
    _load_department_changes()
    _load_province_merger()
    _load_commune_reorganisation()


def _load_department_changes() -> None:
    for code, _name, successor_codes, how in data.ENDED_2025_03:
        successors = [_unit(c) for c in successor_codes]
        if how == "merge":
            units.merge_units(SYSTEM, [_unit(code)], successors[0], data.DEPARTMENTS_REORGANISED, None,
                              note=data.UNVERIFIED)
        else:
            units.dissolve_unit(SYSTEM, _unit(code), data.DEPARTMENTS_REORGANISED, None, successors,
                                note=data.UNVERIFIED)


def _load_province_merger() -> None:
    effective, basis = data.REORGANISED, _basis(data.PROVINCE_MERGER_BASIS)
    new_province = _create("AG", "UBND tỉnh An Giang", UnitKind.PROVINCE, valid_from=effective, establish=False)
    event = units.merge_units(SYSTEM, [_unit("KG"), _unit("AG-CU")], new_province, effective, basis)
    event.legal_basis_date = data.PROVINCE_MERGER_BASIS[1]
    for code, name, kind in data.PROVINCIAL_BODIES:
        new_name = data.RENAMED_IN_2025.get(code, name).replace("Kiên Giang", "An Giang")
        successor = _create("AG-" + code.removeprefix("KG-"), new_name, kind,
                            "AG", valid_from=effective, establish=False)
        units.merge_units(SYSTEM, [_unit(code)], successor, effective, basis).legal_basis_date = \
            data.PROVINCE_MERGER_BASIS[1]
    for code, _name, _kind in data.ENTERPRISES:  # enterprises outlive the merger; only their supervisor changed
        move_unit(SYSTEM, _unit(code), new_province, effective, note=data.PROVINCE_MERGER_BASIS[0])


def _load_commune_reorganisation() -> None:
    effective = data.REORGANISED
    successors_of_district: dict[str, list[Unit]] = {}
    for new_code, (name, district, communes) in data.NEW_COMMUNES.items():
        new_unit = _create(new_code, name, UnitKind.COMMUNE, "AG", valid_from=effective, establish=False)
        units.merge_units(SYSTEM, [_unit(code) for code, _ in communes], new_unit, effective,
                          _basis(data.COMMUNE_BASIS), note=data.UNVERIFIED)
        successors_of_district.setdefault(district, []).append(new_unit)
    for code, name, district in data.DISTRICT_SUCCESSORS:
        successors_of_district.setdefault(district, []).append(_create(
            code, name, UnitKind.COMMUNE, "AG", valid_from=effective, legal_basis=_basis(data.COMMUNE_BASIS)))
    for code, _name in data.DISTRICTS:
        units.dissolve_unit(SYSTEM, _unit(code), effective, _basis(data.TWO_TIER_BASIS),
                            successors_of_district.get(code, []))
    units.dissolve_unit(SYSTEM, _unit("KG-BTDKT"), effective, _basis(data.PROVINCE_MERGER_BASIS), [_unit("AG-SNV")],
                        note="Nhiệm vụ chuyển về Sở Nội vụ tỉnh An Giang.")


def _load_groups(year: int, groups) -> None:
    for kind, name, codes in groups:
        group = create_group(SYSTEM, kind=GroupKind(kind), name=name, year=year)
        for position, code in enumerate(codes):
            role = ROLES_BY_POSITION[position] if position < len(ROLES_BY_POSITION) else MemberRole.MEMBER
            set_member(SYSTEM, group, _unit(code), role)


def _load_accounts() -> None:
    for username, full_name, role, codes in data.ACCOUNTS:
        create_user(SYSTEM, username=username, full_name=full_name, role=Role(role),
                    password=data.DEMO_PASSWORD, units=[_unit(code) for code in codes])
