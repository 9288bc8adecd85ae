"""Units (đơn vị) with dated names and lineage events (establish, rename, merge, split, dissolve)."""

import enum
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from inspection.documents import purposes
from inspection.documents.columns import DocRefType
from inspection.documents.refs import DocRef
from inspection.enums import LabelledEnum, enum_column, register_labels
from inspection.extensions import db
from inspection.textsearch import Parts, search_column, searchable
from inspection.timeutil import today_vn, utcnow


class UnitKind(LabelledEnum):
    CENTRAL = "central"
    PROVINCE = "province"
    DEPARTMENT = "department"
    OFFICE = "office"
    CENTRAL_AGENCY = "central_agency"
    DISTRICT = "district"
    COMMUNE = "commune"
    MASS_ORGANISATION = "mass_org"
    ENTERPRISE = "enterprise"


register_labels({
    UnitKind.CENTRAL: _l("Cơ quan Trung ương"),
    UnitKind.PROVINCE: _l("Tỉnh, thành phố trực thuộc Trung ương"),
    UnitKind.DEPARTMENT: _l("Sở, ban, ngành"),
    UnitKind.OFFICE: _l("Phòng, ban trực thuộc"),
    UnitKind.CENTRAL_AGENCY: _l("Cơ quan Trung ương đóng trên địa bàn"),
    UnitKind.DISTRICT: _l("Huyện, thị xã, thành phố thuộc tỉnh"),
    UnitKind.COMMUNE: _l("Xã, phường, thị trấn, đặc khu"),
    UnitKind.MASS_ORGANISATION: _l("Tổ chức chính trị – xã hội, đoàn thể"),
    UnitKind.ENTERPRISE: _l("Doanh nghiệp, hợp tác xã"),
})


class Unit(db.Model):
    """A unit's stable identity. Its names live in UnitName so that old records keep old names."""

    __tablename__ = "unit"
    #: the audit log's words for the actions recorded with these keys (inspection/labels.py)
    __audit_action_labels__ = {
        "unit.create": _l("Tạo đơn vị"),
        "unit.update": _l("Sửa đơn vị"),
        "unit.rename": _l("Đổi tên đơn vị"),
        "unit.establish": _l("Thành lập đơn vị"),
        "unit.merge": _l("Sáp nhập, hợp nhất đơn vị"),
        "unit.split": _l("Chia, tách đơn vị"),
        "unit.dissolve": _l("Giải thể đơn vị"),
        "unit.move": _l("Chuyển đơn vị cấp trên"),
    }
    #: what the audit log calls a record of this table
    __audit_name__ = _l("Đơn vị")
    #: audit keys that are not columns (inspection/labels.py)
    __audit_labels__ = {"name": _l("Tên"), "effective": _l("Ngày hiệu lực")}

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True, info={"label": _l("Mã")})
    kind: Mapped[UnitKind] = enum_column(UnitKind, info={"label": _l("Loại")})
    #: today's (the latest) parent and kind; earlier ones, with their periods, are UnitPlacement rows
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    #: first and last day the unit existed; None = unknown start / still exists
    valid_from: Mapped[date | None] = mapped_column(info={"label": _l("Từ ngày")})
    valid_to: Mapped[date | None] = mapped_column(info={"label": _l("Đến ngày")})
    note: Mapped[str | None] = mapped_column(Text, info={"label": _l("Ghi chú")})
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: bumped on every save; a form opened before the last save is refused (no lost updates)
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    #: code and every dated name, normalised (inspection/textsearch.py)
    search_text: Mapped[str] = search_column()

    parent: Mapped["Unit | None"] = relationship(remote_side=[id], back_populates="children",
                                                 info={"label": _l("Đơn vị cấp trên")})
    children: Mapped[list["Unit"]] = relationship(back_populates="parent")
    names: Mapped[list["UnitName"]] = relationship(
        back_populates="unit", order_by="UnitName.valid_from.nulls_first()", cascade="all, delete-orphan")
    placements: Mapped[list["UnitPlacement"]] = relationship(
        foreign_keys="UnitPlacement.unit_id", order_by="UnitPlacement.valid_to", cascade="all, delete-orphan")

    __mapper_args__ = {"version_id_col": version}

    @property
    def name(self) -> str:
        """The name in force today (a rename decided for a later date does not show yet)."""
        return self.name_on(today_vn())

    def name_on(self, day: date | None) -> str:
        """The name the unit had on `day`: a 2017 record shows the 2017 name."""
        if day is None:
            return self.name
        for unit_name in reversed(self.names):
            if unit_name.covers(day):
                return unit_name.name
        return self.names[0].name if self.names else self.code

    def placement_on(self, day: date) -> "UnitPlacement | None":
        """The earlier placement covering `day`; None when the current parent and kind applied that day."""
        return next((placement for placement in self.placements if placement.covers(day)), None)

    def parent_on(self, day: date) -> "Unit | None":
        placement = self.placement_on(day)
        return self.parent if placement is None else placement.parent

    def kind_on(self, day: date) -> UnitKind:
        placement = self.placement_on(day)
        return self.kind if placement is None else placement.kind

    def exists_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to)

    @property
    def is_current(self) -> bool:
        return self.exists_on(today_vn())


class UnitName(db.Model):
    __tablename__ = "unit_name"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(255), info={"label": _l("Tên")})
    valid_from: Mapped[date | None] = mapped_column(info={"label": _l("Từ ngày")})
    valid_to: Mapped[date | None] = mapped_column(info={"label": _l("Đến ngày")})

    unit: Mapped[Unit] = relationship(back_populates="names", info={"label": _l("Đơn vị")})

    def covers(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to)


class UnitPlacement(db.Model):
    """Where a unit stood before its current placement: its parent and kind from `valid_from` to `valid_to`
    (a closed period). A day no row covers takes the unit's own parent_id and kind, so a unit that never
    moved has no row, and every writer of units (forms, imports, bulk demo data) stays as it is."""

    __tablename__ = "unit_placement"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True,
                                                  info={"label": _l("Đơn vị cấp trên")})
    kind: Mapped[UnitKind] = enum_column(UnitKind, info={"label": _l("Loại")})
    valid_from: Mapped[date | None] = mapped_column(info={"label": _l("Từ ngày")})
    valid_to: Mapped[date] = mapped_column(info={"label": _l("Đến ngày")})

    parent: Mapped[Unit | None] = relationship(foreign_keys=[parent_id], info={"label": _l("Đơn vị cấp trên")})

    def covers(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and day <= self.valid_to


searchable(Unit, "code", parts=Parts(UnitName, collection="names", owner="unit", owner_key="unit_id", column="name"))


class EventKind(LabelledEnum):
    ESTABLISH = "establish"
    RENAME = "rename"
    MERGE = "merge"
    SPLIT = "split"
    DISSOLVE = "dissolve"


register_labels({
    EventKind.ESTABLISH: _l("Thành lập"),
    EventKind.RENAME: _l("Đổi tên"),
    EventKind.MERGE: _l("Sáp nhập, hợp nhất"),
    EventKind.SPLIT: _l("Chia, tách"),
    EventKind.DISSOLVE: _l("Giải thể"),
})


#: the events that end a unit (its work goes to the successors, if any)
ENDING_KINDS = (EventKind.MERGE, EventKind.SPLIT, EventKind.DISSOLVE)


class LinkRole(enum.StrEnum):
    PREDECESSOR = "predecessor"
    SUCCESSOR = "successor"


class UnitEvent(db.Model):
    """A lineage event; predecessors and successors are many-to-many through UnitEventLink."""

    __tablename__ = "unit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[EventKind] = enum_column(EventKind, info={"label": _l("Loại")})
    effective_date: Mapped[date] = mapped_column(index=True, info={"label": _l("Ngày hiệu lực")})
    legal_basis: Mapped[DocRef | None] = mapped_column(DocRefType(purposes.LEGAL_BASIS), info={"label": _l("Căn cứ")})
    legal_basis_date: Mapped[date | None]
    note: Mapped[str | None] = mapped_column(Text, info={"label": _l("Ghi chú")})
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    links: Mapped[list["UnitEventLink"]] = relationship(
        back_populates="event", cascade="all, delete-orphan", lazy="selectin")

    #: actions recorded on another record that carry this model's fields (inspection/labels.py)
    __audit_actions__ = tuple(f"unit.{kind.value}" for kind in EventKind)
    __audit_labels__ = {"effective": effective_date, "predecessors": _l("Đơn vị trước"),
                        "successors": _l("Đơn vị kế thừa")}

    def units_in(self, role: LinkRole) -> list[Unit]:
        return [link.unit for link in self.links if link.role == role]


class UnitEventLink(db.Model):
    __tablename__ = "unit_event_link"
    __table_args__ = (UniqueConstraint("event_id", "unit_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("unit_event.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    role: Mapped[LinkRole] = enum_column(LinkRole, info={"label": _l("Vai trò")})

    event: Mapped[UnitEvent] = relationship(back_populates="links")
    unit: Mapped[Unit] = relationship(lazy="joined", info={"label": _l("Đơn vị")})
