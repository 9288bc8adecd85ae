"""Kiên Giang's 2017 nomination dossiers, built so that the award statistics report reproduces EXACTLY the
figures of Báo cáo 280/BC-UBND (../shared/seeds/000_5831ede85d1b1a35.txt), and the figures as printed in that
report, stored on the demo mission's self-report (so that the reconciliation flags the printed 57.86%).

Emulation year 2017; every dossier submitted within the report's period 06/11/2016 – 05/11/2017 (in fact from
02/01/2017: see THROUGH_THE_YEAR) by a 2017 Kiên Giang unit (the province's departments, sector agencies, mass
organisations, districts and communes: the KG subtree).

What the article fixes, and how the batches below add up:
- State level: 333 submitted, 332 decided = 52 orders + 167 Bà mẹ VNAH + 17 Cờ thi đua CP + 96 Bằng khen TTg;
  the 333rd (an order, Huân chương Lao động hạng Ba) is still "Chờ quyết định".
- Provincial level: 5,549 awarded = 4,767 Bằng khen UBND tỉnh + 659 TTLĐXS + 91 Cờ thi đua UBND tỉnh + 32 CSTĐ
  cấp tỉnh (the 2017 name, CSTDT_OLD). Collectives 2,141 = 1,391 BK + 659 + 91; individuals 3,408 = 3,376 BK + 32.
- Bằng khen: 1,391 collectives + 3,376 individuals; 237 collectives for cluster/block ranks 2 and 3; the other
  4,530 by achievement: 1,573 assigned tasks + 2,953 thematic or unscheduled + 4 foreign affairs.
- Individuals not holding a leadership or management post: 1,973 of 3,408 (57.89%; the report printed 57.86%).

What the article leaves open, chosen here (documented so that nobody mistakes it for data):
- orders: Lao động hạng Nhất 2, hạng Nhì 6, hạng Ba 38, Bảo vệ Tổ quốc hạng Ba 4, Độc lập hạng Ba 2;
  Bà mẹ VNAH: 158 posthumous, 9 living; Bằng khen TTg: 40 collectives, 56 individuals;
- ranks: 119 rank 2 and 118 rank 3, recorded as "thường xuyên" awards (the report's line for assigned tasks
  counts unranked Bằng khen only); the 91 flags are rank 1 (dẫn đầu); CSTĐ, flags and TTLĐXS are "thường xuyên",
  so Biểu 0603 counts 2,592 = 1,573 + 237 + 32 + 91 + 659 provincial awards for regular performance;
- Bằng khen by achievement and recipient: assigned tasks 412 collectives + 1,161 individuals; thematic
  601 + 1,797 and unscheduled 140 + 415 (2,398 + 555 = 2,953); foreign 1 + 3;
- leaders among the 3,408 individuals: 1,435 = 15 provincial leaders + 240 department leaders + 60
  entrepreneurs + 1,120 other leaders; the 1,973 others are "người trực tiếp lao động, công tác"; CSTĐ: 20 leaders;
- submission and decision dates, decision numbers (QĐ-UBND by day of year, QĐ-TTg, QĐ-CTN), recipients' names
  and the spread over units are invented, deterministically (no randomness: the same rows every load).
"""

from datetime import date, timedelta
from typing import NamedTuple

from sqlalchemy import insert, select

from inspection.access import SYSTEM
from inspection.demo import kiengiang as kg
from inspection.documents.refs import parse_ref
from inspection.extensions import db
from inspection.missions.models import SelfReport
from inspection.nominations.catalogue import seed_catalogue
from inspection.nominations.models import AchievementType, AwardForm, Dossier, DossierStatus, LeaderGroup
from inspection.nominations.models import RecipientKind as K
from inspection.textsearch import fill_row
from inspection.units.models import Unit

A, G = AchievementType, LeaderGroup
YEAR = 2017
PERIOD_START, PERIOD_END = date(2016, 11, 6), date(2017, 11, 5)
# Submitted from 02/01/2017 (a 2016 date would break the registry's rule "not before the emulation year"),
# to 25/10/2017; the annual round 09/10 – 05/11/2017.
THROUGH_THE_YEAR, YEAR_END_ROUND = date(2017, 1, 2), date(2017, 10, 9)
COUNCIL_DAYS = 14  # the provincial council decides every other Friday
FIRST_COUNCIL_DAY = date(2016, 11, 18)


class Batch(NamedTuple):
    form: str
    kind: K
    count: int
    achievement: AchievementType = A.REGULAR
    group: LeaderGroup | None = None  # individuals: Biểu 0603 group (a leader unless a direct worker)
    rank: int | None = None
    posthumous: int = 0
    pool: str = "all"
    annual: bool = False  # submitted in the year-end round rather than through the year
    status: DossierStatus = DossierStatus.AWARDED


STATE = [
    Batch("HCLD1", K.COLLECTIVE, 2, pool="bodies"),
    Batch("HCLD2", K.COLLECTIVE, 3, pool="bodies"),
    Batch("HCLD2", K.INDIVIDUAL, 3, A.CONTRIBUTION, G.DEPARTMENT_LEADER, pool="bodies"),
    Batch("HCLD3", K.COLLECTIVE, 14),
    Batch("HCLD3", K.INDIVIDUAL, 8, group=G.OTHER_LEADER),
    Batch("HCLD3", K.INDIVIDUAL, 8, group=G.DIRECT_WORKER),
    Batch("HCLD3", K.INDIVIDUAL, 8, A.CONTRIBUTION, G.DEPARTMENT_LEADER, pool="bodies"),
    Batch("HCBVTQ3", K.COLLECTIVE, 2, pool="police"),
    Batch("HCBVTQ3", K.INDIVIDUAL, 2, group=G.OTHER_LEADER, pool="police"),
    Batch("HCDL3", K.INDIVIDUAL, 2, A.CONTRIBUTION, G.PROVINCE_LEADER, pool="province"),
    Batch("BMVNAH", K.INDIVIDUAL, 167, A.RESISTANCE, posthumous=158, pool="local"),
    Batch("CTDCP", K.COLLECTIVE, 17),
    Batch("BKTTG", K.COLLECTIVE, 40),
    Batch("BKTTG", K.INDIVIDUAL, 22, group=G.OTHER_LEADER),
    Batch("BKTTG", K.INDIVIDUAL, 22, group=G.DIRECT_WORKER),
    Batch("BKTTG", K.INDIVIDUAL, 12, A.THEMATIC, G.DIRECT_WORKER, pool="local"),
    Batch("HCLD3", K.INDIVIDUAL, 1, A.CONTRIBUTION, G.DEPARTMENT_LEADER, pool="bodies",
          status=DossierStatus.PENDING_DECISION),
]


def _individuals(achievement: AchievementType, split: dict, annual: bool = False, form: str = "BKUBT") -> list:
    pools = {G.PROVINCE_LEADER: "province", G.ENTREPRENEUR: "all", G.DIRECT_WORKER: "local"}
    return [Batch(form, K.INDIVIDUAL, count, achievement, group, pool=pools.get(group, "all"), annual=annual)
            for group, count in split.items()]


PROVINCIAL = [
    Batch("BKUBT", K.COLLECTIVE, 119, rank=2, annual=True),
    Batch("BKUBT", K.COLLECTIVE, 118, rank=3, annual=True),
    Batch("BKUBT", K.COLLECTIVE, 412, annual=True),
    *_individuals(A.REGULAR, {G.DIRECT_WORKER: 461, G.PROVINCE_LEADER: 10, G.DEPARTMENT_LEADER: 150,
                              G.ENTREPRENEUR: 30, G.OTHER_LEADER: 510}, annual=True),
    Batch("BKUBT", K.COLLECTIVE, 601, A.THEMATIC),
    *_individuals(A.THEMATIC, {G.DIRECT_WORKER: 1117, G.PROVINCE_LEADER: 5, G.DEPARTMENT_LEADER: 80,
                               G.ENTREPRENEUR: 25, G.OTHER_LEADER: 570}),
    Batch("BKUBT", K.COLLECTIVE, 140, A.EXTRAORDINARY, pool="local"),
    *_individuals(A.EXTRAORDINARY, {G.DIRECT_WORKER: 380, G.ENTREPRENEUR: 5, G.OTHER_LEADER: 30}),
    Batch("BKUBT", K.COLLECTIVE, 1, A.FOREIGN, pool="foreign"),
    Batch("BKUBT", K.INDIVIDUAL, 3, A.FOREIGN, G.DIRECT_WORKER, pool="foreign"),
    *_individuals(A.REGULAR, {G.DEPARTMENT_LEADER: 10, G.OTHER_LEADER: 10, G.DIRECT_WORKER: 12}, annual=True,
                  form="CSTDT_OLD"),
    Batch("CTDUBT", K.COLLECTIVE, 91, rank=1, annual=True),
    Batch("TTLDXS", K.COLLECTIVE, 659, annual=True),
]

# Figures as printed in 280/BC-UBND (keys: nominations.figures), "57.86%" with its decimal point.
REPORTED_280 = {
    "state.submitted": "333", "state.decided": "332", "state.orders": "52", "state.heroic_mothers": "167",
    "state.government_flag": "17", "state.pm_certificate": "96",
    "provincial.total": "5.549", "provincial.collectives": "2.141", "provincial.individuals": "3.408",
    "provincial.non_leaders": "1.973", "provincial.non_leader_share": "57.86%",
    "bk.total": "4.767", "bk.collectives": "1.391", "bk.individuals": "3.376", "bk.ranked": "237",
    "bk.regular": "1.573", "bk.thematic_extraordinary": "2.953", "bk.foreign": "04",
    "provincial.soldiers": "32", "provincial.flags": "91", "provincial.excellent_collectives": "659",
}

POOLS = {
    "bodies": [code for code, _name, _kind in kg.PROVINCIAL_BODIES] + [row[0] for row in kg.ENDED_2025_03],
    "districts": [code for code, _name in kg.DISTRICTS],
    "communes": [code for _name, _district, communes in kg.NEW_COMMUNES.values() for code, _ in communes],
    "police": ["KG-CA"], "province": ["KG-VPUB"], "foreign": ["KG-VPUB"],
}
POOLS["all"] = POOLS["bodies"] + POOLS["districts"]
POOLS["local"] = POOLS["districts"] + POOLS["communes"]
UNIT_NAMES = ({code: name for code, name, _kind in kg.PROVINCIAL_BODIES} | {r[0]: r[1] for r in kg.ENDED_2025_03}
              | dict(kg.DISTRICTS) | {code: name for _n, _d, cs in kg.NEW_COMMUNES.values() for code, name in cs})


def load_dossiers_2017() -> int:
    """Insert the dossiers in bulk and record 280/BC-UBND's printed figures; the caller commits."""
    forms = _catalogue_ids()
    units = dict(db.session.execute(select(Unit.code, Unit.id).where(Unit.code.in_(UNIT_NAMES))).all())
    rows = build_rows(forms, units)
    db.session.execute(insert(Dossier), [fill_row(Dossier.__table__, row) for row in rows])
    _store_reported_figures()
    return len(rows)


def _catalogue_ids() -> dict[str, int]:
    codes = {batch.form for batch in STATE + PROVINCIAL}
    query = select(AwardForm.code, AwardForm.id).where(AwardForm.code.in_(codes))
    found = dict(db.session.execute(query).all())
    if len(found) < len(codes):
        seed_catalogue(SYSTEM)
        found = dict(db.session.execute(query).all())
    return found


def build_rows(forms: dict[str, int], units: dict[str, int]) -> list[dict]:
    rows, serial = [], {}
    for index, batch in enumerate(STATE + PROVINCIAL):
        state = index < len(STATE)
        for number in range(batch.count):
            code = POOLS[batch.pool][(number * 7 + index) % len(POOLS[batch.pool])]
            serial[code] = serial.get(code, 0) + 1
            rows.append(_row(batch, number, state, code, serial[code]) | {
                "unit_id": units[code], "award_form_id": forms[batch.form]})
    return rows


def _row(batch: Batch, number: int, state: bool, unit_code: str, serial: int) -> dict:
    submitted = _submitted_on(batch, number, state)
    decided = batch.status == DossierStatus.AWARDED
    decision_date = (_state_decision(submitted) if state else _provincial_decision(batch, number, submitted)
                     ) if decided else None
    return {
        "code": f"{YEAR}-{serial:04d}", "year": YEAR, "recipient_kind": batch.kind,
        "recipient_name": _recipient(batch, number, unit_code),
        "is_leader": None if batch.group is None else batch.group != G.DIRECT_WORKER,
        "leader_group": batch.group, "achievement_type": batch.achievement, "group_rank": batch.rank,
        "posthumous": number < batch.posthumous, "submitted_on": submitted, "status": batch.status,
        "decision_ref": _decision_ref(batch.form, decision_date, state) if decided else None,
        "decision_date": decision_date, "version": 1,
    }


def _submitted_on(batch: Batch, number: int, state: bool) -> date:
    if batch.annual:
        return YEAR_END_ROUND + timedelta(days=number % 28)
    span = 230 if state else 296  # state dossiers go up by late August, to be decided within the period
    return THROUGH_THE_YEAR + timedelta(days=(number * 97 + len(batch.form) * 13) % span)


def _provincial_decision(batch: Batch, number: int, submitted: date) -> date:
    if batch.annual:
        return date(2017, 11, 17) if number % 2 == 0 else date(2017, 11, 24)
    waited = (submitted + timedelta(days=7) - FIRST_COUNCIL_DAY).days
    return FIRST_COUNCIL_DAY + timedelta(days=-(-waited // COUNCIL_DAYS) * COUNCIL_DAYS)


def _state_decision(submitted: date) -> date:
    """The 10th of the second month after submission."""
    month = submitted.month + 2
    return date(submitted.year + (month - 1) // 12, (month - 1) % 12 + 1, 10)


FORM_OFFSETS = {"BKUBT": 0, "CSTDT_OLD": 1, "CTDUBT": 2, "TTLDXS": 3, "BKTTG": 0, "CTDCP": 1}
_refs: dict[str, object] = {}


def _decision_ref(form: str, day: date, state: bool):
    """Numbers grow through the year as a register's do; one decision per form and day."""
    day_of_year = day.timetuple().tm_yday
    if not state:
        text = f"{day_of_year * 8 + FORM_OFFSETS[form]}/QĐ-UBND"
    elif form in ("BKTTG", "CTDCP"):
        text = f"{day_of_year * 5 + FORM_OFFSETS[form]}/QĐ-TTg"
    else:
        text = f"{day_of_year * 6 + len(form) % 5}/QĐ-CTN"
    return _refs.get(text) or _refs.setdefault(text, parse_ref(text))


# --- recipients' names: invented, plausible, deterministic ---------------------------------------------------

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Trương", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
          "Dương", "Lâm", "Danh", "Thạch", "Lý", "Châu", "Mai"]
MIDDLE = ["Văn", "Thị", "Minh", "Hoàng", "Thanh", "Ngọc", "Quốc", "Hữu", "Kim", "Thị Kim", "Công", "Thị Thu"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hạnh", "Hiếu", "Hòa", "Hùng", "Lan", "Linh", "Long", "Mai", "Nam",
         "Nga", "Phúc", "Phương", "Quang", "Sơn", "Tâm", "Thảo", "Thành", "Trang", "Tuấn", "Vân", "Yến", "Khánh",
         "Lộc", "Nhân", "Sang", "Tài", "Út"]
POSTS = {
    G.PROVINCE_LEADER: ["Phó Chủ tịch UBND tỉnh Kiên Giang", "Ủy viên UBND tỉnh Kiên Giang"],
    G.ENTREPRENEUR: ["Giám đốc Công ty TNHH Thủy sản Biển Tây", "Giám đốc Công ty Cổ phần Xây dựng Rạch Giá",
                     "Chủ doanh nghiệp tư nhân Hải Âu", "Giám đốc Công ty TNHH Du lịch Đảo Ngọc",
                     "Giám đốc Hợp tác xã Nông nghiệp Tân Hiệp"],
    G.OTHER_LEADER: ["Trưởng phòng Tổ chức cán bộ", "Phó Trưởng phòng Kế hoạch – Tài chính", "Chánh Thanh tra",
                     "Hiệu trưởng Trường Tiểu học", "Trưởng Trạm Y tế", "Trưởng ấp", "Chánh Văn phòng"],
    G.DIRECT_WORKER: ["Giáo viên", "Bác sĩ", "Điều dưỡng", "Chuyên viên", "Công nhân", "Nông dân", "Ngư dân",
                      "Chiến sĩ", "Nhân viên", "Kỹ thuật viên"],
}
HEADS = {"KG-CT": "Phó Cục trưởng", "KG-TD": "Phó Bí thư", "KG-VPUB": "Phó Chánh Văn phòng"}
COLLECTIVES = ["Văn phòng", "Phòng Tổ chức cán bộ", "Phòng Kế hoạch – Tài chính", "Thanh tra", "Tổ Công tác số {n}",
               "Trường Tiểu học số {n}", "Trường THCS số {n}", "Trạm Y tế số {n}", "Ấp {n}", "Đội Công tác số {n}"]
FOREIGN = ["Ông Sok Chea – Phó Tỉnh trưởng tỉnh Kampốt, Vương quốc Campuchia",
           "Ông Chan Dara – Giám đốc Sở Nông nghiệp tỉnh Kampốt, Vương quốc Campuchia",
           "Bà Keo Sophea – Phó Giám đốc Sở Y tế tỉnh Takeo, Vương quốc Campuchia"]


def _person(number: int, salt: int, mother: bool = False) -> str:
    middle = "Thị" if mother else MIDDLE[(number * 5 + salt) % len(MIDDLE)]
    return f"{FAMILY[(number * 7 + salt) % len(FAMILY)]} {middle} {GIVEN[(number * 11 + salt * 3) % len(GIVEN)]}"


def _recipient(batch: Batch, number: int, unit_code: str) -> str:
    unit_name, salt = UNIT_NAMES.get(unit_code, ""), len(batch.form) + batch.count
    if batch.achievement == A.FOREIGN:
        return FOREIGN[number % len(FOREIGN)] if batch.kind == K.INDIVIDUAL else \
            "Sở Công chính và Vận tải tỉnh Kampốt, Vương quốc Campuchia"
    if batch.kind == K.COLLECTIVE:
        return COLLECTIVES[number % len(COLLECTIVES)].format(n=number // len(COLLECTIVES) + 1) + ", " + unit_name
    if batch.form == "BMVNAH":
        return f"Bà mẹ {_person(number, salt, mother=True)}, {unit_name.removeprefix('UBND ')}"
    return f"{_person(number, salt)} – {_post(batch.group, number, unit_code, unit_name)}"


def _post(group: LeaderGroup | None, number: int, unit_code: str, unit_name: str) -> str:
    if group == G.DEPARTMENT_LEADER:
        elected = unit_name.startswith(("UBND", "Hội", "Ủy ban", "Liên đoàn"))
        head = "Phó Chủ tịch" if elected else "Phó Giám đốc"
        return f"{HEADS.get(unit_code, head)} {unit_name}"
    posts = POSTS[group or G.DIRECT_WORKER]
    post = posts[number % len(posts)]
    return post if group in (G.PROVINCE_LEADER, G.ENTREPRENEUR) else f"{post}, {unit_name}"


def _store_reported_figures() -> None:
    from inspection.nominations.reconcile import save_reported_figures

    report = db.session.scalar(select(SelfReport).where(SelfReport.ref == parse_ref("280/BC-UBND")))
    if report is not None:
        save_reported_figures(SYSTEM, report, REPORTED_280, version=report.version)
