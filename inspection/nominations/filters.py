"""One filter for dossiers, shared by the registry page, its export and the statistics report: every
number in the report links to the registry filtered the same way, so the two always agree."""

from dataclasses import dataclass, field, fields
from datetime import date

from sqlalchemy import Select, or_, select

from inspection.idsets import one_of
from inspection.nominations.models import AchievementType, AwardAuthority, AwardForm, Dossier, LeaderGroup
from inspection.params import YEAR_MAX, YEAR_MIN, whole_number
from inspection.textsearch import matches, normalise
from inspection.units.models import UnitKind
from inspection.units.queries import all_predecessors, reference_day, subtree_ids, unit_by_code, units_of_kind_on

LIST_FIELDS = ("form", "status")
NO_GROUP = "none"  # DossierFilter.leader_group: individuals whose Biểu 0603 group is not recorded


@dataclass
class DossierFilter:
    unit: str = ""  # unit code
    subtree: bool = False  # with the unit's subordinate units
    predecessors: bool = False  # with its predecessors (explicit: never a silent default)
    year_from: int | None = None
    year_to: int | None = None
    submitted_from: date | None = None
    submitted_to: date | None = None
    form: list[str] = field(default_factory=list)  # award form codes
    level: str = ""  # AwardLevel value
    authority: str = ""  # AwardAuthority value: who decided ("province": the provincial figures)
    group: str = ""  # AwardGroup value
    recipient: str = ""  # RecipientKind value
    leader: str = ""  # "yes" / "no"
    leader_group: str = ""  # LeaderGroup value (Biểu 0603's groups of individuals); "none": no group recorded
    unit_kind: str = ""  # UnitKind value of the nominating unit ("enterprise": Biểu 0603's doanh nghiệp)
    achievement: str = ""  # AchievementType value, or several: "thematic,extraordinary"
    rank: str = ""  # "1", "2", "3" or "2,3"; "0" = no cluster/block ranking ("0,1" = none or 1)
    posthumous: str = ""  # "yes" / "no"
    status: list[str] = field(default_factory=list)  # DossierStatus values
    hold: str = ""  # "yes": on award hold (by hand or by an open serious finding)
    q: str = ""  # code or recipient name

    @classmethod
    def from_args(cls, args) -> "DossierFilter":
        """From request.args (a MultiDict); unparsable values are ignored, never a 500."""
        values = {}
        for item in fields(cls):
            if item.name in LIST_FIELDS:
                values[item.name] = [v.strip() for v in args.getlist(item.name) if v.strip()]
            elif item.type in ("bool", bool):
                values[item.name] = args.get(item.name) in ("1", "true", "on", "y")
            elif item.name.startswith("year"):
                values[item.name] = whole_number(args.get(item.name), YEAR_MIN, YEAR_MAX)
            elif item.name.startswith("submitted"):
                values[item.name] = _date(args.get(item.name))
            else:
                values[item.name] = (args.get(item.name) or "").strip()
        return cls(**values)

    def to_args(self, **overrides) -> dict:
        """Query-string arguments for url_for (only the set ones), with overrides."""
        values = {f.name: getattr(self, f.name) for f in fields(self)} | overrides
        return {key: _arg(value) for key, value in values.items() if value not in ("", None, False, [])}

    def unit_ids(self) -> set[int] | None:
        if not self.unit:
            return None
        unit = unit_by_code(self.unit)
        if unit is None:
            return set()
        ids = {unit.id}
        if self.predecessors:
            ids |= {u.id for u in all_predecessors(unit)}
        return subtree_ids(ids, on=self.reference_day(unit)) if self.subtree else ids

    def reference_day(self, unit=None) -> date:
        """The day whose hierarchy and kinds of units the filter's period uses (units/queries.reference_day)."""
        if unit is None and self.unit:
            unit = unit_by_code(self.unit)
        return reference_day(unit, self.period_end(), self.period_start())

    def period_start(self) -> date | None:
        starts = [date(self.year_from, 1, 1) if self.year_from else None, self.submitted_from]
        return max((day for day in starts if day is not None), default=None)

    def period_end(self) -> date | None:
        """The last day of the period the filter names (its earliest end when it names two), if it names one:
        the subordinate units are those of that day (a 2017 report counts Kiên Giang's 2017 units)."""
        ends = [date(self.year_to, 12, 31) if self.year_to else None, self.submitted_to]
        return min((day for day in ends if day is not None), default=None)


def apply(query: Select, criteria: DossierFilter, visible_ids: set[int] | None = None,
          held_clause=None, as_of: date | None = None) -> Select:
    """Narrow a SELECT over Dossier. `visible_ids` scopes to the user's units; `held_clause` is the
    SQL condition for "on award hold" (nominations.holds), passed in to keep this module free of findings;
    `as_of` the day whose kinds of units count (a report's line takes its report's; default the filter's own)."""
    query = _scope(query, criteria, visible_ids)
    query = _by_award(query, criteria)
    query = _by_statistics_group(query, criteria, as_of)
    return _by_recipient_and_state(query, criteria, held_clause)


def _scope(query: Select, c: DossierFilter, visible_ids: set[int] | None) -> Select:
    unit_ids = c.unit_ids()
    if unit_ids is not None:
        query = query.where(Dossier.unit_id.in_(unit_ids))
    if visible_ids is not None:
        query = query.where(one_of(Dossier.unit_id, visible_ids))
    if c.year_from:
        query = query.where(Dossier.year >= c.year_from)
    if c.year_to:
        query = query.where(Dossier.year <= c.year_to)
    if c.submitted_from:
        query = query.where(Dossier.submitted_on >= c.submitted_from)
    if c.submitted_to:
        query = query.where(Dossier.submitted_on <= c.submitted_to)
    return query


def _by_award(query: Select, c: DossierFilter) -> Select:
    if c.form:
        query = query.where(Dossier.award_form_id.in_(select(AwardForm.id).where(AwardForm.code.in_(c.form))))
    if c.level:
        query = query.where(Dossier.award_form_id.in_(select(AwardForm.id).where(AwardForm.level == c.level)))
    if c.group:
        query = query.where(Dossier.award_form_id.in_(select(AwardForm.id).where(AwardForm.group == c.group)))
    if c.authority:
        authorities = _values(c.authority, AwardAuthority)
        query = query.where(Dossier.award_form_id.in_(select(AwardForm.id).where(AwardForm.authority.in_(authorities))))
    if c.achievement:
        query = query.where(Dossier.achievement_type.in_(_values(c.achievement, AchievementType)))
    if c.rank:
        query = query.where(_rank_clause(c.rank))
    return query


def _rank_clause(text: str):
    ranks = {whole_number(r, low=0, high=3) for r in text.split(",")} - {None}
    clause = Dossier.group_rank.in_(ranks - {0})
    return or_(clause, Dossier.group_rank.is_(None)) if 0 in ranks else clause


def _by_statistics_group(query: Select, c: DossierFilter, as_of: date | None = None) -> Select:
    """Biểu 0603's breakdowns: individuals by leader group, collectives of enterprises."""
    if c.leader_group == NO_GROUP:
        query = query.where(Dossier.leader_group.is_(None))
    elif c.leader_group:
        query = query.where(Dossier.leader_group.in_(_values(c.leader_group, LeaderGroup)))
    if c.unit_kind:
        day = as_of or c.reference_day()
        query = query.where(Dossier.unit_id.in_(units_of_kind_on(_values(c.unit_kind, UnitKind), day)))
    return query


def _values(text: str, enum_cls) -> list[str]:
    """Comma-separated enum values; unknown ones dropped (so they match nothing, never a 500)."""
    known = {member.value for member in enum_cls}
    return [value.strip() for value in text.split(",") if value.strip() in known]


def _by_recipient_and_state(query: Select, c: DossierFilter, held_clause) -> Select:
    if c.recipient:
        query = query.where(Dossier.recipient_kind == c.recipient)
    if c.leader:
        query = query.where(Dossier.is_leader.is_(c.leader == "yes"))
    if c.posthumous:
        query = query.where(Dossier.posthumous.is_(c.posthumous == "yes"))
    if c.status:
        query = query.where(Dossier.status.in_(c.status))
    if c.hold == "yes":
        query = query.where(or_(Dossier.award_hold.is_(True), held_clause) if held_clause is not None
                            else Dossier.award_hold.is_(True))
    if normalise(c.q):
        query = query.where(matches(Dossier, c.q))
    return query


def _date(text):
    from inspection.dates import parse_vn_date

    try:
        return parse_vn_date(text) if text else None
    except ValueError:
        return None


def _arg(value):
    if isinstance(value, bool):
        return "1"
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return value
