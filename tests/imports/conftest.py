import pytest

from inspection.auth.models import Role


@pytest.fixture
def admin(client_as):
    """A test client logged in as an administrator."""
    return client_as(Role.ADMIN)
