"""The findings' part of a mission's date warnings (inspection/missions/date_warnings.py): a recommendation
issued outside the mission's period, or on a date far from today. A finding has no date of its own; it is
issued, with its recommendations, on their date."""

from flask_babel import gettext as _
from sqlalchemy import select

from inspection import sections
from inspection.extensions import db
from inspection.findings.models import Finding, Recommendation
from inspection.formatting import vn_date
from inspection.missions import date_warnings
from inspection.missions.date_warnings import Bounds, DateWarning, far_message, period_text
from inspection.missions.models import Mission


def recommendation_warnings(mission: Mission, bounds: Bounds) -> list[DateWarning]:
    rows = db.session.execute(
        select(Recommendation.id, Recommendation.number, Recommendation.issued_on)
        .join(Finding, Finding.id == Recommendation.finding_id)
        .where(Finding.mission_id == mission.id, date_warnings.unusual(Recommendation.issued_on, bounds))
        .order_by(Recommendation.issued_on, Recommendation.id)).all()
    return [DateWarning(_message(number, issued_on, bounds), "recommendation", rec_id, "findings.recommendation",
                        {"recommendation_id": rec_id}) for rec_id, number, issued_on in rows]


def _message(number: str, issued_on, bounds: Bounds) -> str:
    if bounds.far(issued_on):
        return far_message(_("Kiến nghị %(number)s", number=number), issued_on)
    return _("Kiến nghị %(number)s ban hành ngày %(day)s, ngoài thời kỳ của đoàn (%(period)s).", number=number,
             day=vn_date(issued_on), period=period_text(bounds))


sections.contribute(sections.MISSION_DATE_CHECKS, recommendation_warnings)
