"""Biên bản phiên họp (BB) of a council review session: what the printable minutes page shows
(templates/council/minutes.html: time, place, chair, participants, the items reviewed with the council's
decision on each, the conclusion), signed by the meeting's secretary and its chair (Decree 30/2020, Phụ lục
III: "THƯ KÝ", "CHỦ TỌA"), not by the issuing body's signer."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from flask_babel import lazy_gettext as _l

from inspection.council.access import get_session
from inspection.council.minutes import minutes_heading
from inspection.council.models import Decision, ItemReason, ReviewItem, ReviewSession
from inspection.council.queries import session_page_options
from inspection.documents.official.model import Bullets, Column, Content, Paragraph, Section, Signer, Table
from inspection.official.builders.common import BLANK, count, day, id_arg, joined, vi
from inspection.official.kinds import Kind, SubjectRef, register

SUBJECT = "Xem xét kết quả thực hiện kiến nghị sau kiểm tra, giám sát công tác thi đua, khen thưởng"


def load(user, args: Mapping[str, str]) -> ReviewSession:
    return get_session(id_arg(args, "session"), options=session_page_options(), actor=user)


def describe(session: ReviewSession) -> SubjectRef:
    return SubjectRef("session", session.id, None, f"{session.title} ngày {day(session.held_on)}",
                      session.held_on.year, {"session": str(session.id)})


def build(session: ReviewSession, today: datetime.date) -> Content:
    return Content(
        type_code="BB", type_name="BIÊN BẢN", subject=f"{session.title}: {SUBJECT[0].lower()}{SUBJECT[1:]}",
        sections=(meeting(session), agenda(session), conclusion(session)),
        signers=(Signer(("THƯ KÝ",)), Signer(("CHỦ TỌA",), minutes_heading(session).chair_signature)))


def meeting(session: ReviewSession) -> Section:
    return Section("THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN", (
        Paragraph(f"Thời gian: ngày {day(session.held_on)}."),
        Paragraph(f"Địa điểm: {session.place or BLANK}."),
        Paragraph(f"Chủ trì: {session.chaired_by or BLANK}."),
        Paragraph("Thành phần tham dự:"),
        Bullets(tuple(session.participant_lines) or (BLANK,))))


ITEM_COLUMNS = (Column("STT", 0.5, "center"), Column("Kiến nghị", 3), Column("Đơn vị thực hiện", 1.6),
                Column("Đoàn kiểm tra", 1.6), Column("Lý do xem xét", 1.4), Column("Quyết định của Hội đồng", 1.4),
                Column("Thời hạn mới, ý kiến", 1.3))


def agenda(session: ReviewSession) -> Section:
    intro = Paragraph(
        f"Hội đồng đã xem xét {count(len(session.items))} kiến nghị chưa được thực hiện xong (quá hạn trên "
        f"{session.overdue_days} ngày, đã báo cáo cơ quan cấp trên, có đề nghị gia hạn, hoãn từ phiên họp trước "
        "hoặc do Hội đồng bổ sung) và quyết định như sau:")
    if not session.items:
        return Section("NỘI DUNG", (intro, Paragraph("Không có kiến nghị nào được đưa ra phiên họp.")))
    rows = tuple(item_row(index, item) for index, item in enumerate(session.items, start=1))
    return Section("NỘI DUNG", (intro, Table(ITEM_COLUMNS, rows)))


def item_row(index: int, item: ReviewItem) -> tuple[str, ...]:
    rec = item.recommendation
    return (str(index), f"{rec.number}: {rec.text}", joined(share.unit.name for share in rec.responsibilities),
            rec.finding.mission.title, reason(item), decision(item), new_due(item))


def reason(item: ReviewItem) -> str:
    """As the minutes page words it: "Quá hạn 45 ngày", "Có đề nghị gia hạn … (quá hạn 12 ngày)"."""
    text = vi(item.reason.label)
    if item.days_overdue and item.reason != ItemReason.OVERDUE:
        return f"{text} (quá hạn {count(item.days_overdue)} ngày)"
    if item.days_overdue:
        return f"{text} {count(item.days_overdue)} ngày"
    return text


def decision(item: ReviewItem) -> str:
    text = vi(item.decision.label)
    return f"{text} (lập đoàn kiểm tra)" if item.reinspection_mission_id else text


def new_due(item: ReviewItem) -> str:
    parts = [f"Đến {day(item.new_due)}"] if item.new_due else []
    if item.decision_note:
        parts.append(item.decision_note)
    return "; ".join(parts)


def conclusion(session: ReviewSession) -> Section:
    pending = sum(1 for item in session.items if item.decision == Decision.PENDING)
    blocks = [Paragraph(session.conclusion or BLANK * 10)]
    if pending:
        blocks.append(Paragraph(f"Còn {count(pending)} kiến nghị chưa có quyết định của Hội đồng.", italic=True))
    blocks.append(Paragraph("Biên bản được lập thành … bản, thông qua tại phiên họp và được các thành viên tham dự "
                            "thống nhất."))
    return Section("KẾT LUẬN", tuple(blocks))


KIND = register(Kind(key="minutes", label=_l("Biên bản phiên họp"), type_code="BB", load=load, describe=describe,
                     build=build, subject_type="session"))
