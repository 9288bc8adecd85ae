"""The conversation on a recommendation, its evidence files (versioned), and deadline extensions."""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from inspection.auth.models import User
from inspection.enums import LabelledEnum, enum_column, register_labels
from inspection.extensions import db
from inspection.files.models import StoredFile
from inspection.findings.models import Recommendation, recommendation_part
from inspection.timeutil import utcnow
from inspection.units.models import Unit
from inspection.workflow import Transitions


@recommendation_part
class Message(db.Model):
    __tablename__ = "message"
    #: the audit log's words for the actions recorded with these keys (inspection/labels.py)
    __audit_action_labels__ = {
        "response.message": _l("Gửi trao đổi"),
    }
    #: actions recorded on another record that carry this model's fields (inspection/labels.py)
    __audit_actions__ = ("response.",)
    #: audit keys that are not columns (inspection/labels.py)
    __audit_labels__ = {"files": _l("Tệp")}

    id: Mapped[int] = mapped_column(primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(ForeignKey("recommendation.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    #: the unit the author speaks for (None for inspectors and the council)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    author: Mapped[User] = relationship()
    unit: Mapped[Unit | None] = relationship(info={"label": _l("Đơn vị")})
    evidence: Mapped[list["Evidence"]] = relationship(back_populates="message", order_by="Evidence.id")


@recommendation_part
class Evidence(db.Model):
    """One version of one piece of evidence. Uploading the same evidence again adds a version."""

    __tablename__ = "evidence"
    #: the audit log's words for the actions recorded with these keys (inspection/labels.py)
    __audit_action_labels__ = {
        "evidence.version": _l("Nộp minh chứng"),
    }
    #: actions recorded on another record that carry this model's fields (inspection/labels.py)
    __audit_actions__ = ("evidence.",)
    #: audit keys that are not columns (inspection/labels.py)
    __audit_labels__ = {"sha256": StoredFile.sha256}
    __table_args__ = (UniqueConstraint("recommendation_id", "evidence_key", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(ForeignKey("recommendation.id", ondelete="CASCADE"), index=True)
    message_id: Mapped[int | None] = mapped_column(ForeignKey("message.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    #: groups the versions of one piece of evidence
    evidence_key: Mapped[str] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(default=1, info={"label": _l("Phiên bản")})
    title: Mapped[str] = mapped_column(String(255), info={"label": _l("Tiêu đề")})
    file_id: Mapped[int] = mapped_column(ForeignKey("stored_file.id"))
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)

    recommendation: Mapped[Recommendation] = relationship()
    message: Mapped[Message | None] = relationship(back_populates="evidence")
    file: Mapped[StoredFile] = relationship(lazy="joined", info={"label": _l("Tệp")})
    uploaded_by: Mapped[User] = relationship()


class ExtensionStatus(LabelledEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


register_labels({
    ExtensionStatus.PENDING: _l("Chờ quyết định"),
    ExtensionStatus.APPROVED: _l("Đã chấp thuận"),
    ExtensionStatus.REFUSED: _l("Không chấp thuận"),
    ExtensionStatus.WITHDRAWN: _l("Đơn vị đã rút"),
})

EXTENSION_TRANSITIONS = Transitions({
    ExtensionStatus.PENDING: {ExtensionStatus.APPROVED, ExtensionStatus.REFUSED, ExtensionStatus.WITHDRAWN},
})


@recommendation_part
class DueDateChange(db.Model):
    """Every revision of a recommendation's due date: asked by a unit and decided, or decided
    directly (e.g. by the council in a review session). Nobody changes a due date silently."""

    __tablename__ = "due_date_change"
    #: the audit log's words for the actions recorded with these keys (inspection/labels.py)
    __audit_action_labels__ = {
        "extension.request": _l("Đề nghị gia hạn"),
        "extension.refuse": _l("Từ chối gia hạn"),
        "extension.withdraw": _l("Rút đề nghị gia hạn"),
        "recommendation.due_change": _l("Đổi hạn thực hiện"),
    }
    #: actions recorded on another record that carry this model's fields (inspection/labels.py)
    __audit_actions__ = ("extension.", "recommendation.due_change")
    # one waiting request per share of a recommendation: a double click or a parallel post cannot add a second
    __table_args__ = (Index("uq_due_date_change_pending", "recommendation_id", "unit_id", unique=True,
                            sqlite_where=text("status = 'pending'"), postgresql_where=text("status = 'pending'")),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(ForeignKey("recommendation.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    previous_due: Mapped[date | None]
    requested_due: Mapped[date] = mapped_column(info={"label": _l("Hạn đề nghị")})
    reason: Mapped[str] = mapped_column(Text, info={"label": _l("Lý do")})
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    status: Mapped[ExtensionStatus] = enum_column(ExtensionStatus, default=ExtensionStatus.PENDING, index=True,
                                                  info={"label": _l("Trạng thái")})
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    decided_at: Mapped[datetime | None]
    decision_note: Mapped[str | None] = mapped_column(Text, info={"label": _l("Ý kiến quyết định")})
    #: the date granted (may differ from the one asked)
    granted_due: Mapped[date | None]
    #: two decisions on one request at once: the second finds the version moved and is refused
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    recommendation: Mapped[Recommendation] = relationship()
    unit: Mapped[Unit | None] = relationship(info={"label": _l("Đơn vị")})
    requested_by: Mapped[User] = relationship(foreign_keys=[requested_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])

    __mapper_args__ = {"version_id_col": version}
