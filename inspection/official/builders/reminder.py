"""Công văn đôn đốc (a letter: no type name, "V/v đôn đốc thực hiện kiến nghị …") to one unit: its open
recommendations already overdue, with how many working days (the portal's calendar: weekends, public holidays
and the days an admin added) they are late, and those due within the to-do page's two weeks."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from inspection.calendar.services import calendar_for
from inspection.documents.official.model import Column, Content, Paragraph, Section, Table
from inspection.extensions import db
from inspection.findings.models import Finding, Recommendation, Responsibility, VerifiedStatus
from inspection.missions.models import Mission
from inspection.official.builders import overdue_list
from inspection.official.builders.common import count, day, id_arg
from inspection.official.kinds import Kind, SubjectRef, register
from inspection.responses.todo import DUE_SOON
from inspection.timeutil import today_vn
from inspection.units.models import Unit
from inspection.units.views import get_unit

SUBJECT = "đôn đốc thực hiện kiến nghị sau kiểm tra, giám sát công tác thi đua, khen thưởng"


@dataclass(frozen=True)
class Line:
    recommendation: Recommendation
    mission: Mission
    late: int  # working days past the due date; negative: working days left


def load(user, args: Mapping[str, str]) -> Unit:
    return get_unit(id_arg(args, "unit"), actor=user)


def describe(unit: Unit) -> SubjectRef:
    today = today_vn()
    return SubjectRef("unit", unit.id, unit.id, f"Đôn đốc thực hiện kiến nghị: {unit.name_on(today)}", today.year,
                      {"unit": str(unit.id)})


def build(unit: Unit, today: datetime.date) -> Content:
    lines = due_lines(unit, today)
    overdue = [line for line in lines if line.recommendation.current_due < today]
    soon = [line for line in lines if line.recommendation.current_due >= today]
    name = unit.name_on(today)
    return Content(
        type_code="", type_name="", subject=SUBJECT, addressees=(name,),
        preamble=(f"Qua theo dõi trên Cổng kiểm tra, giám sát công tác thi đua, khen thưởng, tính đến ngày "
                  f"{day(today)}, {name} có {count(len(overdue))} kiến nghị quá hạn và {count(len(soon))} kiến nghị "
                  "sắp đến hạn chưa được xác minh hoàn thành, cụ thể như sau:",),
        sections=(Section("CÁC KIẾN NGHỊ QUÁ HẠN", _table(overdue, OVERDUE_COLUMNS, "Không có kiến nghị quá hạn.")),
                  Section("CÁC KIẾN NGHỊ SẮP ĐẾN HẠN", _table(soon, SOON_COLUMNS,
                                                              "Không có kiến nghị sắp đến hạn.")),
                  Section("ĐỀ NGHỊ", (Paragraph(request(name, today)),))),
        recipients=(name,))


def request(name: str, today: datetime.date) -> str:
    answer_by = today + DUE_SOON
    return (f"Đề nghị {name} khẩn trương tổ chức thực hiện các kiến nghị nêu trên; cập nhật tiến độ, biện pháp "
            f"khắc phục và minh chứng trên Cổng; trường hợp cần gia hạn, gửi đề nghị gia hạn nêu rõ lý do trước "
            f"ngày {day(answer_by)}.")


def due_lines(unit: Unit, today: datetime.date) -> list[Line]:
    """The unit's open shares due before the end of the to-do page's "due soon" window, most overdue first."""
    query = (select(Recommendation, Mission).join(Responsibility, Responsibility.recommendation_id == Recommendation.id)
             .join(Recommendation.finding).join(Finding.mission)
             .where(Responsibility.unit_id == unit.id, Recommendation.verified_status == VerifiedStatus.OPEN,
                    Recommendation.current_due.is_not(None), Recommendation.current_due <= today + DUE_SOON)
             .options(contains_eager(Recommendation.finding))
             .order_by(Recommendation.current_due, Recommendation.id))
    rows = db.session.execute(query).all()
    calendar = calendar_for(range(min([rec.current_due.year for rec, _m in rows] + [today.year]), today.year + 2))
    return [Line(rec, mission, calendar.working_days_between(rec.current_due, today)) for rec, mission in rows]


OVERDUE_COLUMNS = overdue_list.COLUMNS
SOON_COLUMNS = OVERDUE_COLUMNS[:-1] + (Column("Số ngày làm việc còn lại", 1.1, "right"),)


def _table(lines: list[Line], columns: tuple[Column, ...], none: str) -> tuple:
    if not lines:
        return (Paragraph(none),)
    rows = tuple((str(index), line.recommendation.number, line.recommendation.text, line.mission.title,
                  day(line.recommendation.current_due), count(abs(line.late)))
                 for index, line in enumerate(lines, start=1))
    return (Table(columns, rows),)


KIND = register(Kind(key="reminder", label=_l("Công văn đôn đốc thực hiện kiến nghị"), type_code="",
                     load=load, describe=describe, build=build, subject_type="unit"))
