"""Days an admin adds to the Vietnamese working-day calendar for a given year: extra days off
(ngày nghỉ bù, nghỉ hoán đổi) and make-up working days (ngày làm bù, e.g. a Saturday)."""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from inspection.enums import LabelledEnum, enum_column, register_labels
from inspection.extensions import db
from inspection.timeutil import utcnow


class DayKind(LabelledEnum):
    DAY_OFF = "day_off"
    WORKING_DAY = "working_day"


register_labels({DayKind.DAY_OFF: _l("Ngày nghỉ"), DayKind.WORKING_DAY: _l("Ngày làm việc bù")})


class CalendarDay(db.Model):
    __tablename__ = "calendar_day"
    #: the audit log's words for the actions recorded with these keys (inspection/labels.py)
    __audit_action_labels__ = {
        "calendar_day.add": _l("Thêm ngày vào lịch"),
        "calendar_day.remove": _l("Xóa ngày khỏi lịch"),
    }
    #: what the audit log calls a record of this table
    __audit_name__ = _l("Ngày lịch làm việc")

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(unique=True, info={"label": _l("Ngày")})
    kind: Mapped[DayKind] = enum_column(DayKind, info={"label": _l("Loại")})
    note: Mapped[str] = mapped_column(String(255), info={"label": _l("Ghi chú")})
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
