"""What an issuing unit prints on its documents (IssuerProfile): the heading (parent body, body), its symbol in
numbers, the place of the place–date line, the signing block, its usual recipients and archive.

Declared once per issuing unit by an administrator (`/documents/issuers/`); read by the official documents
(`inspection/official`) and by the council's printable minutes, so the council's name and place are never
written in two places."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from inspection.enums import LabelledEnum, enum_column, register_labels
from inspection.extensions import db


class SigningForm(LabelledEnum):
    """How the signer signs (Decree 30/2020, Phụ lục I): on behalf of the collective body (TM.), as deputy
    for the head (KT.), both (TM. … / KT. …), as acting head (Q.), or the head signing directly."""

    TM = "tm"
    TM_KT = "tm_kt"
    KT = "kt"
    Q = "q"
    DIRECT = "direct"


register_labels({
    SigningForm.TM: _l("Thay mặt (TM.)"),
    SigningForm.TM_KT: _l("Thay mặt, ký thay (TM., KT.)"),
    SigningForm.KT: _l("Ký thay (KT.)"),
    SigningForm.Q: _l("Quyền (Q.)"),
    SigningForm.DIRECT: _l("Ký trực tiếp"),
})


class IssuerProfile(db.Model):
    """What a unit prints when it issues a document: its heading, symbol, place, signing block, recipients."""

    __tablename__ = "issuer_profile"
    __audit_name__ = _l("Thông tin cơ quan ban hành")
    __audit_action_labels__ = {"official.issuer_create": _l("Khai báo cơ quan ban hành"),
                               "official.issuer_edit": _l("Sửa thông tin cơ quan ban hành")}

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), unique=True, info={"label": _l("Đơn vị")})
    parent_body: Mapped[str] = mapped_column(String(255), default="", info={"label": _l("Cơ quan chủ quản")})
    body: Mapped[str] = mapped_column(String(255), info={"label": _l("Cơ quan ban hành")})
    symbol: Mapped[str] = mapped_column(String(40), info={"label": _l("Ký hiệu cơ quan")})
    place: Mapped[str] = mapped_column(String(120), info={"label": _l("Địa danh")})
    signing_form: Mapped[SigningForm] = enum_column(SigningForm, default=SigningForm.TM_KT,
                                                    info={"label": _l("Hình thức ký")})
    #: "HỘI ĐỒNG" in "TM. HỘI ĐỒNG"
    collective: Mapped[str] = mapped_column(String(255), default="", info={"label": _l("Tập thể lãnh đạo")})
    #: "CHỦ TỊCH" in "KT. CHỦ TỊCH"
    head_title: Mapped[str] = mapped_column(String(255), default="", info={"label": _l("Chức danh người đứng đầu")})
    #: "PHÓ CHỦ TỊCH" under "KT. CHỦ TỊCH"
    signer_title: Mapped[str] = mapped_column(String(255), default="", info={"label": _l("Chức danh người ký")})
    signer_name: Mapped[str] = mapped_column(String(255), default="", info={"label": _l("Người ký")})
    #: one recipient a line, without the leading "- "
    recipients: Mapped[str] = mapped_column(Text, default="", info={"label": _l("Nơi nhận")})
    #: "VT, TĐKT" in "- Lưu: VT, TĐKT."
    archive: Mapped[str] = mapped_column(String(120), default="VT", info={"label": _l("Nơi lưu")})
    version: Mapped[int] = mapped_column(default=1)

    unit = relationship("Unit")

    __mapper_args__ = {"version_id_col": version}

    @property
    def recipient_lines(self) -> tuple[str, ...]:
        return tuple(line.strip().lstrip("-").strip() for line in self.recipients.splitlines() if line.strip())


def first_profile() -> IssuerProfile | None:
    """The portal's issuer: the first declared (a portal serves one council)."""
    return db.session.scalar(select(IssuerProfile).order_by(IssuerProfile.id).limit(1))
