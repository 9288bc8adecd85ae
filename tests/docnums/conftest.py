"""A mission on Kiên Giang 2017 headed by an inspector, as the missions tests build it."""

import pytest

from inspection.auth.models import Role
from inspection.extensions import db
from inspection.missions.models import TeamRole
from tests.factories import make_unit, make_user
from tests.missions.builders import make_mission
from tests.nominations.conftest import catalogue  # noqa: F401  (the dossier import's fixture)


@pytest.fixture
def world(app):
    own = make_unit("UBND tỉnh Kiên Giang", code="KG")
    head = make_user(Role.INSPECTOR, full_name="Lại Xuân Môn")
    officer = make_user(Role.UNIT_OFFICER, units=[own])
    mission = make_mission([own], head, role=TeamRole.HEAD, title="Đoàn kiểm tra Kiên Giang 2017")
    db.session.commit()
    return {"own": own, "head": head, "officer": officer, "mission": mission}
