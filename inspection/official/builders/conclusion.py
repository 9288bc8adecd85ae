"""Thông báo kết luận kiểm tra (TB) of a mission: its grounds, the inspected units and period, the strengths, the
shortcomings (tồn tại, hạn chế) and the recommendations with their numbers, responsible units and due dates, and
what each unit is asked to do. Units are named as they were on the day of the conclusion; a recommendation
transferred later to a successor is printed with the unit it was addressed to."""

from __future__ import annotations

import datetime
from collections import defaultdict

from flask_babel import lazy_gettext as _l

from inspection.documents.official.model import Bullets, Column, Content, Paragraph, Section, Subheading, Table
from inspection.findings.models import Finding, Recommendation
from inspection.missions.models import Mission, MissionMember, TeamRole
from inspection.official.builders import mission_data as data
from inspection.official.builders.common import BLANK, day, joined, lower_first, period
from inspection.official.kinds import Kind, register

TEAM = "Đoàn kiểm tra"


def build(mission: Mission, today: datetime.date) -> Content:
    findings = data.findings_of(mission)
    on = data.names_day(mission)
    recommendations = data.recommendations_of(findings)
    units = [unit.name_on(on) for unit in mission.units]
    return Content(
        type_code="TB", type_name="THÔNG BÁO", subject=f"Kết luận {lower_first(mission.title)}",
        preamble=grounds(mission, on),
        sections=(overview(mission, units), results(findings), recommendation_section(recommendations, on),
                  requests(mission, recommendations, on)),
        recipients=(*units, f"Thành viên {TEAM}"))


def body_name(mission: Mission) -> str:
    return mission.issuing_body or TEAM


def grounds(mission: Mission, on: datetime.date) -> tuple[str, ...]:
    lines = [decision_ground(mission)]
    lines += [f"Căn cứ Báo cáo số {report.ref} ngày {day(report.report_date)} của {report.unit.name_on(on)}"
              + (f" về {lower_first(report.subject)}" if report.subject else "") + ";"
              for report in mission.self_reports]
    lines += [f"Căn cứ kết quả làm việc của {TEAM} ngày {day(session.held_on)}"
              + (f" tại {session.place}" if session.place else "") + ";" for session in mission.sessions]
    lines.append(f"{body_name(mission)} thông báo kết luận kiểm tra như sau:")
    return tuple(lines)


def decision_ground(mission: Mission) -> str:
    """The decision establishing the team; blanks to write in when the portal has not recorded it."""
    if mission.decision_ref:
        return (f"Căn cứ Quyết định số {mission.decision_ref} ngày {day(mission.decision_date)} của "
                f"{body_name(mission)} về việc thành lập {TEAM};")
    if mission.plan is not None and mission.plan.ref:
        return f"Căn cứ Kế hoạch kiểm tra số {mission.plan.ref} ngày {day(mission.plan.issued_on)};"
    return f"Căn cứ Quyết định số {BLANK} ngày {BLANK} của {body_name(mission)} về việc thành lập {TEAM};"


def overview(mission: Mission, units: list[str]) -> Section:
    lines = [f"Đơn vị được kiểm tra: {joined(units) or BLANK}.",
             f"Thời kỳ kiểm tra: {period(mission.period_from, mission.period_to)}."]
    if mission.sessions:
        lines.append("Thời gian làm việc: " + ", ".join(day(s.held_on) for s in mission.sessions) + ".")
    head = next((member for member in mission.members if member.role == TeamRole.HEAD), None)
    if head is not None:
        lines.append(f"Trưởng đoàn: {head_line(head)}.")
    return Section("KHÁI QUÁT CHUNG", tuple(Paragraph(line) for line in lines))


def head_line(member: MissionMember) -> str:
    return f"{member.display_name}, {member.position}" if member.position else member.display_name


def results(findings: list[Finding]) -> Section:
    good, bad = data.strengths(findings), data.shortcomings(findings)
    return Section("KẾT QUẢ KIỂM TRA", (
        Subheading("1. Ưu điểm"), _finding_lines(good, "Không ghi nhận ưu điểm riêng."),
        Subheading("2. Tồn tại, hạn chế"), _finding_lines(bad, "Không có tồn tại, hạn chế.")))


def _finding_lines(findings: list[Finding], none: str) -> Bullets:
    return Bullets(tuple(finding_line(finding) for finding in findings) or (none,))


def finding_line(finding: Finding) -> str:
    text = finding.title.rstrip(".")
    if finding.description:
        text += f": {finding.description.rstrip('.')}"
    if finding.figures:
        text += f" ({finding.figures})"
    return text + "."


RECOMMENDATION_COLUMNS = (Column("STT", 0.5, "center"), Column("Số kiến nghị", 1.4),
                          Column("Nội dung kiến nghị", 4), Column("Đơn vị chịu trách nhiệm", 2),
                          Column("Thời hạn", 1.2, "center"))


def recommendation_section(recommendations: list[Recommendation], on: datetime.date) -> Section:
    rows = tuple((str(index), rec.number, rec.text, responsible(rec, on), day(rec.original_due or rec.current_due))
                 for index, rec in enumerate(recommendations, start=1))
    if not rows:
        return Section("KIẾN NGHỊ", (Paragraph("Không có kiến nghị."),))
    return Section("KIẾN NGHỊ", (Table(RECOMMENDATION_COLUMNS, rows),))


def responsible(rec: Recommendation, on: datetime.date) -> str:
    return joined(data.original_unit(share).name_on(on) for share in rec.responsibilities)


def requests(mission: Mission, recommendations: list[Recommendation], on: datetime.date) -> Section:
    """Each responsible unit is asked to carry out its recommendations and report back."""
    numbers: dict[str, list[str]] = defaultdict(list)
    for rec in recommendations:
        for share in rec.responsibilities:
            numbers[data.original_unit(share).name_on(on)].append(rec.number)
    lines = [f"Đề nghị {unit} tổ chức thực hiện các kiến nghị số {', '.join(nums)} nêu tại Mục III; báo cáo kết "
             f"quả khắc phục kèm minh chứng về {body_name(mission)} đúng thời hạn." for unit, nums in numbers.items()]
    lines.append(f"{TEAM} theo dõi, đôn đốc và xác minh kết quả thực hiện các kiến nghị trên Cổng kiểm tra, "
                 "giám sát công tác thi đua, khen thưởng.")
    return Section("TỔ CHỨC THỰC HIỆN", tuple(Paragraph(line) for line in lines))


KIND = register(Kind(key="conclusion", label=_l("Thông báo kết luận kiểm tra"), type_code="TB",
                     load=data.load_mission, describe=data.describe_mission, build=build, subject_type="mission"))
