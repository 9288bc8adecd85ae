"""Dossier counts kept by the database itself, for the award statistics report at national scale.

A report sums dossiers by the columns its lines test (award form, status, recipient kind, leader, group, method,
rank, posthumous) within a scope of units and years. Two tables hold those counts, one row per combination:
`award_tally` per unit and year (a province's report sums its subtree's rows), `award_tally_all` per year for
every unit together (the whole country's report sums ~1,500 rows a year instead of 200,000 dossiers).

Triggers on `dossier` (migrations ops_awardscale, ops_tallylog) keep both up to date in the same transaction as
every change, whoever makes it: the form, a status move, the import's Core executemany, the demo's bulk writer. On
SQLite they update the tallies directly. On PostgreSQL they append each change to `award_tally_change`, folded into
both tallies once at commit (one upsert per key: updating the same row once per dossier made a big import's
transaction slower with every row, as PostgreSQL keeps each version until the transaction ends); a reader inside
a writing transaction calls `settle` first. A row whose count fell to 0 stays (it counts nothing).
`nominations/report.py` reads them through `sources_for`.
"""

from dataclasses import dataclass

from sqlalchemy import (
    BigInteger,
    Column,
    ColumnElement,
    Integer,
    Select,
    TableClause,
    cast,
    column,
    func,
    literal_column,
    select,
    table,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.sql.visitors import replacement_traverse

from inspection.enums import enum_column
from inspection.extensions import db
from inspection.nominations.models import AchievementType, Dossier, DossierStatus, LeaderGroup, RecipientKind

#: the dossier columns a tally row is keyed by, besides the unit (award_tally only)
KEY = ("year", "award_form_id", "status", "recipient_kind", "is_leader", "leader_group", "achievement_type",
       "group_rank", "posthumous")


def _as_dossier(name: str) -> dict:
    """The dossier column's own info (its label): a tally column means what the dossier's does."""
    return dict(Dossier.__table__.c[name].info)


class TallyColumns:
    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int]
    award_form_id: Mapped[int]
    status: Mapped[DossierStatus] = enum_column(DossierStatus, info=_as_dossier("status"))
    recipient_kind: Mapped[RecipientKind] = enum_column(RecipientKind, info=_as_dossier("recipient_kind"))
    is_leader: Mapped[bool | None]
    leader_group: Mapped[LeaderGroup | None] = enum_column(LeaderGroup, nullable=True,
                                                           info=_as_dossier("leader_group"))
    achievement_type: Mapped[AchievementType | None] = enum_column(AchievementType, nullable=True,
                                                                   info=_as_dossier("achievement_type"))
    group_rank: Mapped[int | None]
    posthumous: Mapped[bool]
    #: how many dossiers have exactly this key
    dossiers: Mapped[int] = mapped_column(default=0)


def key_expressions(cls) -> list:
    """The unique key of a tally table. NULL is a value of the key: read through coalesce, so that an upsert finds
    the row of a dossier without a leader group (the triggers' ON CONFLICT names these same expressions)."""
    nullable = {"is_leader": cast(cls.is_leader, Integer), "group_rank": cls.group_rank}
    texts = ("leader_group", "achievement_type")
    return [func.coalesce(nullable[name], literal_column("-1")) if name in nullable
            else func.coalesce(getattr(cls, name), literal_column("''")) if name in texts else getattr(cls, name)
            for name in KEY]


class AwardTally(TallyColumns, db.Model):
    """Dossiers per unit, year and key."""

    __tablename__ = "award_tally"
    unit_id: Mapped[int]


class AwardTallyAll(TallyColumns, db.Model):
    """Dossiers of every unit together, per year and key."""

    __tablename__ = "award_tally_all"


class AwardTallyChange(TallyColumns, db.Model):
    """PostgreSQL: dossier changes not yet folded into the tallies (+1 / -1 per key), emptied at commit."""

    __tablename__ = "award_tally_change"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"), primary_key=True)
    unit_id: Mapped[int]


def settle() -> None:
    """Fold the changes this transaction has logged (PostgreSQL), so that the tallies it reads include them;
    nothing to do in any other transaction (each folds its own at commit) nor on SQLite."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("SELECT award_tally_fold()"))


db.Index("ux_award_tally_key", AwardTally.unit_id, *key_expressions(AwardTally), unique=True)
db.Index("ux_award_tally_all_key", *key_expressions(AwardTallyAll), unique=True)

# emptied after the dossiers (tests empty tables children first): a dossier's delete trigger writes the tallies
Dossier.__table__.add_is_dependent_on(AwardTally.__table__)
Dossier.__table__.add_is_dependent_on(AwardTallyAll.__table__)
Dossier.__table__.add_is_dependent_on(AwardTallyChange.__table__)


class NotTallied(Exception):
    """A condition tests a dossier column the table does not keep (the submission date, a unit for the table of
    every unit): its numbers are counted elsewhere."""


@dataclass(frozen=True)
class Source:
    """Where a report's numbers are summed from: the dossiers themselves (the reference every tally must equal,
    one row per dossier) or a tally table (one row per key, weighing its count)."""

    table: TableClause  # a Table, or a name defined by the statement (KeyedSource)
    weight: ColumnElement

    def adapt(self, clause):
        """A condition over the dossier table, rewritten over this table's columns of the same names."""
        if self.table is Dossier.__table__:
            return clause

        def column_of(element):
            if isinstance(element, Column) and element.table is Dossier.__table__:
                if element.name not in self.table.c:
                    raise NotTallied(element.name)
                return self.table.c[element.name]
            return None
        return replacement_traverse(clause, {}, column_of)

    def serves(self, clause) -> bool:
        try:
            self.adapt(clause)
        except NotTallied:
            return False
        return True

    def scoped(self, query: Select, where) -> Select:
        """`query` (over this source's table) limited to the report's scope (a condition over Dossier)."""
        return query.where(self.adapt(where))


@dataclass(frozen=True)
class KeyedSource(Source):
    """The per-unit tally within the scope, summed over its units: one row per key. A province's year is ~3,400
    rows of its units' tallies but ~1,500 keys, and a report tests ~45 conditions on each row it reads. Its table
    is a name only: each report's statement defines it (WITH award_tally_keyed AS …) for its own scope, so that
    the statements over it are built once per period (report._plan)."""

    def scoped(self, query: Select, where) -> Select:
        keys = [PER_UNIT.table.c[name] for name in KEY]
        rows = select(*keys, func.sum(PER_UNIT.weight).label("dossiers")).where(PER_UNIT.adapt(where))
        return query.add_cte(rows.group_by(*keys).cte(self.table.name))


DIRECT = Source(Dossier.__table__, literal_column("1"))
PER_UNIT = Source(AwardTally.__table__, AwardTally.__table__.c.dossiers)
ALL_UNITS = Source(AwardTallyAll.__table__, AwardTallyAll.__table__.c.dossiers)
_KEYED_TABLE = table("award_tally_keyed", *[column(name, PER_UNIT.table.c[name].type) for name in (*KEY, "dossiers")])
PER_KEY = KeyedSource(_KEYED_TABLE, _KEYED_TABLE.c.dossiers)


def sources_for(where) -> list[Source]:
    """The sources that can count within `where` (the scope of a report), fewest rows first: every unit's tally
    when the scope names no unit, the per-unit tally summed by key, then row by row, when it names units and
    years, the dossiers when it names submission dates. A line whose own condition names units (Biểu 0603's
    enterprises) takes the next one that can answer it."""
    every_unit = [ALL_UNITS] if ALL_UNITS.serves(where) else []
    per_unit = [PER_KEY, PER_UNIT] if PER_UNIT.serves(where) else []
    return every_unit + per_unit + [DIRECT]
