"""The trigram index (FTS5 on SQLite, pg_trgm GIN on PostgreSQL) finds exactly what the plain substring
search finds, and follows every insert, change and delete — through the ORM and through bulk Core writes."""

import unicodedata
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert, select, text, update

from inspection.access import SYSTEM
from inspection.extensions import db
from inspection.textsearch import like_pattern, matches, normalise, search_index
from inspection.units import services as units
from inspection.units.models import Unit, UnitKind
from tests.factories import make_unit

LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
TEXTS = st.text(alphabet=st.sampled_from(LETTERS + LETTERS.upper() + " 0123456789-/%_\"\\'"), max_size=40)
SLOW = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _store(texts: list[str]) -> None:
    """Rows written as a bulk import writes them (Core, search text given): the triggers index them."""
    db.session.execute(delete(Unit))
    if texts:
        db.session.execute(insert(Unit), [{"code": f"T{number}", "kind": UnitKind.COMMUNE,
                                           "search_text": normalise(value)} for number, value in enumerate(texts)])
    db.session.flush()


def _found(query: str) -> set[str]:
    return set(db.session.scalars(select(Unit.code).where(matches(Unit, query))))


def _reference(query: str) -> set[str]:
    """The plain LIKE scan the index replaces."""
    return set(db.session.scalars(select(Unit.code).where(Unit.search_text.like(like_pattern(query), escape="\\"))))


def _typed(query: str, how: int) -> str:
    """The same words as a person may type them: upper case, decomposed accents, extra spaces."""
    return (query.upper(), unicodedata.normalize("NFD", query), f"  {query}  ", query)[how % 4]


@SLOW
@given(st.lists(TEXTS, max_size=12), st.data())
def test_the_index_finds_what_the_substring_search_finds(app, texts, data):
    _store(texts)
    queries = [data.draw(TEXTS)]
    for value in texts[:4]:
        start = data.draw(st.integers(0, len(value)))
        queries.append(value[start:start + data.draw(st.integers(1, 8))])
    for number, query in enumerate(queries):
        typed = _typed(query, number)
        expected = {f"T{i}" for i, value in enumerate(texts) if normalise(typed) in normalise(value)}
        assert _found(typed) == _reference(typed) == expected, (texts, typed)
    db.session.rollback()


def test_short_words_are_found_without_the_index(app):
    """One or two characters hold no trigram: they are still found (by a scan), accents and case ignored."""
    _store(["Sở Tư pháp", "KG-PQ", "ba"])
    assert _found("Ư") == _found("u") == {"T0"}
    assert _found("kg") == {"T1"}
    assert _found("BA") == {"T2"}
    assert _found("-") == {"T1"}


def test_the_index_follows_names_codes_and_deletions(app):
    unit = make_unit("Sở Tư pháp tỉnh An Giang", code="AG-STP")
    db.session.commit()
    assert _found("tu phap tinh") == {"AG-STP"}
    units.rename_unit(SYSTEM, unit, "Sở Văn hóa tỉnh An Giang", date(2025, 7, 1), None)
    db.session.commit()
    assert _found("van hoa tinh") == {"AG-STP"}
    unit.code = "AG-SVH"
    db.session.commit()
    assert _found("ag-svh") == {"AG-SVH"} and _found("ag-stp") == set()
    db.session.execute(update(Unit).where(Unit.id == unit.id).values(search_text="khong con ten cu"))
    db.session.commit()
    assert _found("van hoa") == set() and _found("con ten") == {"AG-SVH"}
    gone = make_unit("Ban Thi đua tạm thời", code="TD-TAM")
    db.session.commit()
    assert _found("thi dua tam") == {"TD-TAM"}
    db.session.delete(gone)
    db.session.commit()
    assert _found("thi dua tam") == set() and _found("con ten") == {"AG-SVH"}
    _index_is_sound()


def _index_is_sound() -> None:
    """SQLite: FTS5's own check that the index holds exactly the table's search texts."""
    if db.engine.dialect.name == "sqlite":
        index = search_index("unit")
        db.session.execute(text(f"INSERT INTO {index}({index}, rank) VALUES ('integrity-check', 1)"))


def test_words_are_found_with_their_spaces_not_squashed(app):
    """PostgreSQL's index holds the texts without their spaces ("nguyenvan"): what it yields is checked with
    the spaces, so "ngu yen" is not "nguyen", nor the other way round, on either database."""
    _store(["Ngu Yên", "Nguyễn Văn", "Hồ Minh Mai – giáo viên", "ho minhmai"])
    assert _found("nguyen") == {"T1"}
    assert _found("ngu yen") == {"T0"}
    assert _found("Hồ Minh Mai") == {"T2"}
    assert _found("hominhmai") == set()
    assert _found("minhmai") == {"T3"}
    assert _found("mai – giao") == {"T2"}
    db.session.rollback()


def test_a_name_is_looked_up_in_the_trigram_index(app):
    """The search's condition is the one the index answers: on PostgreSQL the trigram index of the squashed
    text (the same expression in the migration and the query), on SQLite the FTS5 table. Asked with sequential
    scans discouraged, as a million rows discourage them."""
    _store(["Hồ Minh Mai", "Lê Văn Tám"])
    query = select(Unit.id).where(matches(Unit, "Hồ Minh Mai"))
    statement = query.compile(db.session.get_bind(), compile_kwargs={"literal_binds": True})
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("SET LOCAL enable_seqscan = off"))
        plan = "\n".join(row[0] for row in db.session.execute(text(f"EXPLAIN {statement}")))
        assert "ix_unit_search_squashed" in plan, plan
    else:
        plan = "\n".join(row[-1] for row in db.session.execute(text(f"EXPLAIN QUERY PLAN {statement}")))
        assert search_index("unit") in plan, plan
    db.session.rollback()


def test_each_search_is_planned_for_its_own_words_on_postgresql(app, count_queries):
    """PostgreSQL: the words are written into the statement, not sent beside it (textsearch._written_out), so a
    prepared statement's generic plan is never shared by a common word and a rare name; SQLite sends them bound."""
    _store(["Hồ Minh Mai", "Lê Văn Tám"])
    with count_queries() as counter:
        assert _found("Hồ Minh Mai") == {"T0"} and _found("lê văn") == {"T1"}
    first, second = counter.statements
    if db.engine.dialect.name == "postgresql":
        assert "'%%hominhmai%%'" in first and "'ho minh mai'" in first, first
        assert "'%%levan%%'" in second and first != second
    else:
        assert first == second and "minh" not in first
    db.session.rollback()
