"""The world most mission page tests start from."""

import pytest

from inspection.auth.models import Role
from inspection.extensions import db
from inspection.missions.models import TeamRole
from tests.factories import make_unit, make_user
from tests.missions.builders import make_mission


@pytest.fixture
def world(app):
    """Two provinces, a mission on each, and an inspector who heads the first one."""
    own = make_unit("UBND tỉnh Kiên Giang", code="KG")
    foreign = make_unit("UBND tỉnh An Giang", code="AG")
    head = make_user(Role.INSPECTOR, full_name="Lại Xuân Môn")
    mission = make_mission([own], head, role=TeamRole.HEAD, title="Đoàn kiểm tra Kiên Giang 2017")
    other = make_mission([foreign], title="Đoàn kiểm tra An Giang 2017")
    db.session.commit()
    return {"own": own, "foreign": foreign, "head": head, "mission": mission, "other": other}
