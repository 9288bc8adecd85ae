"""The lines of the award statistics report (báo cáo thống kê khen thưởng) and how they relate.

Each line is ONE number, defined by the DossierFilter arguments that select its dossiers (`criteria`) and
by a measure (which statuses count). The report computes every line in SQL from exactly those arguments
(filters.apply builds the condition; report.py sums it per status with GROUP BY), and links the number to
the registry with the same arguments: the link and the number cannot disagree.

Measures, in terms of DossierStatus:
- "đã trình" (submitted): every dossier that left the unit, i.e. any status but Nháp;
- "đã có quyết định khen thưởng" (decided): Đã khen thưởng, and Đã thu hồi (an award decision was made and
  later revoked: it was decided in its period). Không khen thưởng is a decision NOT to award: not counted.

The lines follow the Kiên Giang self-report 280/BC-UBND (state level; provincial level; Bằng khen of the
provincial chairman by achievement with the cluster/block rank-2 and rank-3 awards on their own line) and
Biểu 0603.N/BNV-TĐKT (provincial awards by recipient and by method). The keys are those of ReportedFigure.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from inspection.nominations.filters import DossierFilter, apply
from inspection.nominations.models import AchievementType, Dossier, DossierStatus, LeaderGroup

SUBMITTED = "submitted"
DECIDED = "decided"
MEASURE_STATUSES = {
    SUBMITTED: tuple(status for status in DossierStatus if status != DossierStatus.DRAFT),
    DECIDED: (DossierStatus.AWARDED, DossierStatus.REVOKED),
}
#: the scope of a report: the only DossierFilter fields the report takes from the query string
SCOPE_FIELDS = ("unit", "subtree", "predecessors", "year_from", "year_to", "submitted_from", "submitted_to")

# Catalogue codes (inspection/nominations/catalogue.py)
HEROIC_MOTHER, GOVERNMENT_FLAG, PM_CERTIFICATE, NATIONAL_SOLDIER = "BMVNAH", "CTDCP", "BKTTG", "CSTDTQ"
CHAIRMAN_CERTIFICATE, PROVINCIAL_FLAG, EXCELLENT_COLLECTIVE = "BKUBT", "CTDUBT", "TTLDXS"
PROVINCIAL_SOLDIER = ("CSTDT_OLD", "CSTDT")  # "Chiến sĩ thi đua cấp tỉnh" (to 2023), "… bộ, ban, ngành, tỉnh"
# The provincial figures count what the province's own authorities decided (Chủ tịch UBND tỉnh), not every
# award of the law's level "Bộ, ban, ngành, tỉnh": a ministry's Bằng khen is on its own line (section VII).
STATE, PROVINCIAL = {"level": "state"}, {"authority": "province"}
CENTRAL, GRASSROOTS = {"authority": "central"}, {"authority": "grassroots"}
BK = {"form": [CHAIRMAN_CERTIFICATE]}
NO_RANK = "0"  # DossierFilter.rank: no cluster/block ranking
MISSING_GROUP = "b0603.no_group"  # individuals whose Biểu 0603 group is not recorded (not in SECTIONS)


@dataclass(frozen=True)
class Line:
    key: str
    label: str
    criteria: dict = field(default_factory=dict)
    measure: str = DECIDED
    indent: int = 0
    #: finding category when a reported figure of this line is wrong (DOMAIN.md 2.4)
    category: str = "award_compliance"
    #: what an indented label belongs to ("Tập thể" of which total)
    context: str = ""

    def filter(self) -> DossierFilter:
        return DossierFilter(**self.criteria)

    def condition(self, as_of=None):
        """The SQL condition over Dossier for this line (without its measure's statuses); `as_of`: the day of
        the report's period, whose kinds of units count."""
        return apply(select(Dossier.id), self.filter(), as_of=as_of).whereclause

    @property
    def full_label(self) -> str:
        """The label with what it belongs to, for messages ("Bằng khen của Chủ tịch UBND tỉnh – Tập thể")."""
        return f"{self.context} – {self.label}" if self.context else str(self.label)


@dataclass(frozen=True)
class Share:
    """A percentage of two lines, printed as the unit printed it ("57.86%")."""

    key: str
    label: str
    numerator: str
    denominator: str
    indent: int = 0
    category: str = "award_targeting"

    @property
    def full_label(self) -> str:
        return str(self.label)


@dataclass(frozen=True)
class Relation:
    """total = sum(parts) ("equal") or total >= the only part ("at_least"). Optional parts count as 0
    when the unit did not report them; a relation is checked only when its total and other parts were."""

    key: str
    total: str
    parts: tuple[str, ...]
    kind: str = "equal"
    optional: tuple[str, ...] = ()


TARGETING = "award_targeting"


def _state_lines() -> list[Line]:
    return [
        Line("state.submitted", _l("Tổng số hồ sơ đã trình Thủ tướng Chính phủ"), STATE, SUBMITTED),
        Line("state.decided", _l("Tổng số hồ sơ đã có quyết định khen thưởng"), STATE),
        Line("state.orders", _l("Huân chương các loại"), STATE | {"group": "order"}, indent=1),
        Line("state.heroic_mothers", _l("Danh hiệu vinh dự Nhà nước “Bà mẹ Việt Nam anh hùng”"),
             {"form": [HEROIC_MOTHER]}, indent=1),
        Line("state.heroic_mothers_posthumous", _l("trong đó truy tặng"),
             {"form": [HEROIC_MOTHER], "posthumous": "yes"}, indent=2, context=_l("Bà mẹ Việt Nam anh hùng")),
        Line("state.government_flag", _l("Cờ thi đua của Chính phủ"), {"form": [GOVERNMENT_FLAG]}, indent=1),
        Line("state.pm_certificate", _l("Bằng khen của Thủ tướng Chính phủ"), {"form": [PM_CERTIFICATE]},
             indent=1),
        Line("state.national_soldier", _l("Chiến sĩ thi đua toàn quốc"), {"form": [NATIONAL_SOLDIER]}, indent=1),
    ]


def _provincial_lines() -> list[Line]:
    individual, context = PROVINCIAL | {"recipient": "individual"}, _l("Khen thưởng cấp tỉnh")
    return [
        Line("provincial.total", _l("Tổng số khen thưởng cấp tỉnh"), PROVINCIAL),
        Line("provincial.collectives", _l("Tập thể"), PROVINCIAL | {"recipient": "collective"}, indent=1,
             context=context),
        Line("provincial.individuals", _l("Cá nhân"), individual, indent=1, category=TARGETING, context=context),
        Line("provincial.non_leaders", _l("Cá nhân không là lãnh đạo, quản lý"), individual | {"leader": "no"},
             indent=2, category=TARGETING, context=context),
        Line("provincial.households", _l("Hộ gia đình"), PROVINCIAL | {"recipient": "household"}, indent=1,
             context=context),
    ]


def _certificate_lines() -> list[Line]:
    unranked, bk = BK | {"rank": NO_RANK}, {"indent": 1, "context": _l("Bằng khen của Chủ tịch UBND tỉnh")}
    return [
        Line("bk.total", _l("Bằng khen của Chủ tịch UBND tỉnh"), BK),
        Line("bk.collectives", _l("Tập thể"), BK | {"recipient": "collective"}, **bk),
        Line("bk.individuals", _l("Cá nhân"), BK | {"recipient": "individual"}, **bk),
        Line("bk.households", _l("Hộ gia đình"), BK | {"recipient": "household"}, **bk),
        Line("bk.ranked", _l("Tập thể hạng Nhì, hạng Ba Cụm, Khối thi đua thuộc tỉnh"), BK | {"rank": "2,3"}, **bk),
        Line("bk.regular", _l("Thành tích thực hiện nhiệm vụ được giao"), unranked | {"achievement": "regular"},
             **bk),
        Line("bk.thematic_extraordinary", _l("Thành tích chuyên đề, đột xuất"),
             unranked | {"achievement": "thematic,extraordinary"}, **bk),
        Line("bk.thematic", _l("Chuyên đề"), unranked | {"achievement": "thematic"}, **(bk | {"indent": 2})),
        Line("bk.extraordinary", _l("Đột xuất"), unranked | {"achievement": "extraordinary"},
             **(bk | {"indent": 2})),
        Line("bk.foreign", _l("Thành tích đối ngoại"), unranked | {"achievement": "foreign"}, **bk),
    ]


def _title_lines() -> list[Line]:
    return [
        Line("provincial.soldiers", _l("Chiến sĩ thi đua cấp tỉnh (nay: Chiến sĩ thi đua bộ, ban, ngành, tỉnh)"),
             {"form": list(PROVINCIAL_SOLDIER)}),
        Line("provincial.flags", _l("Cờ thi đua của UBND tỉnh"), {"form": [PROVINCIAL_FLAG]}),
        Line("provincial.flags_leading", _l("trong đó tập thể dẫn đầu Cụm, Khối thi đua thuộc tỉnh"),
             {"form": [PROVINCIAL_FLAG], "rank": "1"}, indent=1, context=_l("Cờ thi đua của UBND tỉnh")),
        Line("provincial.excellent_collectives", _l("Danh hiệu “Tập thể lao động xuất sắc”"),
             {"form": [EXCELLENT_COLLECTIVE]}),
    ]


def _form_0603_lines() -> list[Line]:
    individual = PROVINCIAL | {"recipient": "individual"}
    recipients = [Line("b0603.enterprises", _l("trong đó doanh nghiệp"),
                       PROVINCIAL | {"recipient": "collective", "unit_kind": "enterprise"}, indent=2,
                       context=_l("Biểu 0603, tập thể"))]
    recipients += [Line(f"b0603.{group.value}", group.label, individual | {"leader_group": group.value}, indent=2,
                        category=TARGETING, context=_l("Biểu 0603, cá nhân")) for group in LeaderGroup]
    # not a line of the printed form: how many of the individuals above have no group, said beside the groups
    recipients.append(Line(MISSING_GROUP, _l("Cá nhân chưa ghi nhóm đối tượng"),
                           individual | {"leader_group": "none"}, indent=2, context=_l("Biểu 0603, cá nhân")))
    methods = [Line(f"b0603.{kind.value}", kind.label, PROVINCIAL | {"achievement": kind.value}, indent=1,
                    context=_l("Biểu 0603, loại hình")) for kind in AchievementType]
    return recipients + methods


def _other_authority_lines() -> list[Line]:
    return [
        Line("central.decided", _l("Khen thưởng của bộ, ban, ngành, đoàn thể trung ương"), CENTRAL),
        Line("grassroots.decided", _l("Khen thưởng cấp huyện, xã, cơ sở"), GRASSROOTS),
    ]


LINES: dict[str, Line] = {line.key: line for line in (
    _state_lines() + _provincial_lines() + _certificate_lines() + _title_lines() + _form_0603_lines()
    + _other_authority_lines())}

SHARES: dict[str, Share] = {share.key: share for share in (
    Share("provincial.non_leader_share", _l("Tỷ lệ cá nhân không là lãnh đạo, quản lý"),
          "provincial.non_leaders", "provincial.individuals", indent=2),
)}

#: (title, keys of lines and shares), in the order of the report and of the figures form
SECTIONS = [
    (_l("I. Khen thưởng cấp Nhà nước"),
     ["state.submitted", "state.decided", "state.orders", "state.heroic_mothers", "state.heroic_mothers_posthumous",
      "state.government_flag", "state.pm_certificate", "state.national_soldier"]),
    (_l("II. Khen thưởng cấp tỉnh"),
     ["provincial.total", "provincial.collectives", "provincial.individuals", "provincial.non_leaders",
      "provincial.non_leader_share", "provincial.households"]),
    (_l("III. Bằng khen của Chủ tịch UBND tỉnh"),
     ["bk.total", "bk.collectives", "bk.individuals", "bk.households", "bk.ranked", "bk.regular",
      "bk.thematic_extraordinary", "bk.thematic", "bk.extraordinary", "bk.foreign"]),
    (_l("IV. Danh hiệu thi đua cấp tỉnh"),
     ["provincial.soldiers", "provincial.flags", "provincial.flags_leading", "provincial.excellent_collectives"]),
    (_l("V. Biểu 0603: khen thưởng cấp tỉnh theo đối tượng"),
     ["provincial.collectives", "b0603.enterprises", "provincial.households", "provincial.individuals"]
     + [f"b0603.{group.value}" for group in LeaderGroup]),
    (_l("VI. Biểu 0603: khen thưởng cấp tỉnh theo loại hình"),
     ["provincial.total"] + [f"b0603.{kind.value}" for kind in AchievementType]),
    (_l("VII. Khen thưởng do cấp khác quyết định (không tính vào khen thưởng cấp tỉnh)"),
     ["central.decided", "grassroots.decided"]),
]

RELATIONS: list[Relation] = [
    Relation("state.decided_within_submitted", "state.submitted", ("state.decided",), "at_least"),
    Relation("state.by_form", "state.decided",
             ("state.orders", "state.heroic_mothers", "state.government_flag", "state.pm_certificate",
              "state.national_soldier"), optional=("state.national_soldier",)),
    Relation("state.posthumous_within_mothers", "state.heroic_mothers", ("state.heroic_mothers_posthumous",),
             "at_least"),
    Relation("provincial.by_recipient", "provincial.total",
             ("provincial.collectives", "provincial.individuals", "provincial.households"),
             optional=("provincial.households",)),
    Relation("provincial.non_leaders_within", "provincial.individuals", ("provincial.non_leaders",), "at_least"),
    Relation("provincial.by_form", "provincial.total",
             ("bk.total", "provincial.excellent_collectives", "provincial.flags", "provincial.soldiers")),
    Relation("bk.by_recipient", "bk.total", ("bk.collectives", "bk.individuals", "bk.households"),
             optional=("bk.households",)),
    Relation("bk.by_achievement", "bk.total",
             ("bk.regular", "bk.thematic_extraordinary", "bk.foreign", "bk.ranked")),
    Relation("bk.thematic_split", "bk.thematic_extraordinary", ("bk.thematic", "bk.extraordinary")),
    Relation("bk.ranked_within_collectives", "bk.collectives", ("bk.ranked",), "at_least"),
    Relation("provincial.leading_within_flags", "provincial.flags", ("provincial.flags_leading",), "at_least"),
    Relation("b0603.enterprises_within", "provincial.collectives", ("b0603.enterprises",), "at_least"),
    Relation("b0603.by_group", "provincial.individuals", tuple(f"b0603.{group.value}" for group in LeaderGroup)),
    Relation("b0603.by_method", "provincial.total", tuple(f"b0603.{kind.value}" for kind in AchievementType)),
]


def label_of(key: str, full: bool = True) -> str:
    """A line's label; `full` adds what it belongs to ("Bằng khen của Chủ tịch UBND tỉnh – Tập thể")."""
    item = LINES.get(key) or SHARES.get(key)
    if item is None:
        return key
    return item.full_label if full else str(item.label)


def form_keys() -> list[str]:
    """Every line and share once, in report order: the inputs of the reported-figures form."""
    seen: list[str] = []
    for _title, keys in SECTIONS:
        seen += [key for key in keys if key not in seen]
    return seen


# --- figures as a unit printed them -----------------------------------------------------------------------

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_COUNT = re.compile(r"\d+|\d{1,3}(?:(?P<sep>[.,\s])\d{3})(?:(?P=sep)\d{3})*")
_PERCENT = re.compile(r"(?P<whole>\d{1,3})(?:[.,](?P<decimals>\d{1,4}))?%")


@dataclass(frozen=True)
class Printed:
    value: Decimal  # a count, or a percentage in points (57.86)
    text: str  # as printed
    places: int | None = None  # a percentage's printed decimals


def parse_printed(key: str, text: str) -> Printed | None:
    """A figure as printed ("5.549", "333", "04", "57.86%", "57,86%"); None when blank; ValueError with a
    Vietnamese message when it cannot be read."""
    text = (text or "").strip()
    if not text:
        return None
    compact = _SPACES.sub(" ", text).replace(" %", "%")
    if key in SHARES:
        return _share(compact, text)
    if not _COUNT.fullmatch(compact):
        raise ValueError(_("“%(text)s” không phải một số đếm; nhập như in trên báo cáo, ví dụ 5.549 hoặc 333.",
                           text=text))
    return Printed(Decimal(re.sub(r"\D", "", compact)), text)


def _share(compact: str, text: str) -> Printed:
    match = _PERCENT.fullmatch(compact)
    if not match:
        raise ValueError(_("“%(text)s” không phải một tỷ lệ phần trăm; nhập như in trên báo cáo, ví dụ 57,86%% "
                           "hoặc 57.86%%.", text=text))
    decimals = match["decimals"] or ""
    value = Decimal(f"{match['whole']}.{decimals or 0}")
    if value > 100:
        raise ValueError(_("Tỷ lệ “%(text)s” lớn hơn 100%%.", text=text))
    return Printed(value, text, len(decimals))
