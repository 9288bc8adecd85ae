"""Emulation clusters and blocks (cụm, khối thi đua), one set per emulation year."""


from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from inspection.enums import LabelledEnum, enum_column, register_labels
from inspection.extensions import db
from inspection.units.models import Unit


class GroupKind(LabelledEnum):
    CLUSTER = "cluster"
    BLOCK = "block"


register_labels({GroupKind.CLUSTER: _l("Cụm thi đua"), GroupKind.BLOCK: _l("Khối thi đua")})


class MemberRole(LabelledEnum):
    LEADER = "leader"
    DEPUTY = "deputy"
    MEMBER = "member"


register_labels({
    MemberRole.LEADER: _l("Trưởng"),
    MemberRole.DEPUTY: _l("Phó"),
    MemberRole.MEMBER: _l("Thành viên"),
})


class EmulationGroup(db.Model):
    """A cluster or block as constituted for one emulation year (leaders rotate yearly)."""

    __tablename__ = "emulation_group"
    #: the audit log's words for the actions recorded with these keys (inspection/labels.py)
    __audit_action_labels__ = {
        "group.create": _l("Tạo cụm, khối thi đua"),
        "group.update": _l("Sửa cụm, khối thi đua"),
    }
    #: what the audit log calls a record of this table
    __audit_name__ = _l("Cụm, khối thi đua")
    __table_args__ = (UniqueConstraint("year", "kind", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[GroupKind] = enum_column(GroupKind, info={"label": _l("Loại")})
    name: Mapped[str] = mapped_column(String(255), info={"label": _l("Tên")})
    year: Mapped[int] = mapped_column(index=True, info={"label": _l("Năm")})
    note: Mapped[str | None] = mapped_column(Text, info={"label": _l("Ghi chú")})
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    members: Mapped[list["GroupMember"]] = relationship(
        back_populates="group", cascade="all, delete-orphan", order_by="GroupMember.role_order")

    __mapper_args__ = {"version_id_col": version}


class GroupMember(db.Model):
    __tablename__ = "group_member"
    #: the audit log's words for the actions recorded with these keys (inspection/labels.py)
    __audit_action_labels__ = {
        "group.member": _l("Đặt thành viên cụm, khối"),
        "group.member_removed": _l("Bỏ thành viên khỏi cụm, khối"),
    }
    #: actions recorded on another record that carry this model's fields (inspection/labels.py)
    __audit_actions__ = ("group.member",)
    __table_args__ = (UniqueConstraint("group_id", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("emulation_group.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    role: Mapped[MemberRole] = enum_column(MemberRole, info={"label": _l("Vai trò")})
    #: 0 leader, 1 deputy, 2 member: lets lists order by role in SQL
    role_order: Mapped[int] = mapped_column(default=2)

    group: Mapped[EmulationGroup] = relationship(back_populates="members", info={"label": _l("Cụm, khối")})
    unit: Mapped[Unit] = relationship(lazy="joined", info={"label": _l("Đơn vị")})
