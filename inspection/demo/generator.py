"""Deterministic synthetic data at national scale, for benchmarks (`flask demo generate`).

Units are written with bulk INSERTs: the ORM unit of work would take minutes for this volume."""

import random

from sqlalchemy import func, insert, select

from inspection.extensions import db
from inspection.groups.models import EmulationGroup, GroupKind, GroupMember, MemberRole
from inspection.textsearch import text_of
from inspection.units.models import Unit, UnitKind, UnitName

DEPARTMENTS = ["Sở Nội vụ", "Sở Tài chính", "Sở Tư pháp", "Sở Giáo dục và Đào tạo", "Sở Y tế",
               "Sở Xây dựng", "Sở Công Thương", "Sở Văn hóa, Thể thao và Du lịch",
               "Sở Nông nghiệp và Môi trường", "Sở Khoa học và Công nghệ", "Sở Dân tộc và Tôn giáo",
               "Văn phòng UBND tỉnh", "Thanh tra tỉnh", "Thuế tỉnh", "Bảo hiểm xã hội tỉnh", "Công an tỉnh",
               "Hội Nông dân tỉnh", "Tỉnh Đoàn", "Hội Liên hiệp Phụ nữ tỉnh", "Liên đoàn Lao động tỉnh"]
COMMUNE_PREFIXES = ["xã", "xã", "xã", "phường"]
SYLLABLES = ["An", "Bình", "Hòa", "Phú", "Tân", "Long", "Mỹ", "Thạnh", "Vĩnh", "Đông", "Tây", "Nam",
             "Bắc", "Hưng", "Lợi", "Thuận", "Phước", "Định", "Hiệp", "Lộc"]
COMMUNES_PER_CLUSTER = 10
#: 3,500 units make the 34 provinces of 2025
UNITS_PER_PROVINCE = 103
#: clusters and blocks are constituted for each emulation year
GROUP_YEARS = (2024, 2025, 2026)


def generate(unit_count: int, seed: int, years: tuple[int, ...] = GROUP_YEARS) -> str:
    """103 units per province (1 + 20 bodies + 82 communes): 3,500 units make 34 provinces; clusters and
    blocks for each of `years`."""
    rng = random.Random(seed)
    prefix = f"SYN{seed}"
    if db.session.scalar(select(func.count()).select_from(Unit).where(Unit.code.like(f"{prefix}-%"))):
        return f"Dữ liệu tổng hợp {prefix} đã có: bỏ qua."
    made, province_no = 0, 0
    while made < unit_count:
        province_no += 1
        made += _province(rng, prefix, province_no, min(UNITS_PER_PROVINCE, unit_count - made), years)
    return f"Đã sinh {made} đơn vị tổng hợp trong {province_no} tỉnh (seed {seed})."


def _province(rng: random.Random, prefix: str, number: int, budget: int, years: tuple[int, ...]) -> int:
    code = f"{prefix}-P{number:02d}"
    name = f"UBND tỉnh Tổng Hợp {number:02d}"
    province_id = _insert_units([(code, name, UnitKind.PROVINCE, None)])[0]
    bodies = [(f"{code}-S{i:02d}", f"{title} tỉnh Tổng Hợp {number:02d}", UnitKind.DEPARTMENT, province_id)
              for i, title in enumerate(DEPARTMENTS[: max(0, min(len(DEPARTMENTS), budget - 1))], start=1)]
    communes = [(f"{code}-X{i:03d}", f"UBND {rng.choice(COMMUNE_PREFIXES)} {_place_name(rng)}",
                 UnitKind.COMMUNE, province_id) for i in range(1, max(0, budget - 1 - len(bodies)) + 1)]
    body_ids = _insert_units(bodies)
    commune_ids = _insert_units(communes)
    _groups(rng, number, body_ids, commune_ids, years)
    return 1 + len(bodies) + len(communes)


def _place_name(rng: random.Random) -> str:
    return f"{rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)}"


def _insert_units(rows) -> list[int]:
    if not rows:
        return []
    ids = list(db.session.scalars(insert(Unit).returning(Unit.id, sort_by_parameter_order=True), [
        {"code": code, "kind": kind, "parent_id": parent, "search_text": text_of([code, name])}
        for code, name, kind, parent in rows]))
    db.session.execute(insert(UnitName), [
        {"unit_id": unit_id, "name": name} for unit_id, (_code, name, _kind, _parent) in zip(ids, rows, strict=True)])
    return ids


def _groups(rng: random.Random, province_no: int, body_ids: list[int], commune_ids: list[int],
            years: tuple[int, ...]) -> None:
    for year in years:
        blocks = [body_ids[i:i + 5] for i in range(0, len(body_ids), 5)]
        clusters = [commune_ids[i:i + COMMUNES_PER_CLUSTER] for i in range(0, len(commune_ids), COMMUNES_PER_CLUSTER)]
        kinds = ((GroupKind.BLOCK, "Khối thi đua", blocks), (GroupKind.CLUSTER, "Cụm thi đua", clusters))
        for kind, label, chunks in kinds:
            for index, members in enumerate(chunks, start=1):
                _group(rng, f"{label} số {index} – tỉnh Tổng Hợp {province_no:02d}", kind, year, members)


def _group(rng: random.Random, name: str, kind: GroupKind, year: int, unit_ids: list[int]) -> None:
    if not unit_ids:
        return
    group_id = db.session.scalar(
        insert(EmulationGroup).values(kind=kind, name=name, year=year).returning(EmulationGroup.id))
    order = rng.sample(unit_ids, len(unit_ids))  # leaders rotate every year
    roles = [MemberRole.LEADER, MemberRole.DEPUTY] + [MemberRole.MEMBER] * (len(order) - 2)
    db.session.execute(insert(GroupMember), [
        {"group_id": group_id, "unit_id": unit_id, "role": role, "role_order": rank}
        for unit_id, role, rank in zip(order, roles, [0, 1] + [2] * len(order), strict=False)])
