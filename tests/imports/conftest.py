import pytest

from inspection.auth.models import Role


@pytest.fixture(autouse=True)
def private_instance_folder(app, tmp_path):
    """Uploads waiting for confirmation go to instance/imports: keep the tests' ones out of the real instance."""
    app.instance_path = str(tmp_path / "instance")


@pytest.fixture
def admin(client_as):
    """A test client logged in as an administrator."""
    return client_as(Role.ADMIN)
