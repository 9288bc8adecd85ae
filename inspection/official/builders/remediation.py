"""Báo cáo kết quả khắc phục (BC) of a mission: how far the recommendations are carried out, then each
recommendation with every responsible unit's progress and actions (biện pháp khắc phục), the evidence given
(the latest version of each file) and the inspectors' verified status."""

from __future__ import annotations

import datetime
from collections import Counter

from flask_babel import lazy_gettext as _l

from inspection.documents.official.model import Bullets, Column, Content, Paragraph, Section, Subheading, Table
from inspection.findings.models import FollowUpAction, Recommendation, Responsibility, VerifiedStatus
from inspection.missions.models import Mission
from inspection.official.builders import mission_data as data
from inspection.official.builders.common import count, day, lower_first, vi
from inspection.official.builders.conclusion import body_name
from inspection.official.kinds import Kind, register
from inspection.responses.models import Evidence


def build(mission: Mission, today: datetime.date) -> Content:
    recommendations = data.recommendations_of(data.findings_of(mission, with_actions=True))
    evidence = data.latest_evidence([rec.id for rec in recommendations])
    units = [unit.name_on(today) for unit in mission.units]
    return Content(
        type_code="BC", type_name="BÁO CÁO",
        subject=f"Kết quả khắc phục tồn tại, hạn chế sau {lower_first(mission.title)}",
        preamble=(f"Thực hiện kết luận của {body_name(mission)}"
                  + (f" (Thông báo số {mission.conclusion_ref} ngày {day(mission.conclusion_date)})"
                     if mission.conclusion_ref else "")
                  + f", báo cáo kết quả khắc phục tính đến ngày {day(today)} như sau:",),
        sections=(overview(recommendations, today),
                  Section("KẾT QUẢ THỰC HIỆN TỪNG KIẾN NGHỊ", tuple(
                      block for index, rec in enumerate(recommendations, start=1)
                      for block in recommendation_blocks(index, rec, evidence.get(rec.id, []), today)))),
        recipients=(body_name(mission), *units))


STATUS_COLUMNS = (Column("Kết quả xác minh", 4), Column("Số kiến nghị", 1.5, "right"))


def overview(recommendations: list[Recommendation], today: datetime.date) -> Section:
    by_status = Counter(rec.verified_status for rec in recommendations)
    rows = [(vi(status.label), count(by_status[status])) for status in VerifiedStatus if by_status[status]]
    rows.append(("Tổng số", count(len(recommendations))))
    overdue = sum(1 for rec in recommendations if rec.is_open and rec.current_due and rec.current_due < today)
    return Section("TÌNH HÌNH CHUNG", (
        Paragraph(f"Tổng số kiến nghị: {count(len(recommendations))}; chưa kết luận: "
                  f"{count(by_status[VerifiedStatus.OPEN])}, trong đó quá hạn: {count(overdue)}."),
        Table(STATUS_COLUMNS, tuple(rows), bold_rows=frozenset({len(rows) - 1}))))


def recommendation_blocks(index: int, rec: Recommendation, evidence: list[Evidence], today: datetime.date) -> tuple:
    lines = [f"Thời hạn: {day(rec.current_due)}" + (f" (hạn ban đầu {day(rec.original_due)})"
                                                     if rec.original_due and rec.original_due != rec.current_due
                                                     else "") + "."]
    for share in rec.responsibilities:
        lines.append(share_line(share, today))
        lines += [action_line(action) for action in share.actions]
    lines.append(evidence_line(evidence))
    lines.append(verified_line(rec))
    return (Subheading(f"{index}. Kiến nghị {rec.number}: {rec.text}"), Bullets(tuple(lines)))


def share_line(share: Responsibility, today: datetime.date) -> str:
    text = f"{share.unit.name_on(today)}: {vi(share.status.label).lower()}"
    if share.transferred_from is not None:
        text += f" (nhận chuyển giao từ {share.transferred_from.name_on(share.transferred_from.valid_to or today)})"
    return text + "."


def action_line(action: FollowUpAction) -> str:
    parts = [f"Biện pháp khắc phục: {action.what.rstrip('.')}", f"tiến độ {action.progress}%"]
    if action.due:
        parts.append(f"hạn {day(action.due)}")
    if action.who:
        parts.append(f"thực hiện: {action.who}")
    return "; ".join(parts) + "."


def evidence_line(evidence: list[Evidence]) -> str:
    if not evidence:
        return "Minh chứng: chưa có."
    names = [item.file.original_name + (f" (phiên bản {item.version})" if item.version > 1 else "")
             for item in evidence]
    return "Minh chứng: " + "; ".join(names) + "."


def verified_line(rec: Recommendation) -> str:
    text = f"Kết quả xác minh: {vi(rec.verified_status.label)}"
    if rec.verification_method is not None:
        text += f" ({vi(rec.verification_method.label).lower()})"
    if rec.verified_at is not None:
        text += f", ngày {day(rec.verified_at)}"
    if rec.verification_note:
        text += f"; {rec.verification_note.rstrip('.')}"
    return text + "."


KIND = register(Kind(key="remediation", label=_l("Báo cáo kết quả khắc phục"), type_code="BC",
                     load=data.load_mission, describe=data.describe_mission, build=build, subject_type="mission"))
