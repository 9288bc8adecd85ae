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


#: where the kind of group is not known (the audit log of a membership): both titles
register_labels({
    MemberRole.LEADER: _l("Cụm trưởng / Khối trưởng"),
    MemberRole.DEPUTY: _l("Cụm phó / Khối phó"),
    MemberRole.MEMBER: _l("Thành viên"),
})

#: what a member is called in a cluster and in a block (DOMAIN.md 5.1: cụm trưởng, khối phó…)
ROLE_TITLES = {
    GroupKind.CLUSTER: {MemberRole.LEADER: _l("Cụm trưởng"), MemberRole.DEPUTY: _l("Cụm phó"),
                        MemberRole.MEMBER: _l("Thành viên")},
    GroupKind.BLOCK: {MemberRole.LEADER: _l("Khối trưởng"), MemberRole.DEPUTY: _l("Khối phó"),
                      MemberRole.MEMBER: _l("Thành viên")},
}


def role_title(kind: GroupKind | None, role: MemberRole) -> str:
    """The member's title in a group of this kind; the enum's two-kind label when the kind is unknown."""
    return str(ROLE_TITLES[kind][role]) if kind in ROLE_TITLES else role.label


def leader_title(kind: GroupKind | None) -> str:
    """"cụm trưởng" or "khối trưởng", as it reads inside a sentence."""
    return role_title(kind, MemberRole.LEADER).lower()


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

    @property
    def title(self) -> str:
        """Cụm trưởng, Khối phó, Thành viên…: the role as the group's kind names it."""
        return role_title(self.group.kind, self.role)
