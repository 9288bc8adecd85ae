"""Kiên Giang merged into a new An Giang on 01/07/2025, with Phú Quốc moved under it and renamed that day."""

from dataclasses import dataclass
from datetime import date

import pytest

from inspection.access import SYSTEM
from inspection.documents.refs import parse_ref
from inspection.extensions import db
from inspection.units import services
from inspection.units.models import Unit, UnitKind
from inspection.units.placement import move_unit
from tests.factories import make_unit

MERGED = date(2025, 7, 1)


@dataclass
class Merger:
    kg: Unit  # UBND tỉnh Kiên Giang, merged away from 01/07/2025
    ag: Unit  # UBND tỉnh An Giang, its successor from 01/07/2025
    pq: Unit  # UBND huyện Phú Quốc under Kiên Giang, then UBND đặc khu Phú Quốc under An Giang


def build_merger() -> Merger:
    kg = make_unit("UBND tỉnh Kiên Giang", code="KG", kind=UnitKind.PROVINCE, valid_from=date(1976, 1, 1))
    pq = make_unit("UBND huyện Phú Quốc", code="KG-PQ", kind=UnitKind.DISTRICT, parent=kg,
                   valid_from=date(1976, 1, 1))
    ag = make_unit("UBND tỉnh An Giang", code="AG", kind=UnitKind.PROVINCE, valid_from=MERGED)
    services.merge_units(SYSTEM, [kg], ag, MERGED, parse_ref("202/2025/QH15"))
    move_unit(SYSTEM, pq, ag, MERGED, kind=UnitKind.COMMUNE)
    services.rename_unit(SYSTEM, pq, "UBND đặc khu Phú Quốc", MERGED, parse_ref("1654/NQ-UBTVQH15"))
    db.session.commit()
    return Merger(kg, ag, pq)


@pytest.fixture
def merger(app) -> Merger:
    return build_merger()
