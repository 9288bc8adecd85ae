"""The dossier file format shared by the template, the import and the export: its columns in order and the
closed vocabularies, always in Vietnamese (a file is a document, whatever the reader's language)."""

from flask_babel import force_locale

from inspection.imports.reader import normalise_key
from inspection.nominations.models import AchievementType, DossierStatus, LeaderGroup, RecipientKind

KIND = "dossiers"
CODE, UNIT, YEAR, FORM = "Mã hồ sơ", "Mã đơn vị", "Năm", "Hình thức khen thưởng"
RECIPIENT_KIND, RECIPIENT_NAME, LEADER = "Đối tượng", "Tên đối tượng", "Lãnh đạo, quản lý"
GROUP = "Nhóm cá nhân (Biểu 0603)"
ACHIEVEMENT, RANK, POSTHUMOUS = "Loại thành tích", "Xếp hạng cụm, khối", "Truy tặng"
SUBMITTED, DECISION_REF, DECISION_DATE = "Ngày trình", "Số quyết định", "Ngày quyết định"
STATUS, NOTE = "Trạng thái", "Ghi chú"
COLUMNS = (CODE, UNIT, YEAR, FORM, RECIPIENT_KIND, RECIPIENT_NAME, LEADER, GROUP, ACHIEVEMENT, RANK, POSTHUMOUS,
           SUBMITTED, DECISION_REF, DECISION_DATE, STATUS, NOTE)
REQUIRED = (CODE, UNIT, YEAR, FORM, RECIPIENT_KIND, RECIPIENT_NAME)
#: RuleViolation.field of the dossier rules (nominations.dossier_rules / services) → column header
FIELD_COLUMNS = {
    "code": CODE, "unit": UNIT, "year": YEAR, "award_form": FORM, "recipient_kind": RECIPIENT_KIND,
    "recipient_name": RECIPIENT_NAME, "is_leader": LEADER, "leader_group": GROUP, "achievement_type": ACHIEVEMENT,
    "group_rank": RANK, "posthumous": POSTHUMOUS, "submitted_on": SUBMITTED, "decision_ref": DECISION_REF,
    "decision_date": DECISION_DATE, "status": STATUS, "note": NOTE,
}
YES, NO = "Có", "Không"
RANKS = ("1", "2", "3")
#: the achievement type's other names in practice (Law 2022 Art. 8 and Biểu 0603 word them differently)
ACHIEVEMENT_ALIASES = {"Thường xuyên": AchievementType.REGULAR, "Công trạng": AchievementType.REGULAR,
                       "Thực hiện nhiệm vụ được giao": AchievementType.REGULAR,
                       "Theo đợt": AchievementType.THEMATIC, "Phong trào thi đua": AchievementType.THEMATIC,
                       "Quá trình cống hiến": AchievementType.CONTRIBUTION}
#: Biểu 0603's groups as units write them
GROUP_ALIASES = {"Lãnh đạo tỉnh": LeaderGroup.PROVINCE_LEADER, "Lãnh đạo sở, ngành": LeaderGroup.DEPARTMENT_LEADER,
                 "Lãnh đạo cấp sở": LeaderGroup.DEPARTMENT_LEADER, "Lãnh đạo khác": LeaderGroup.OTHER_LEADER,
                 "Người trực tiếp lao động": LeaderGroup.DIRECT_WORKER,
                 "Người lao động trực tiếp": LeaderGroup.DIRECT_WORKER,
                 "Công nhân, nông dân, người lao động": LeaderGroup.DIRECT_WORKER}


def labels(enum_cls) -> list[str]:
    """The Vietnamese labels of an enum's members, in order, whatever the reader's language."""
    with force_locale("vi"):
        return [member.label for member in enum_cls]


def vocabulary(enum_cls, aliases: dict | None = None) -> dict:
    """normalise_key(label or value) → member."""
    found = {normalise_key(member.value): member for member in enum_cls}
    found.update(zip(map(normalise_key, labels(enum_cls)), enum_cls, strict=True))
    found.update({normalise_key(alias): member for alias, member in (aliases or {}).items()})
    return found


class Vocabularies:
    """The closed vocabularies of a file, built once per import (labels are translated strings)."""

    def __init__(self):
        self.recipient_kinds = vocabulary(RecipientKind)
        self.achievements = vocabulary(AchievementType, ACHIEVEMENT_ALIASES)
        self.groups = vocabulary(LeaderGroup, GROUP_ALIASES)
        self.statuses = vocabulary(DossierStatus)
        self.yes_no = {normalise_key(YES): True, normalise_key(NO): False}
        self.ranks = {normalise_key(rank): int(rank) for rank in RANKS} | {normalise_key("Dẫn đầu"): 1}
        self.allowed = {
            RECIPIENT_KIND: "; ".join(labels(RecipientKind)), ACHIEVEMENT: "; ".join(labels(AchievementType)),
            STATUS: "; ".join(labels(DossierStatus)), LEADER: f"{YES}; {NO}",
            GROUP: "; ".join(labels(LeaderGroup)), POSTHUMOUS: f"{YES}; {NO}",
            RANK: "1 (dẫn đầu); 2; 3",
        }


def yes_no(value: bool | None) -> str | None:
    if value is None:
        return None
    return YES if value else NO
