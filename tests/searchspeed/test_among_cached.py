"""`among` and `usually` are cached like any SQLAlchemy construct: two officers' scoped statements share one
compiled form (one cache key) and differ only in their bound values, and each still gets its own rows."""

from sqlalchemy import select

from inspection.extensions import db
from inspection.idsets import among, one_of, usually
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


def test_a_usually_condition_is_cached_with_its_own_values(app):
    def statement(code):
        return select(Unit.id).where(usually(Unit.code == code))
    first, second = statement("A1")._generate_cache_key(), statement("B1")._generate_cache_key()
    assert first is not None and first == second
    assert [param.value for param in first.bindparams] == ["A1"] and second.bindparams[0].value == "B1"
    make_unit("Sở A", code="A1")
    db.session.commit()
    assert len(list(db.session.scalars(statement("A1")))) == 1 and not list(db.session.scalars(statement("B1")))


def test_one_of_a_set_of_ids_is_one_parameter_on_postgresql_and_keeps_its_rows(app, count_queries):
    """`one_of(column, ids)`: the rows whose column is one of a Python set of ids (a user's units). On
    PostgreSQL the set is one array parameter, however many ids (an IN of a province's 103 units was 103
    parameters, written out by SQLAlchemy and parsed again by psycopg on each execution); elsewhere an IN. An
    empty set keeps no row; two sets share one cached statement."""
    units = [make_unit(f"Sở {number}", code=f"S{number}") for number in range(60)]
    db.session.commit()
    wanted = {unit.id for unit in units[5:58]}
    with count_queries() as counter:
        found = set(db.session.scalars(select(Unit.id).where(one_of(Unit.id, wanted))))
    assert found == wanted
    assert not list(db.session.scalars(select(Unit.id).where(one_of(Unit.id, set()))))
    if db.engine.dialect.name == "postgresql":
        assert "= ANY" in counter.statements[-1] and counter.statements[-1].count("%(") == 1, counter.statements[-1]
    first = select(Unit.id).where(one_of(Unit.id, {1, 2}))._generate_cache_key()
    assert first == select(Unit.id).where(one_of(Unit.id, {3, 4, 5}))._generate_cache_key()
