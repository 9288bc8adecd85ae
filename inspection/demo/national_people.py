"""Accounts of the national data set, all with the demo password (`flask demo accounts` style):

- `admin` (Quản trị hệ thống) and `council` (Hội đồng / Tổ thư ký);
- `inspector001`, `inspector002`, … : five inspectors per province (province 1 has 001–005, province 2 006–010,
  …), members of that province's missions;
- `unit-<unit code in lower case>`: one unit officer per unit, e.g. `unit-syn2017-p01` for the province
  SYN2017-P01 (sees its whole subtree) and `unit-syn2017-p01-x001` for one of its communes."""

from dataclasses import dataclass, field
from datetime import datetime

from werkzeug.security import generate_password_hash

from inspection.auth.models import Role, User, user_units
from inspection.demo.kiengiang import DEMO_PASSWORD
from inspection.demo.national_texts import person
from inspection.demo.national_world import Province
from inspection.demo.national_writer import BulkWriter

INSPECTORS_PER_PROVINCE = 5
CREATED_AT = datetime(2021, 12, 1, 1, 0)


@dataclass
class Accounts:
    admin: int = 0
    council: int = 0
    #: province number → inspector user ids
    inspectors: dict[int, list[int]] = field(default_factory=dict)
    #: unit id → its officer's user id
    officers: dict[int, int] = field(default_factory=dict)


def officer_username(unit_code: str) -> str:
    return f"unit-{unit_code.lower()}"


def create_accounts(writer: BulkWriter, provinces: list[Province]) -> Accounts:
    password_hash = generate_password_hash(DEMO_PASSWORD)  # one hash for all: scrypt takes ~0.1 s a call

    def account(username: str, full_name: str, role: Role) -> int:
        return writer.new(User.__table__, {
            "username": username, "full_name": full_name[:200], "email": None, "password_hash": password_hash,
            "role": role, "is_active_account": True, "locale": None, "created_at": CREATED_AT, "version": 1})

    accounts = Accounts(admin=account("admin", "Quản trị hệ thống", Role.ADMIN),
                        council=account("council", "Tổ Thư ký Hội đồng Thi đua – Khen thưởng", Role.COUNCIL))
    number = 0
    for province in provinces:
        team = accounts.inspectors.setdefault(province.number, [])
        for _ in range(INSPECTORS_PER_PROVINCE):
            number += 1
            team.append(account(f"inspector{number:03d}", person(number, 3), Role.INSPECTOR))
        for place in province.places:
            user_id = account(officer_username(place.code), f"Cán bộ thi đua – {place.name}", Role.UNIT_OFFICER)
            writer.add(user_units, {"user_id": user_id, "unit_id": place.id})
            accounts.officers[place.id] = user_id
    return accounts
