import pytest

from tests.findings.builders import make_world


@pytest.fixture
def world(app):
    return make_world()
