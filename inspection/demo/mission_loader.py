"""Loads the 2017 mission of the seed and its follow-up through the workflow services, as the demo
inspector and the demo unit officer would have entered them."""

from dataclasses import dataclass

from sqlalchemy import select

from inspection.access import SYSTEM
from inspection.auth.models import User
from inspection.council import services as council
from inspection.demo import mission2017 as data
from inspection.documents.refs import parse_ref
from inspection.extensions import db
from inspection.findings import services as findings
from inspection.findings.models import (
    FindingCategory,
    FindingKind,
    Recommendation,
    Severity,
    UnitStatus,
    VerificationMethod,
    VerifiedStatus,
)
from inspection.findings.transfer import transfer_open_recommendations
from inspection.missions import services as missions
from inspection.missions.models import MissionKind, MissionStatus, TeamRole
from inspection.missions.session_services import SessionDetails, add_self_report, add_session
from inspection.responses import deadlines
from inspection.responses import services as responses
from inspection.timeutil import today_vn
from inspection.units.queries import unit_by_code

CONCLUDED_ON = data.PERIOD[1].replace(month=12, day=6)


@dataclass
class Cast:
    inspector: User
    officer: User


def load_mission_2017() -> None:
    cast = Cast(_user("inspector"), _user("unit"))
    mission = _mission(cast)
    recommendations = _findings(cast, mission)
    missions.change_status(cast.inspector, mission, MissionStatus.CONCLUDED, conclusion_date=CONCLUDED_ON)
    for key, recommendation in recommendations.items():
        _follow_up(cast, recommendation, data.FOLLOW_UP[key])
    _transfer_after_2025()
    _review_session()


def _user(username: str) -> User:
    return db.session.scalar(select(User).where(User.username == username))


def _mission(cast: Cast):
    details = missions.MissionDetails(
        kind=MissionKind.INSPECTION, title=data.TITLE, units=[unit_by_code("KG")], issuing_body=data.ISSUING_BODY,
        issuing_unit=unit_by_code("TW-HDTDKT"), period_from=data.PERIOD[0], period_to=data.PERIOD[1],
        planned_start=data.SESSION["held_on"], planned_end=CONCLUDED_ON)
    mission = missions.create_mission(cast.inspector, details, creator_role=TeamRole.MEMBER)
    missions.add_member(cast.inspector, mission, role=TeamRole.HEAD, outsider_name=data.HEAD[0], position=data.HEAD[1])
    missions.change_status(cast.inspector, mission, MissionStatus.PLANNED)
    missions.change_status(cast.inspector, mission, MissionStatus.IN_PROGRESS)
    ref, day, subject = data.SELF_REPORT
    add_self_report(cast.inspector, mission, unit=unit_by_code("KG"), ref=parse_ref(ref), report_date=day,
                    subject=subject)
    return mission


def _findings(cast: Cast, mission) -> dict[str, Recommendation]:
    session = add_session(cast.inspector, mission, SessionDetails(
        held_on=data.SESSION["held_on"], unit=unit_by_code("KG"), place=data.SESSION["place"],
        team_participants=data.SESSION["team"], unit_participants=data.SESSION["unit"],
        content=data.SESSION["content"]))
    category, title, description = data.STRENGTH
    findings.create_finding(cast.inspector, mission, unit=unit_by_code("KG"), category=FindingCategory(category),
                            title=title, kind=FindingKind.STRENGTH, severity=Severity.MINOR,
                            working_session=session, description=description)
    return {row[0]: _shortcoming(cast, mission, session, row) for row in data.SHORTCOMINGS}


def _shortcoming(cast: Cast, mission, session, row) -> Recommendation:
    _key, category, severity, title, figures, text, due, codes = row
    finding = findings.create_finding(cast.inspector, mission, unit=unit_by_code("KG"),
                                      category=FindingCategory(category), title=title, severity=Severity(severity),
                                      working_session=session, figures=figures)
    return findings.create_recommendation(cast.inspector, finding, text=text, issued_on=CONCLUDED_ON, due=due,
                                          responsible_units=[unit_by_code(code) for code in codes])


def _follow_up(cast: Cast, recommendation: Recommendation, plan: dict) -> None:
    share = recommendation.responsibilities[0]
    if plan.get("message"):
        responses.post_message(cast.officer, recommendation, plan["message"], unit=share.unit)
    if plan["progress"] != "not_started":
        responses.report_progress(cast.officer, share, UnitStatus.IN_PROGRESS)
    if plan["progress"] == "reported_done":
        responses.report_progress(cast.officer, share, UnitStatus.REPORTED_DONE)
    if "extension" in plan:
        requested, reason = plan["extension"]
        change = deadlines.request_extension(cast.officer, recommendation, share.unit, requested, reason)
        deadlines.decide_extension(cast.inspector, change, True, "Đồng ý gia hạn.")
    if "verified" in plan:
        status, method = plan["verified"]
        findings.verify(cast.inspector, recommendation, VerifiedStatus(status), VerificationMethod(method),
                        "Đã xem kế hoạch và báo cáo kết quả của tỉnh.", version=recommendation.version)


def _transfer_after_2025() -> None:
    basis = parse_ref("202/2025/QH15")
    for old, new in (("KG", "AG"), ("KG-SNV", "AG-SNV")):
        transfer_open_recommendations(SYSTEM, unit_by_code(old), unit_by_code(new), basis,
                                      note="Chuyển theo sắp xếp đơn vị hành chính từ 01/07/2025.")


def _review_session() -> None:
    """Today's council session, still open, with the portal's proposals on its agenda for the demo council
    to decide (nothing is decided, so the recommendations stay as the follow-up left them)."""
    council.open_session(_user("council"), council.SessionDetails(
        title=council.DEFAULT_TITLE, held_on=today_vn(), overdue_days=30, place="Trụ sở UBND tỉnh An Giang",
        chaired_by="Phó Chủ tịch UBND tỉnh – Chủ tịch Hội đồng Thi đua – Khen thưởng tỉnh",
        participants="Phó Chủ tịch UBND tỉnh – Chủ tịch Hội đồng\n"
                     "Giám đốc Sở Nội vụ – Phó Chủ tịch Thường trực Hội đồng\n"
                     "Các thành viên Hội đồng Thi đua – Khen thưởng tỉnh\n"
                     "Trưởng phòng Thi đua – Khen thưởng, Sở Nội vụ – Thư ký Hội đồng"))
