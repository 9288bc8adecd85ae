import pytest

from inspection.findings.numbering import mission_year
from tests.findings.builders import make_world


@pytest.fixture
def world(app):
    """A mission (without a decision date: its numbers carry the year it was entered) and one recommendation."""
    return make_world()


def tail(mission) -> str:
    """The mission's part of its recommendations' numbers."""
    dates = mission.decision_date, mission.planned_start, mission.period_to, mission.created_at
    return f"Đ{mission.id}-{mission_year(*dates)}"
