"""`among` is cached like any SQLAlchemy construct: two officers' scoped statements share one compiled form
(one cache key) and differ only in their bound values, and each still gets its own rows."""

from sqlalchemy import select

from inspection.extensions import db
from inspection.idsets import among
from inspection.units.models import Unit
from tests.factories import make_unit


def units_among(codes: tuple[str, ...]):
    return select(Unit.id).where(among(Unit.id, select(Unit.id).where(Unit.code.in_(codes))))


def test_two_scopes_share_a_cache_key_and_keep_their_own_values(app):
    first, second = units_among(("A1",))._generate_cache_key(), units_among(("B1",))._generate_cache_key()
    assert first is not None and first == second
    assert [param.value for param in first.bindparams] != [param.value for param in second.bindparams]


def test_the_cached_statement_answers_each_scope_with_its_own_rows(app):
    a, b = make_unit("Sở A", code="A1"), make_unit("Sở B", code="B1")
    db.session.commit()
    assert list(db.session.scalars(units_among(("A1",)))) == [a.id]
    assert list(db.session.scalars(units_among(("B1",)))) == [b.id]
