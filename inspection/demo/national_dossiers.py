"""A million nomination dossiers (at scale 1) spread over the units and the five emulation years: a province's
own committee nominates most, its departments fewer, each commune a few; common forms (Lao động tiên tiến,
Giấy khen, Bằng khen UBND tỉnh) far more often than orders. Every row meets the registry's rules
(nominations.dossier_rules): a form in force that year, recipients it may be given to, submission and decision
dates in order and not after the reference day, a decision number for awarded and revoked dossiers."""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from inspection.audit import AuditEntry
from inspection.demo.national_texts import COLLECTIVES, POSTS, person
from inspection.demo.national_world import Place, Province
from inspection.demo.national_writer import BulkWriter, at, dotted
from inspection.documents.refs import DocRef, parse_ref
from inspection.extensions import db
from inspection.nominations.models import AchievementType, AwardForm, AwardLevel, Dossier, DossierStatus, LeaderGroup
from inspection.nominations.models import RecipientKind as K
from inspection.units.models import UnitKind

#: how many dossiers a unit files a year, relative to a commune
UNIT_WEIGHTS = {UnitKind.PROVINCE: 30, UnitKind.DEPARTMENT: 4, UnitKind.COMMUNE: 1}
FORM_WEIGHTS = {"LDTT": 300, "GK": 200, "BKUBT": 100, "CSTDCS": 80, "TTLDTT": 80, "GDVH": 50, "DVTT": 20,
                "TTLDXS": 30, "TDPVH": 20, "KNC": 20, "CSTT": 10, "BKBN": 10, "CSTDT_OLD": 15, "CSTDT": 15,
                "CTDUBT": 8, "DVQT": 3, "BKTTG": 5, "XPTTTB": 3, "XPDKTB": 3, "CTDBN": 2, "CTDCP": 1,
                "HCLD3": 2, "HCLD2": 1, "BMVNAH": 1}
OTHER_FORM_WEIGHT = 0.1
FLAGS = {"CTDUBT", "CTDBN", "CTDCP"}
LEADER_GROUPS = ([LeaderGroup.DIRECT_WORKER, LeaderGroup.OTHER_LEADER, LeaderGroup.DEPARTMENT_LEADER,
                  LeaderGroup.ENTREPRENEUR], [55, 32, 10, 3])
ACHIEVEMENTS = ([AchievementType.REGULAR, AchievementType.THEMATIC, AchievementType.EXTRAORDINARY,
                 AchievementType.CONTRIBUTION, AchievementType.SENIORITY, AchievementType.FOREIGN],
                [62, 22, 9, 4, 2, 1])
PAST = ([DossierStatus.AWARDED, DossierStatus.NOT_AWARDED, DossierStatus.RETURNED, DossierStatus.REVOKED],
        [88, 7, 4, 1])
CURRENT = ([DossierStatus.AWARDED, DossierStatus.PENDING_DECISION, DossierStatus.SUBMITTED, DossierStatus.RETURNED,
            DossierStatus.DRAFT], [45, 20, 20, 5, 10])
NEED_REF = {DossierStatus.AWARDED, DossierStatus.NOT_AWARDED, DossierStatus.REVOKED}


@dataclass(frozen=True)
class Form:
    id: int
    code: str
    kinds: tuple[K, ...]
    issuer: str  # who signs its decisions: CTN (orders, honours), TTg, UBND


class DossierIndex(dict):
    """(unit id, year) → (first dossier id, count): the dossiers of a unit's year have consecutive ids."""

    def pick(self, rng: random.Random, unit_id: int, year: int) -> int | None:
        first, count = self.get((unit_id, year), (0, 0))
        return first + rng.randrange(count) if count else None


def generate_dossiers(writer: BulkWriter, rng: random.Random, provinces: list[Province], years: list[int],
                      total: int, as_of: date) -> DossierIndex:
    """`total` dossiers, each unit-year's share cut on cumulative weights so that the shares add up exactly."""
    forms, index, refs = _forms_by_year(years), DossierIndex(), {}
    weight = len(years) * sum(UNIT_WEIGHTS[place.kind] for province in provinces for place in province.places)
    cumulative = 0
    for province in provinces:
        for year in years:
            made = 0
            for place in province.places:
                start = total * cumulative // weight
                cumulative += UNIT_WEIGHTS[place.kind]
                count = total * cumulative // weight - start
                index[(place.id, year)] = _unit_year(writer, rng, place, year, count, forms[year], as_of, refs)
                made += count
            _import_entry(writer, province, year, made, as_of)
        done = dotted(total * cumulative // weight)
        writer.say(f"hồ sơ đề nghị khen thưởng: {province.unit.code} xong ({done} hồ sơ)")
    return index


def _unit_year(writer, rng, place, year, count, forms, as_of, refs) -> tuple[int, int]:
    first = writer.ids.take(Dossier.__table__, count)
    for number in range(count):
        writer.add(Dossier.__table__, _row(rng, first + number, number + 1, place, year, forms, as_of, refs))
    return first, count


def _forms_by_year(years: list[int]) -> dict[int, tuple[list[Form], list[float]]]:
    catalogue = list(db.session.scalars(select(AwardForm).order_by(AwardForm.id)))
    result = {}
    for year in years:
        valid = [form for form in catalogue if (form.valid_to is None or form.valid_to >= date(year, 1, 1))
                 and (form.valid_from is None or form.valid_from <= date(year, 12, 31))]
        result[year] = ([_form(form) for form in valid],
                        [FORM_WEIGHTS.get(form.code, OTHER_FORM_WEIGHT) for form in valid])
    return result


def _form(form: AwardForm) -> Form:
    kinds = tuple(kind for kind, allowed in ((K.INDIVIDUAL, form.for_individual), (K.COLLECTIVE, form.for_collective),
                                             (K.HOUSEHOLD, form.for_household)) if allowed)
    issuer = "UBND" if form.level != AwardLevel.STATE else ("TTg" if form.code in ("BKTTG", "CTDCP") else "CTN")
    return Form(form.id, form.code, kinds, issuer)


def _row(rng, dossier_id, number, place, year, forms, as_of, refs) -> dict:
    form = rng.choices(*forms)[0]
    kind = form.kinds[0] if len(form.kinds) == 1 or rng.random() < 0.7 else rng.choice(form.kinds)
    submitted, status, decided = _course(rng, year, as_of)
    group = rng.choices(*LEADER_GROUPS)[0] if kind == K.INDIVIDUAL else None
    return {
        "id": dossier_id, "code": f"HS-{year}-{number:05d}", "unit_id": place.id, "year": year,
        "award_form_id": form.id, "recipient_kind": kind, "recipient_name": _recipient(kind, number, place),
        "is_leader": None if group is None else group != LeaderGroup.DIRECT_WORKER, "leader_group": group,
        "achievement_type": rng.choices(*ACHIEVEMENTS)[0], "group_rank": _rank(rng, form, kind),
        "posthumous": form.code == "BMVNAH" and number % 5 != 0, "submitted_on": submitted, "status": status,
        "decision_ref": _ref(decided, form, number, refs) if decided else None, "decision_date": decided,
        "award_hold": number % 499 == 0, "note": None, "created_at": at(submitted or date(year, 1, 2)),
        "version": 1}


def _course(rng: random.Random, year: int, as_of: date) -> tuple[date | None, DossierStatus, date | None]:
    """Submission day, status and decision day: most dossiers go up in the year-end round."""
    day = date(year, 10, 1) + timedelta(days=rng.randrange(75)) if rng.random() < 0.7 else \
        date(year, 1, 2) + timedelta(days=rng.randrange(270))
    if day > as_of:
        return None, DossierStatus.DRAFT, None
    status = rng.choices(*(CURRENT if year == as_of.year else PAST))[0]
    if status == DossierStatus.DRAFT:
        return None, status, None
    decided = day + timedelta(days=rng.randrange(14, 75)) if status in NEED_REF else None
    if decided is not None and decided > as_of:
        return day, DossierStatus.PENDING_DECISION, None
    return day, status, decided


def _recipient(kind: K, number: int, place: Place) -> str:
    if kind == K.COLLECTIVE:
        return COLLECTIVES[number % len(COLLECTIVES)].format(n=number // len(COLLECTIVES) + 1) + ", " + place.name
    if kind == K.HOUSEHOLD:
        return f"Hộ gia đình ông {person(number, 5)}, {place.name.removeprefix('UBND ')}"
    return f"{person(number, place.id % 7)} – {POSTS[number % len(POSTS)]}, {place.name}"


def _rank(rng: random.Random, form: Form, kind: K) -> int | None:
    if kind != K.COLLECTIVE:
        return None
    if form.code in FLAGS:
        return 1
    return rng.choice((2, 3)) if form.code == "BKUBT" and rng.random() < 0.2 else None


def _ref(day: date, form: Form, number: int, refs: dict) -> DocRef:
    """Decision numbers grow through the year as a register's do; parsed once per distinct text."""
    text = f"{day.timetuple().tm_yday * 8 + number % 8}/QĐ-{form.issuer}"
    return refs.get(text) or refs.setdefault(text, parse_ref(text))


def _import_entry(writer: BulkWriter, province: Province, year: int, count: int, as_of: date) -> None:
    """The history says where the dossiers came from: one import per province and year."""
    writer.new(AuditEntry.__table__, {
        "at": at(min(date(year, 12, 28), as_of)), "actor_id": None, "action": "dossier.import",
        "target_type": "dossier", "target_id": None, "before": None,
        "summary": f"Nhập hồ sơ đề nghị khen thưởng năm {year} của {province.name} (dữ liệu tổng hợp): {count} mới",
        "after": {"file": f"{province.unit.code.lower()}-{year}.xlsx", "new": count, "updated": 0, "unchanged": 0}})
