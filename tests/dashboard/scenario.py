"""A hand-built register with known answers, seen on a fixed day (TODAY), shared by the register filter
tests and the dashboard tests.

    province P ─┬─ D1 (block G of 2024)        other province Q (block H of 2023)
                └─ D2
    mission M1 (inspector `member`): finding F1 on P, critical, exemplar replication
    mission M2 (someone else):       finding F2 on Q, minor, communication

    KN-a  F1 → D1      issued 01/03/2023  due TODAY−30 (16/05/2024)   open       aging 1–30 (edge)
    KN-b  F1 → D2      issued 01/05/2023  due TODAY−31 (15/05/2024)   open       aging 31–60 (edge)
    KN-c  F2 → Q       issued 10/01/2022  due TODAY−90 (17/03/2024)   open       aging 61–90 (edge)
    KN-d  F2 → Q       issued 01/07/2021  due TODAY−91 (16/03/2024)   open       aging 91+ (edge), escalated
    KN-e  F1 → D1      issued 01/02/2023  due 30/12/2023   implemented 15/01/2024 03:00 Vietnam time
    KN-f  F2 → Q, D1   issued 01/02/2024  due 31/12/2024   open, not yet due; D1 in progress
    KN-g  F2 → Q       issued 01/06/2022  due 30/06/2023   overtaken 01/08/2023
"""

from dataclasses import dataclass
from datetime import date, datetime

from inspection.auth.models import Role, User
from inspection.extensions import db
from inspection.findings.models import (
    FindingCategory,
    Recommendation,
    Severity,
    UnitStatus,
    VerificationMethod,
    VerifiedStatus,
)
from inspection.groups.models import EmulationGroup, GroupKind, MemberRole
from inspection.missions.models import Mission
from inspection.units.models import Unit, UnitKind
from tests.factories import make_group, make_unit, make_user
from tests.findings.builders import make_finding, make_mission, make_recommendation

TODAY = date(2024, 6, 15)


@dataclass
class Scenario:
    province: Unit
    d1: Unit
    d2: Unit
    other: Unit
    block_g: EmulationGroup
    block_h: EmulationGroup
    m1: Mission
    m2: Mission
    member: User
    council: User
    recs: dict[str, Recommendation]


def build_scenario() -> Scenario:
    province = make_unit("Tỉnh P", code="P", kind=UnitKind.PROVINCE)
    d1 = make_unit("Sở D1", code="D1", parent=province)
    d2 = make_unit("Sở D2", code="D2", parent=province)
    other = make_unit("Tỉnh Q", code="Q", kind=UnitKind.PROVINCE)
    block_g = make_group(kind=GroupKind.BLOCK, year=2024, name="Khối G", members=[(d1, MemberRole.LEADER)])
    block_h = make_group(kind=GroupKind.CLUSTER, year=2023, name="Cụm H", members=[(other, MemberRole.LEADER)])
    member, council = make_user(Role.INSPECTOR, full_name="Thành viên M1"), make_user(Role.COUNCIL)
    m1 = make_mission([province], [member], title="Đoàn M1")
    m2 = make_mission([other], [make_user(Role.INSPECTOR)], title="Đoàn M2")
    f1 = make_finding(m1, province, category=FindingCategory.EXEMPLAR_REPLICATION, severity=Severity.CRITICAL)
    f2 = make_finding(m2, other, category=FindingCategory.COMMUNICATION, severity=Severity.MINOR)
    recs = {
        "a": make_recommendation(f1, [d1], text="KN-a", issued_on=date(2023, 3, 1), due=date(2024, 5, 16)),
        "b": make_recommendation(f1, [d2], text="KN-b", issued_on=date(2023, 5, 1), due=date(2024, 5, 15)),
        "c": make_recommendation(f2, [other], text="KN-c", issued_on=date(2022, 1, 10), due=date(2024, 3, 17)),
        "d": make_recommendation(f2, [other], text="KN-d", issued_on=date(2021, 7, 1), due=date(2024, 3, 16)),
        "e": make_recommendation(f1, [d1], text="KN-e", issued_on=date(2023, 2, 1), due=date(2023, 12, 30)),
        "f": make_recommendation(f2, [other, d1], text="KN-f", issued_on=date(2024, 2, 1), due=date(2024, 12, 31)),
        "g": make_recommendation(f2, [other], text="KN-g", issued_on=date(2022, 6, 1), due=date(2023, 6, 30)),
    }
    recs["d"].escalated_at = datetime(2024, 6, 1, 2, 0)
    recs["f"].responsibilities[1].status = UnitStatus.IN_PROGRESS
    set_verdict(recs["e"], VerifiedStatus.IMPLEMENTED, datetime(2024, 1, 14, 20, 0))  # 15/01/2024 03:00 in Vietnam
    set_verdict(recs["g"], VerifiedStatus.OVERTAKEN, datetime(2023, 8, 1, 3, 0))
    db.session.commit()
    return Scenario(province, d1, d2, other, block_g, block_h, m1, m2, member, council, recs)


def set_verdict(rec: Recommendation, status: VerifiedStatus, at: datetime) -> None:
    """A verdict given on a day of the past (the service stamps the present)."""
    rec.verified_status, rec.verification_method, rec.verified_at = status, VerificationMethod.DESK_REVIEW, at
    db.session.flush()
