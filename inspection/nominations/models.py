"""Nomination data: the award catalogue, nomination dossiers (hồ sơ đề nghị khen thưởng), the figures a unit
reported in its self-report, and the links between findings and dossiers."""

from datetime import date, datetime
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import Column, ForeignKey, Index, Numeric, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from inspection.documents import purposes
from inspection.documents.columns import DocRefType
from inspection.documents.refs import DocRef
from inspection.enums import LabelledEnum, enum_column, register_labels
from inspection.extensions import db
from inspection.files.models import StoredFile
from inspection.textsearch import search_column, searchable
from inspection.timeutil import utcnow
from inspection.units.models import Unit
from inspection.workflow import Transitions


class AwardGroup(LabelledEnum):
    ORDER = "order"
    MEDAL = "medal"
    STATE_HONOUR = "state_honour"
    PRIZE = "prize"
    COMMEMORATIVE = "commemorative"
    MERIT_CERTIFICATE = "merit_certificate"
    COMMENDATION_CERTIFICATE = "commendation_certificate"
    EMULATION_TITLE = "emulation_title"
    EMULATION_FLAG = "emulation_flag"


class AwardLevel(LabelledEnum):
    STATE = "state"
    PROVINCIAL = "provincial"
    GRASSROOTS = "grassroots"


class AwardAuthority(LabelledEnum):
    """Who decides the award. The law puts ministries and provinces at one level ("Bộ, ban, ngành, tỉnh"); a
    province's statistics count only what its own authorities decided (Chủ tịch UBND tỉnh)."""

    STATE = "state"
    CENTRAL = "central"
    PROVINCE = "province"
    GRASSROOTS = "grassroots"


class RecipientKind(LabelledEnum):
    COLLECTIVE = "collective"
    INDIVIDUAL = "individual"
    HOUSEHOLD = "household"


class AchievementType(LabelledEnum):
    """Loại hình khen thưởng as Biểu 0603 counts them."""

    REGULAR = "regular"
    THEMATIC = "thematic"
    EXTRAORDINARY = "extraordinary"
    FOREIGN = "foreign"
    CONTRIBUTION = "contribution"
    SENIORITY = "seniority"
    RESISTANCE = "resistance"


class LeaderGroup(LabelledEnum):
    """Biểu 0603's groups of individuals."""

    PROVINCE_LEADER = "province_leader"
    DEPARTMENT_LEADER = "department_leader"
    ENTREPRENEUR = "entrepreneur"
    OTHER_LEADER = "other_leader"
    DIRECT_WORKER = "direct_worker"


class DossierStatus(LabelledEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    PENDING_DECISION = "pending_decision"
    AWARDED = "awarded"
    NOT_AWARDED = "not_awarded"
    REVOKED = "revoked"


register_labels({
    AwardGroup.ORDER: _l("Huân chương"), AwardGroup.MEDAL: _l("Huy chương"),
    AwardGroup.STATE_HONOUR: _l("Danh hiệu vinh dự nhà nước"), AwardGroup.PRIZE: _l("Giải thưởng"),
    AwardGroup.COMMEMORATIVE: _l("Kỷ niệm chương"), AwardGroup.MERIT_CERTIFICATE: _l("Bằng khen"),
    AwardGroup.COMMENDATION_CERTIFICATE: _l("Giấy khen"), AwardGroup.EMULATION_TITLE: _l("Danh hiệu thi đua"),
    AwardGroup.EMULATION_FLAG: _l("Cờ thi đua"),
    AwardLevel.STATE: _l("Nhà nước"), AwardLevel.PROVINCIAL: _l("Bộ, ban, ngành, tỉnh"),
    AwardLevel.GRASSROOTS: _l("Cơ sở"),
    RecipientKind.COLLECTIVE: _l("Tập thể"), RecipientKind.INDIVIDUAL: _l("Cá nhân"),
    RecipientKind.HOUSEHOLD: _l("Hộ gia đình"),
    AchievementType.REGULAR: _l("Thường xuyên (thực hiện nhiệm vụ được giao)"),
    AchievementType.THEMATIC: _l("Chuyên đề"), AchievementType.EXTRAORDINARY: _l("Đột xuất"),
    AchievementType.FOREIGN: _l("Đối ngoại"), AchievementType.CONTRIBUTION: _l("Cống hiến"),
    AchievementType.SENIORITY: _l("Niên hạn"), AchievementType.RESISTANCE: _l("Kháng chiến"),
    LeaderGroup.PROVINCE_LEADER: _l("Lãnh đạo cấp tỉnh"), LeaderGroup.DEPARTMENT_LEADER: _l("Lãnh đạo cấp sở, ngành"),
    LeaderGroup.ENTREPRENEUR: _l("Doanh nhân"), LeaderGroup.OTHER_LEADER: _l("Lãnh đạo, quản lý khác"),
    LeaderGroup.DIRECT_WORKER: _l("Người trực tiếp lao động, công tác"),
    DossierStatus.DRAFT: _l("Nháp"), DossierStatus.SUBMITTED: _l("Đã trình"),
    DossierStatus.RETURNED: _l("Bị trả lại"), DossierStatus.PENDING_DECISION: _l("Chờ quyết định"),
    DossierStatus.AWARDED: _l("Đã khen thưởng"), DossierStatus.NOT_AWARDED: _l("Không khen thưởng"),
    DossierStatus.REVOKED: _l("Đã thu hồi"),
})

# apart: its members equal AwardLevel's ("state" == "state"), so one dict literal would merge them
register_labels({
    AwardAuthority.STATE: _l("Chủ tịch nước, Thủ tướng Chính phủ"),
    AwardAuthority.CENTRAL: _l("Bộ, ban, ngành, đoàn thể trung ương"),
    AwardAuthority.PROVINCE: _l("Chủ tịch UBND tỉnh"), AwardAuthority.GRASSROOTS: _l("Cấp huyện, xã, cơ sở"),
})

DOSSIER_TRANSITIONS = Transitions({
    DossierStatus.DRAFT: {DossierStatus.SUBMITTED},
    DossierStatus.SUBMITTED: {DossierStatus.RETURNED, DossierStatus.PENDING_DECISION},
    DossierStatus.RETURNED: {DossierStatus.SUBMITTED, DossierStatus.DRAFT},
    DossierStatus.PENDING_DECISION: {DossierStatus.AWARDED, DossierStatus.NOT_AWARDED, DossierStatus.RETURNED},
    DossierStatus.AWARDED: {DossierStatus.REVOKED},
    DossierStatus.NOT_AWARDED: set(),
    DossierStatus.REVOKED: set(),
})


class AwardForm(db.Model):
    """One emulation title or award form, valid for a period under a legal basis. Old names stay for
    old records ("Chiến sĩ thi đua cấp tỉnh" until 2023, "… bộ, ban, ngành, tỉnh" after)."""

    __tablename__ = "award_form"
    #: the audit log's words for the actions recorded with these keys (inspection/labels.py)
    __audit_action_labels__ = {
        "award_form.create": _l("Thêm hình thức khen thưởng"),
        "award_form.update": _l("Sửa hình thức khen thưởng"),
    }
    #: what the audit log calls a record of this table
    __audit_name__ = _l("Hình thức khen thưởng")

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True, info={"label": _l("Mã")})
    name_vi: Mapped[str] = mapped_column(String(255), index=True, info={"label": _l("Tên tiếng Việt")})
    name_en: Mapped[str | None] = mapped_column(String(255), info={"label": _l("Tên tiếng Anh")})
    group: Mapped[AwardGroup] = enum_column(AwardGroup, info={"label": _l("Nhóm hình thức")})
    level: Mapped[AwardLevel] = enum_column(AwardLevel, index=True, info={"label": _l("Cấp khen thưởng")})
    authority: Mapped[AwardAuthority] = enum_column(AwardAuthority, default=AwardAuthority.PROVINCE,
                                                    server_default=AwardAuthority.PROVINCE.value,
                                                    info={"label": _l("Thẩm quyền quyết định")})
    for_collective: Mapped[bool] = mapped_column(default=False, info={"label": _l("Tặng tập thể")})
    for_individual: Mapped[bool] = mapped_column(default=False, info={"label": _l("Tặng cá nhân")})
    for_household: Mapped[bool] = mapped_column(default=False, info={"label": _l("Tặng hộ gia đình")})
    #: as cited: "Luật Thi đua, khen thưởng 06/2022/QH15, Điều 9"
    legal_basis: Mapped[str | None] = mapped_column(String(500), info={"label": _l("Căn cứ")})
    valid_from: Mapped[date | None] = mapped_column(info={"label": _l("Từ ngày")})
    valid_to: Mapped[date | None] = mapped_column(info={"label": _l("Đến ngày")})
    #: the form that replaced this one under a later law (for reports across regimes)
    successor_id: Mapped[int | None] = mapped_column(ForeignKey("award_form.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    successor: Mapped["AwardForm | None"] = relationship(remote_side=[id], info={"label": _l("Hình thức thay thế")})

    __mapper_args__ = {"version_id_col": version}


finding_dossiers = Table(
    "finding_dossier", db.Model.metadata,
    Column("finding_id", ForeignKey("finding.id", ondelete="CASCADE"), primary_key=True),
    Column("dossier_id", ForeignKey("dossier.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Dossier(db.Model):
    """Hồ sơ đề nghị khen thưởng: who the unit proposed for which award, for what, and what came of it."""

    __tablename__ = "dossier"
    #: the audit log's words for the actions recorded with these keys (inspection/labels.py)
    __audit_action_labels__ = {
        "dossier.create": _l("Tạo hồ sơ đề nghị khen thưởng"),
        "dossier.update": _l("Sửa hồ sơ đề nghị khen thưởng"),
        "dossier.status": _l("Đổi trạng thái hồ sơ"),
        "dossier.hold": _l("Tạm dừng xét khen thưởng"),
        "dossier.release": _l("Bỏ tạm dừng xét khen thưởng"),
        "dossier.import": _l("Nhập hồ sơ từ tệp Excel"),
        "dossier.link_finding": _l("Liên kết với tồn tại, hạn chế"),
        "dossier.unlink_finding": _l("Bỏ liên kết với tồn tại, hạn chế"),
        "finding.link_dossier": _l("Liên kết hồ sơ đề nghị khen thưởng"),
        "finding.unlink_dossier": _l("Bỏ liên kết hồ sơ đề nghị khen thưởng"),
    }
    #: what the audit log calls a record of this table
    __audit_name__ = _l("Hồ sơ đề nghị khen thưởng")
    #: actions recorded on another record that carry this model's fields (inspection/labels.py)
    __audit_actions__ = ("finding.link_dossier", "finding.unlink_dossier")
    #: audit keys that are not columns (inspection/labels.py)
    __audit_labels__ = {"dossiers": _l("Hồ sơ đề nghị khen thưởng"), "finding": _l("Tồn tại, hạn chế"),
                        "mission": _l("Đoàn"),
                        "reason": _l("Lý do"), "file": _l("Tệp"), "sha256": StoredFile.sha256, "new": _l("Mới"),
                        "updated": _l("Cập nhật"), "unchanged": _l("Không đổi"),
                        "revocation_ref": _l("Quyết định thu hồi"), "revocation_date": _l("Ngày quyết định thu hồi")}
    __table_args__ = (
        UniqueConstraint("unit_id", "code"),
        Index("ix_dossier_unit_year_form", "unit_id", "year", "award_form_id"),
        # the registry's order, id included: a page of a million dossiers is read off this index alone (on
        # PostgreSQL an index-only scan: a numbered page or a subtree's first page skips index entries, not rows)
        Index("ix_dossier_year_unit_code_id", "year", "unit_id", "code", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60), info={"label": _l("Mã")})
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    year: Mapped[int] = mapped_column(index=True, info={"label": _l("Năm")})
    award_form_id: Mapped[int] = mapped_column(ForeignKey("award_form.id"), index=True)
    recipient_kind: Mapped[RecipientKind] = enum_column(RecipientKind, info={"label": _l("Đối tượng")})
    recipient_name: Mapped[str] = mapped_column(String(500), info={"label": _l("Tên đối tượng")})
    #: individuals: holds a leadership or management post (None: not known / not an individual)
    is_leader: Mapped[bool | None] = mapped_column(info={"label": _l("Lãnh đạo, quản lý")})
    leader_group: Mapped[LeaderGroup | None] = enum_column(LeaderGroup, nullable=True,
                                                           info={"label": _l("Nhóm đối tượng (Biểu 0603)")})
    achievement_type: Mapped[AchievementType | None] = enum_column(AchievementType, nullable=True, index=True,
                                                                   info={"label": _l("Loại thành tích")})
    #: 1 = dẫn đầu, 2, 3: the cluster/block ranking the award is for
    group_rank: Mapped[int | None] = mapped_column(info={"label": _l("Xếp hạng cụm, khối")})
    posthumous: Mapped[bool] = mapped_column(default=False, info={"label": _l("Truy tặng")})
    submitted_on: Mapped[date | None] = mapped_column(info={"label": _l("Ngày trình")})
    status: Mapped[DossierStatus] = enum_column(DossierStatus, default=DossierStatus.DRAFT, index=True,
                                                info={"label": _l("Trạng thái")})
    decision_ref: Mapped[DocRef | None] = mapped_column(DocRefType(purposes.DECISION),
                                                        info={"label": _l("Số quyết định")})
    decision_date: Mapped[date | None] = mapped_column(info={"label": _l("Ngày quyết định")})
    #: set by hand (chưa xét khen thưởng: under discipline, investigation, complaint…)
    award_hold: Mapped[bool] = mapped_column(default=False, info={"label": _l("Tạm dừng xét khen thưởng")})
    note: Mapped[str | None] = mapped_column(Text, info={"label": _l("Ghi chú")})
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)
    search_text: Mapped[str] = search_column()  # normalised, for search (inspection/textsearch.py)

    unit: Mapped[Unit] = relationship(info={"label": _l("Đơn vị")})
    award_form: Mapped[AwardForm] = relationship(lazy="joined", info={"label": _l("Hình thức khen thưởng")})

    __mapper_args__ = {"version_id_col": version}


searchable(Dossier, "code", "recipient_name")


class ReportedFigure(db.Model):
    """One figure a unit printed in its self-report ("5.549 hồ sơ", "57.86%"), kept as printed and as a
    number, so that the portal can check it against its parts and against the registry."""

    __tablename__ = "reported_figure"
    __table_args__ = (UniqueConstraint("self_report_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    self_report_id: Mapped[int] = mapped_column(ForeignKey("self_report.id", ondelete="CASCADE"), index=True)
    #: which line of the report: "provincial.total", "provincial.non_leader_share", … (see nominations.figures)
    key: Mapped[str] = mapped_column(String(80))
    value: Mapped[Decimal] = mapped_column(Numeric(18, 4))
    as_printed: Mapped[str | None] = mapped_column(String(40))
