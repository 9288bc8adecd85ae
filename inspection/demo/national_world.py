"""The synthetic provinces as the later stages need them: each province's units by kind and its clusters and
blocks per year, read back in three queries after `generator.generate` wrote them."""

from dataclasses import dataclass, field

from sqlalchemy import select

from inspection.extensions import db
from inspection.groups.models import EmulationGroup, GroupMember
from inspection.units.models import Unit, UnitKind, UnitName


@dataclass(frozen=True)
class Place:
    id: int
    code: str
    name: str
    kind: UnitKind


@dataclass
class Province:
    number: int
    unit: Place
    bodies: list[Place] = field(default_factory=list)
    communes: list[Place] = field(default_factory=list)
    #: year → [(group id, member unit ids)]
    groups: dict[int, list[tuple[int, list[int]]]] = field(default_factory=dict)

    @property
    def places(self) -> list[Place]:
        return [self.unit, *self.bodies, *self.communes]

    @property
    def name(self) -> str:
        return self.unit.name.removeprefix("UBND ")


def load_provinces() -> list[Province]:
    places = [Place(*row) for row in db.session.execute(
        select(Unit.id, Unit.code, UnitName.name, Unit.kind).join(UnitName, UnitName.unit_id == Unit.id)
        .order_by(Unit.id))]
    parents = dict(db.session.execute(select(Unit.id, Unit.parent_id)).all())
    provinces = {place.id: Province(number, place) for number, place in
                 enumerate((p for p in places if p.kind == UnitKind.PROVINCE), start=1)}
    for place in places:
        province = provinces.get(parents[place.id])
        if province is not None:
            (province.communes if place.kind == UnitKind.COMMUNE else province.bodies).append(place)
    _attach_groups(provinces, parents)
    return list(provinces.values())


def _attach_groups(provinces: dict[int, Province], parents: dict[int, int | None]) -> None:
    rows = db.session.execute(select(EmulationGroup.id, EmulationGroup.year, GroupMember.unit_id)
                              .join(GroupMember, GroupMember.group_id == EmulationGroup.id)
                              .order_by(EmulationGroup.id, GroupMember.role_order, GroupMember.id))
    members: dict[tuple[int, int], list[int]] = {}
    for group_id, year, unit_id in rows:
        members.setdefault((group_id, year), []).append(unit_id)
    for (group_id, year), unit_ids in members.items():
        province = provinces[parents[unit_ids[0]]]
        province.groups.setdefault(year, []).append((group_id, unit_ids))
