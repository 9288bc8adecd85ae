import pytest
from sqlalchemy import select

from inspection.access import SYSTEM
from inspection.extensions import db
from inspection.nominations.catalogue import seed_catalogue
from inspection.nominations.models import AwardForm


@pytest.fixture
def catalogue(app) -> dict[str, AwardForm]:
    """The seeded award catalogue (committed), by code."""
    seed_catalogue(SYSTEM)
    db.session.commit()
    return {form.code: form for form in db.session.scalars(select(AwardForm))}
