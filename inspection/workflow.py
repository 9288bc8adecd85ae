"""One table of allowed moves per status field; an illegal move is refused with a clear message."""

import enum

from flask_babel import gettext as _

from inspection.rules import RuleViolation


class Transitions:
    """`table` maps each status to the statuses it may move to."""

    def __init__(self, table: dict[enum.Enum, set[enum.Enum]]):
        self.table = table

    def allowed(self, current: enum.Enum) -> set[enum.Enum]:
        return self.table.get(current, set())

    def can(self, current: enum.Enum, target: enum.Enum) -> bool:
        return target in self.allowed(current)

    def check(self, current: enum.Enum, target: enum.Enum, field: str | None = "status") -> None:
        if not self.can(current, target):
            raise RuleViolation(_("Không thể chuyển trạng thái từ “%(old)s” sang “%(new)s”.",
                                  old=_label(current), new=_label(target)), field=field)


def _label(member: enum.Enum) -> str:
    return str(getattr(member, "label", member.value))
