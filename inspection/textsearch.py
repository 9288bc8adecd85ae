"""Text search that ignores case and Vietnamese accents, the same on SQLite and PostgreSQL.

Each searchable model declares once (`searchable`, next to the model) which columns it is found by; a
normalised copy of them lives in its `search_text` column, rewritten on every ORM flush that changes one of
them (a before_flush listener), and by `refresh` after a bulk Core write that bypasses the ORM. A search then
is "search_text contains the normalised words", answered by a trigram index on both databases: on PostgreSQL
a pg_trgm GIN index of the text without its spaces (`squashed`: its trigrams cross the words, so a name's
are rare), the words then checked with their spaces; on SQLite an FTS5 `trigram` table over search_text kept
by triggers (migration ops_searchscale) — the same rows as the LIKE, without reading a million of them. Words
under three characters (spaces aside) hold no trigram: those are a LIKE scan on both. Normalising in Python,
not with SQL `lower`/`unaccent`, is what makes both databases agree: SQLite's LOWER knows only ASCII, and
`unaccent` is an extension a server may not have."""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup, escape
from sqlalchemy import (
    Index,
    String,
    Text,
    and_,
    bindparam,
    column,
    event,
    func,
    inspect,
    literal_column,
    select,
    table,
    update,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from inspection.dialects import per_dialect

_SPACES = re.compile(r"\s+")
#: letters that do not decompose into a base letter and a combining mark
_FOLD = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "ı": "i"})
MAX_TERMS_LENGTH = 200
#: a trigram index needs this many characters to look anything up
TRIGRAM = 3
INDEX_SUFFIX = "_fts"


def normalise(text: str | None) -> str:
    """"KIÊN  Giang" → "kien giang": lower case, accents and tone marks dropped, đ → d, spaces collapsed.
    NFC and NFD input give the same result (decomposed first, marks removed, then recomposed)."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", str(text).translate(_FOLD))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SPACES.sub(" ", unicodedata.normalize("NFC", bare).casefold().translate(_FOLD)).strip()


def search_column() -> Mapped[str]:
    """The normalised copy of what a record is found by (kept up to date here, never set by hand)."""
    return mapped_column(Text, default="", server_default="")


def like_pattern(query: str) -> str:
    """The LIKE pattern for a user's query: its normalised words, in order, anywhere in the text."""
    return f"%{_escaped(normalise(query)[:MAX_TERMS_LENGTH])}%"


def _escaped(terms: str) -> str:
    """The words with LIKE's wildcards and its escape character taken literally."""
    return terms.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def matches(model, query: str):
    """WHERE clause: the record's search text contains the query (case- and accent-insensitive). Compiled per
    database: on SQLite the record is among the rows the table's FTS5 trigram index finds (`search_index`);
    on PostgreSQL the trigram GIN index of the squashed text answers, then the words are checked with their
    spaces (`_squashed_lookup`); a query under three characters is a LIKE on both (no trigram to look up)."""
    terms = normalise(query)[:MAX_TERMS_LENGTH]
    scan = scanned(model, terms)
    if not indexed(terms):
        return scan
    # every form built here, the words bound parameters: a search's statements are compiled once per shape,
    # not once per request (a dozen per page)
    return per_dialect(scan, postgresql=_squashed_lookup(model, terms), sqlite=_index_lookup(model, terms))


def newest_matching(statement, model, query: str, dialect: str):
    """`statement` (a SELECT from `model`) limited to the rows whose search text holds the words, newest (highest
    id) first. On SQLite the FTS5 index drives the query: it yields its matches in rowid order, so a LIMIT stops
    after the first few instead of collecting every match first, as `matches`' IN must (a common name is in
    half a million dossiers: 0.4 ms instead of 50). Elsewhere, `matches` and an ORDER BY id."""
    terms = normalise(query)[:MAX_TERMS_LENGTH]
    if dialect != "sqlite" or not indexed(terms):
        return statement.where(matches(model, query)).order_by(model.id.desc())
    index = table(search_index(model.__table__.name), column("rowid"))
    found = literal_column(index.name).op("MATCH")(bindparam(None, fts_phrase(terms), type_=String()))
    return statement.join(index, index.c.rowid == model.id).where(found).order_by(index.c.rowid.desc())


def more_than(session, model, query: str, count: int) -> bool:
    """Whether more than `count` rows hold the words, reading at most count + 1 of the index's entries: on
    SQLite the FTS5 table's rowids alone (joined to the rows it cost twice as much), elsewhere the matching ids."""
    terms = normalise(query)[:MAX_TERMS_LENGTH]
    if session.get_bind().dialect.name == "sqlite" and indexed(terms):
        index = table(search_index(model.__table__.name), column("rowid"))
        found = select(index.c.rowid).where(
            literal_column(index.name).op("MATCH")(bindparam(None, fts_phrase(terms), type_=String())))
    else:
        found = select(model.id).where(matches(model, query))
    return session.scalar(select(func.count()).select_from(found.limit(count + 1).subquery())) > count


def indexed(terms: str) -> bool:
    """Whether a trigram index can answer these (normalised) words: at least one trigram in them once their
    spaces are dropped (PostgreSQL's index holds the text squashed: `squashed`)."""
    return len(squash(terms)) >= TRIGRAM


def squash(text: str) -> str:
    """The text without its spaces: "ho minh mai" → "hominhmai"."""
    return text.replace(" ", "")


def squashed(column):
    """SQL: the search text without its spaces, the expression PostgreSQL's trigram index is built on.
    pg_trgm takes its trigrams inside each word, and every syllable of a Vietnamese name is common ("minh",
    "mai"): a name's trigrams were in thousands of rows that do not hold it. Squashed, the trigrams cross the
    syllables' boundaries ("nhm", "hma" of "minh mai"), which few texts hold, and the index yields about the
    rows holding the name. Whoever holds the words holds them squashed, so the index misses nothing."""
    return func.replace(column, literal_column("' '"), literal_column("''"))


def search_index(table_name: str) -> str:
    """The FTS5 table indexing `table_name`.search_text on SQLite (created by migration ops_searchscale)."""
    return f"{table_name}{INDEX_SUFFIX}"


def is_search_index(table_name: str) -> bool:
    """An FTS5 index table or one of its shadow tables (_data, _idx, _docsize, _config): not in the models."""
    return INDEX_SUFFIX in table_name and table_name.split(INDEX_SUFFIX)[0] in _BY_TABLE


def fts_phrase(terms: str) -> str:
    """The words as one FTS5 phrase: its trigrams, consecutive, i.e. the substring (quotes doubled)."""
    return '"' + terms.replace('"', '""') + '"'


def _squashed_lookup(model, terms: str):
    """PostgreSQL: `squashed(search_text) LIKE '%words squashed%'`, which its trigram index answers, and the
    words with their spaces. The second test is `strpos(…) <> 0`, not a second LIKE: PostgreSQL takes such a
    test for nearly always true, so the rows it expects are those the index's test alone gives. Two LIKEs it
    takes for independent and multiplies: "nguyễn" then looked 25 times rarer than it is in a million dossiers
    and was read by parallel workers (1,3 → 7 ms)."""
    squashed_words = squashed(model.search_text).like(_written_out(f"%{_escaped(squash(terms))}%"), escape="\\")
    # strpos first: where a scope's rows are read one by one, it rejects most of them before any is squashed
    return and_(func.strpos(model.search_text, _written_out(terms)) != 0, squashed_words)


def _written_out(words: str):
    """The words written into the statement (escaped by SQLAlchemy), not sent beside it: each search is then
    its own statement, planned for its own words. Sent beside it, the statement is the same for every search;
    after five, psycopg prepares it and PostgreSQL may keep one generic plan for all: a common word's plan
    (the table read newest first until 201 match) then served a name in 1.376 of a million rows (20 → 48 ms)."""
    return bindparam(None, words, type_=String(), literal_execute=True)


def scanned(model, query: str):
    """WHERE clause: the plain `search_text LIKE '%words%'`, for rows another condition has already narrowed
    (a unit officer's own records): checking those few is cheaper than collecting every match of the index."""
    return model.search_text.like(like_pattern(query), escape="\\")


def _index_lookup(model, terms: str):
    """`id IN (rowids the FTS5 trigram index finds)` (SQLite)."""
    index = search_index(model.__table__.name)
    rowids = select(literal_column("rowid")).select_from(table(index)).where(
        literal_column(index).op("MATCH")(bindparam(None, fts_phrase(terms), type_=String())))
    return model.id.in_(rowids)


@dataclass(frozen=True)
class Parts:
    """Child rows whose text belongs to the owner's search text (a unit's dated names)."""

    model: type
    collection: str  # the owner's relationship holding the parts
    owner: str  # the part's relationship back to the owner
    owner_key: str  # the part's foreign-key column
    column: str  # the part's text column


@dataclass(frozen=True)
class Declaration:
    model: type
    columns: tuple[str, ...]
    parts: Parts | None


SEARCHABLE: dict[type, Declaration] = {}
_BY_TABLE: dict[str, Declaration] = {}
_PART_OWNERS: dict[type, Declaration] = {}


def searchable(model: type, *columns: str, parts: Parts | None = None) -> None:
    """Declare the columns (and child texts) `model` is found by; it must have a `search_text` column.
    Its index: on PostgreSQL a trigram GIN index of the text without its spaces (`squashed`); on
    SQLite a plain index, which a LIKE scan reads instead of the wider table rows (its trigram index is the
    FTS5 table, outside the models)."""
    declaration = Declaration(model, columns, parts)
    table = model.__table__
    Index(f"ix_{table.name}_search_text", table.c.search_text).ddl_if(dialect="sqlite")
    Index(f"ix_{table.name}_search_squashed", squashed(table.c.search_text).label("squashed"),
          postgresql_using="gin", postgresql_ops={"squashed": "gin_trgm_ops"}).ddl_if(dialect="postgresql")
    SEARCHABLE[model] = declaration
    _BY_TABLE[table.name] = declaration
    if parts is not None:
        _PART_OWNERS[parts.model] = declaration


def text_of(values: Iterable) -> str:
    return normalise(" ".join(str(value) for value in values if value not in (None, "")))


def _record_text(declaration: Declaration, record) -> str:
    values = [getattr(record, column) for column in declaration.columns]
    if declaration.parts is not None:
        parts = declaration.parts
        values += [getattr(part, parts.column) for part in getattr(record, parts.collection)]
    return text_of(values)


@event.listens_for(Session, "before_flush")
def _keep_search_text(session, _context, _instances) -> None:
    """Every new searchable record, and every one whose searched columns or parts changed, gets its search
    text rewritten (a record changed elsewhere is left alone: no lazy load of its parts for nothing)."""
    for declaration, record in _records_to_index(session):
        text = _record_text(declaration, record)
        if record.search_text != text:
            record.search_text = text


def _records_to_index(session) -> list:
    found = []
    for record in list(session.new) + list(session.dirty) + list(session.deleted):
        declaration = SEARCHABLE.get(type(record))
        if declaration is not None and record not in session.deleted and (
                record in session.new or _changed(record, _watched(declaration))):
            found.append((declaration, record))
        declaration = _PART_OWNERS.get(type(record))
        if declaration is not None and (record in session.new or record in session.deleted
                                        or _changed(record, (declaration.parts.column,))):
            owner = getattr(record, declaration.parts.owner)
            if owner is not None and owner not in session.deleted:
                found.append((declaration, owner))
    return found


def _watched(declaration: Declaration) -> tuple[str, ...]:
    return declaration.columns + ((declaration.parts.collection,) if declaration.parts else ())


def _changed(record, attributes: tuple[str, ...]) -> bool:
    state = inspect(record)
    return any(state.attrs[name].history.has_changes() for name in attributes)


def refresh(session, model: type, *where, batch: int = 2000) -> int:
    """Rewrite the search text of `model`'s rows matching `where`, for writers that bypass the ORM (bulk
    inserts and updates). Returns how many rows were read."""
    declaration = SEARCHABLE[model]
    columns = [model.__table__.c[name] for name in declaration.columns]
    query = select(model.__table__.c.id, *columns).where(*where).order_by(model.__table__.c.id)
    rows, done = session.execute(query).all(), 0
    for start in range(0, len(rows), batch):
        chunk = rows[start:start + batch]
        _write(session, model, declaration, chunk)
        done += len(chunk)
    return done


def _write(session, model, declaration: Declaration, rows) -> None:
    extra = _part_texts(session, declaration.parts, [row[0] for row in rows])
    table = model.__table__
    statement = update(table).where(table.c.id == bindparam("b_id")).values(
        search_text=bindparam("b_text", type_=String()))
    params = [{"b_id": row[0], "b_text": text_of(list(row[1:]) + extra.get(row[0], []))} for row in rows]
    if params:
        session.execute(statement, params, execution_options={"synchronize_session": False})


def _part_texts(session, parts: Parts | None, owner_ids: list[int]) -> dict[int, list[str]]:
    if parts is None or not owner_ids:
        return {}
    table = parts.model.__table__
    key, column = table.c[parts.owner_key], table.c[parts.column]
    found: dict[int, list[str]] = {}
    for owner_id, text in session.execute(select(key, column).where(key.in_(owner_ids)).order_by(table.c.id)):
        found.setdefault(owner_id, []).append(text)
    return found


def fill_row(table, row: dict) -> dict:
    """For bulk Core inserts: the row with its search text, when `table` is searchable (the texts of its
    parts, such as a unit's names, are not in the row: `refresh` those tables after writing)."""
    declaration = _BY_TABLE.get(table.name)
    if declaration is not None:
        row["search_text"] = text_of(row.get(column) for column in declaration.columns)
    return row


@lru_cache(maxsize=4096)
def _char_key(char: str) -> str:
    """One character as the search text holds it (kept per character: a result's highlight asks it of every
    character of its title, a few thousand times a page)."""
    return " " if char.isspace() else normalise(char) if not unicodedata.combining(char) else ""


def match_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where the query's normalised words occur in `text`, as (start, end) offsets of the original text:
    "Sở Tư pháp" holds "tu phap" at (3, 10). Accents written as separate marks (NFD) stay with their letter."""
    wanted = normalise(query)
    if not wanted or not text:
        return []
    folded, origin = [], []
    for index, char in enumerate(text):
        for piece in _char_key(char):
            if not (piece == " " and folded and folded[-1] == " "):
                folded.append(piece)
                origin.append(index)
    haystack, spans, start = "".join(folded), [], 0
    while (found := haystack.find(wanted, start)) >= 0:
        end = origin[found + len(wanted) - 1] + 1
        while end < len(text) and _char_key(text[end]) == "":
            end += 1
        spans.append((origin[found], end))
        start = found + len(wanted)
    return spans


def highlight(text: str, query: str) -> Markup:
    """The text, escaped, with each match of the query in <mark>."""
    text, parts, last = str(text or ""), [], 0
    for start, end in match_spans(text, query):
        parts += [escape(text[last:start]), Markup("<mark>"), escape(text[start:end]), Markup("</mark>")]
        last = end
    parts.append(escape(text[last:]))
    return Markup("").join(parts)
