import pytest

from tests.findings.builders import make_world


@pytest.fixture
def world(app):
    """A mission (without a decision date: its numbers carry the year it was entered) and one recommendation."""
    return make_world()


def tail(mission) -> str:
    """The mission's part of its recommendations' numbers."""
    return f"Đ{mission.id}-{(mission.decision_date or mission.created_at).year}"
