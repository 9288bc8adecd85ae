"""Stored official documents (Văn bản); the issuing units' settings are in the core
(`inspection.documents.issuer_profiles`), where the council's printable minutes read them too.

A document is a draft until it is issued with a number and a day; then it is frozen: no service changes its
fields or files (a listener refuses the flush), and a correction is a new document naming it (`replaces`)."""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint, event, inspect
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from inspection.enums import LabelledEnum, enum_column, register_labels
from inspection.extensions import db
from inspection.files.models import StoredFile
from inspection.timeutil import utcnow
from inspection.workflow import Transitions


class DocumentStatus(LabelledEnum):
    DRAFT = "draft"
    ISSUED = "issued"


register_labels({
    DocumentStatus.DRAFT: _l("Dự thảo"),
    DocumentStatus.ISSUED: _l("Đã ban hành"),
})

#: issuing is final: a mistake is corrected by a new document that replaces this one
DOCUMENT_TRANSITIONS = Transitions({DocumentStatus.DRAFT: {DocumentStatus.ISSUED}})


class OfficialDocument(db.Model):
    __tablename__ = "official_document"
    __audit_name__ = _l("Văn bản")
    __audit_action_labels__ = {
        "official.draft": _l("Tạo dự thảo văn bản"),
        "official.regenerate": _l("Tạo lại dự thảo văn bản"),
        "official.issue": _l("Ban hành văn bản"),
        "official.correct": _l("Tạo văn bản thay thế"),
        "official.sign": _l("Ký số văn bản"),
    }
    #: the fingerprints the issue and signing entries keep: the files' bytes can be checked against them later
    __audit_labels__ = {"docx_sha256": _l("SHA-256 bản Word"), "pdf_sha256": _l("SHA-256 bản PDF"),
                        "signed_pdf_sha256": _l("SHA-256 bản PDF đã ký")}
    __table_args__ = (
        # the number of an issued document: one per issuing unit, type and calendar year (DOMAIN.md 4.3)
        UniqueConstraint("issuer_unit_id", "type_code", "number_year", "number",
                         name="uq_official_document_number"),
        Index("ix_official_document_subject", "subject_type", "subject_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the kind's key in inspection/official/kinds.py ("conclusion")
    kind: Mapped[str] = mapped_column(String(40), index=True, info={"label": _l("Loại")})
    type_code: Mapped[str] = mapped_column(String(10), default="")
    subject_type: Mapped[str] = mapped_column(String(20))
    subject_id: Mapped[int | None]
    #: the unit the document is about or addressed to; None: council-wide
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True, info={"label": _l("Đơn vị")})
    title: Mapped[str] = mapped_column(String(500), info={"label": _l("Tiêu đề")})
    year: Mapped[int] = mapped_column(index=True, info={"label": _l("Năm")})
    #: what loads the subject again (kind.load)
    args: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[DocumentStatus] = enum_column(DocumentStatus, default=DocumentStatus.DRAFT,
                                                 info={"label": _l("Trạng thái")})
    issuer_unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), info={"label": _l("Cơ quan ban hành")})
    number: Mapped[int | None] = mapped_column(info={"label": _l("Số văn bản")})
    #: the number and symbol as printed, kept as issued ("05/TB-HĐTĐKT"): a later change of symbol leaves it
    reference: Mapped[str | None] = mapped_column(String(80), info={"label": _l("Số, ký hiệu")})
    #: the calendar year the number belongs to (numbers start again from 01 each 1 January)
    number_year: Mapped[int | None]
    issued_on: Mapped[date | None] = mapped_column(info={"label": _l("Ngày ban hành")})
    docx_id: Mapped[int] = mapped_column(ForeignKey("stored_file.id"))
    pdf_id: Mapped[int] = mapped_column(ForeignKey("stored_file.id"))
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("official_document.id"), index=True,
                                                    info={"label": _l("Thay thế văn bản")})
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    issued_at: Mapped[datetime | None]
    #: the issued PDF signed with the issuing unit's certificate (PAdES), stored beside the unsigned one: the
    #: issued files never change; signing adds a file, once
    signed_pdf_id: Mapped[int | None] = mapped_column(ForeignKey("stored_file.id"))
    signed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    signed_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(default=1)

    unit = relationship("Unit", foreign_keys=[unit_id])
    issuer_unit = relationship("Unit", foreign_keys=[issuer_unit_id])
    docx: Mapped[StoredFile] = relationship(foreign_keys=[docx_id])
    pdf: Mapped[StoredFile] = relationship(foreign_keys=[pdf_id])
    signed_pdf: Mapped[StoredFile | None] = relationship(foreign_keys=[signed_pdf_id])
    signed_by = relationship("User", foreign_keys=[signed_by_id])
    replaces: Mapped["OfficialDocument | None"] = relationship(remote_side=[id], back_populates="replaced_by")
    replaced_by: Mapped[list["OfficialDocument"]] = relationship(back_populates="replaces")
    created_by = relationship("User", foreign_keys=[created_by_id])
    issued_by = relationship("User", foreign_keys=[issued_by_id])

    __mapper_args__ = {"version_id_col": version}

    @property
    def is_issued(self) -> bool:
        return self.status == DocumentStatus.ISSUED


#: what an issued document never changes (the signed PDF is added once, beside them: services.sign)
FROZEN = ("kind", "type_code", "subject_type", "subject_id", "unit_id", "title", "year", "args", "status",
          "issuer_unit_id", "number", "reference", "number_year", "issued_on", "docx_id", "pdf_id", "replaces_id",
          "issued_by_id", "issued_at")


class FrozenDocument(RuntimeError):
    """A bug, not a user error: code tried to change or delete an issued document."""


@event.listens_for(Session, "before_flush")
def _refuse_changes_to_issued(session, _context, _instances):
    for obj in session.deleted:
        if isinstance(obj, OfficialDocument) and _was_issued(obj):
            raise FrozenDocument(f"issued document {obj.id} cannot be deleted")
    for obj in session.dirty:
        if isinstance(obj, OfficialDocument) and _was_issued(obj):
            state = inspect(obj)
            changed = [name for name in FROZEN if state.attrs[name].history.has_changes()]
            if changed:
                raise FrozenDocument(f"issued document {obj.id} cannot change {changed}")


def _was_issued(document: OfficialDocument) -> bool:
    """Issued as last loaded from the database (issuing itself moves draft → issued and may flush)."""
    history = inspect(document).attrs.status.history
    before = history.deleted[0] if history.deleted else (history.unchanged[0] if history.unchanged else None)
    return before == DocumentStatus.ISSUED
