import pytest

from tests.council.builders import make_scene


@pytest.fixture
def scene(app):
    return make_scene()
