"""Date warnings of a mission: dates that are allowed but probably wrong, shown on the mission page and after
a save (warnings, never refusals: the source may really say so, as the 2017 article does).

- a working session held before the self-report it reviews (the first report of its unit in the mission);
- a session, or a recommendation of the mission's findings, dated outside the mission's period: before its
  start, or more than a year (GRACE) after its end (an inspection of a year is held in the months after it);
- any date of the mission, its sessions, self-reports or recommendations more than FAR_PAST before today or
  FAR_FUTURE after it (a mistyped year: 1917, 2071).

The mission's own checks read the mission, its sessions and self-reports (a handful, loaded with the workspace's
mission); the recommendations' check is one SQL query over the mission. Features above this one add their records'
checks to the page sections' registry (sections.MISSION_DATE_CHECKS: the findings add the recommendations' dates),
so the page and the saves ask one function, `for_mission`, and `about(record)` keeps the warnings of one saved
record.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import gettext as _

from inspection import sections
from inspection.formatting import vn_date
from inspection.missions.models import Mission, SelfReport, WorkingSession
from inspection.timeutil import today_vn

#: a session up to a year after the period it inspects is normal; later, probably a mistyped year
GRACE = timedelta(days=365)
#: dates before 1 January of 20 years ago (a 2017 mission stays quiet until 2037) or a year ahead: probably typos
FAR_PAST_YEARS = 20
FAR_FUTURE = timedelta(days=365)


@dataclass(frozen=True)
class DateWarning:
    """One warning: the message, and the record it is about with the page that shows it."""

    message: str
    about: str  # "mission", "session", "self_report", "recommendation"
    record_id: int
    endpoint: str
    params: dict = field(default_factory=dict, compare=False, hash=False)
    #: other records the warning is about: (about, record id)
    also: tuple[tuple[str, int], ...] = ()

    def concerns(self, about: str, record_id: int) -> bool:
        return (self.about, self.record_id) == (about, record_id) or (about, record_id) in self.also


@dataclass(frozen=True)
class Bounds:
    """The mission's window (None: no period entered) and the plausible dates."""

    start: date | None
    end: date | None
    earliest: date
    latest: date

    def outside_period(self, day: date) -> bool:
        return (self.start is not None and day < self.start) or (self.end is not None and day > self.end + GRACE)

    def far(self, day: date | None) -> bool:
        return day is not None and not self.earliest <= day <= self.latest


#: a feature's check of its records (registered with sections.contribute(sections.MISSION_DATE_CHECKS, …))
Check = Callable[[Mission, Bounds], list[DateWarning]]


def bounds_of(mission: Mission, today: date | None = None) -> Bounds:
    today = today or today_vn()
    ends = [day for day in (mission.period_to, mission.planned_end) if day]
    return Bounds(start=mission.period_from or mission.planned_start, end=max(ends) if ends else None,
                  earliest=date(today.year - FAR_PAST_YEARS, 1, 1),
                  latest=today + FAR_FUTURE)


def for_mission(mission: Mission, today: date | None = None) -> list[DateWarning]:
    bounds = bounds_of(mission, today)
    found = _mission_dates(mission, bounds) + _sessions_before_reports(mission) + _sessions(mission, bounds)
    found += _reports(mission, bounds)
    for check in sections.sections_of(sections.MISSION_DATE_CHECKS):
        found += check(mission, bounds)
    return found


def about(record, mission: Mission, today: date | None = None) -> list[DateWarning]:
    """The warnings about one record just saved (a mission: all of its own and its records')."""
    warnings = for_mission(mission, today)
    if isinstance(record, Mission):
        return warnings
    kind = KINDS.get(type(record).__name__)
    return [warning for warning in warnings if warning.concerns(kind, record.id)]


KINDS = {"WorkingSession": "session", "SelfReport": "self_report", "Recommendation": "recommendation"}


def far_message(label: str, value: date) -> str:
    return _("%(what)s: ngày %(day)s cách hôm nay quá xa, có thể đã gõ nhầm năm.", what=label, day=vn_date(value))


# --- the mission's own dates ---------------------------------------------------------------------

def _mission_dates(mission: Mission, bounds: Bounds) -> list[DateWarning]:
    dates = ((_("Ngày quyết định thành lập đoàn"), mission.decision_date),
             (_("Thời kỳ kiểm tra từ ngày"), mission.period_from), (_("Thời kỳ kiểm tra đến ngày"), mission.period_to),
             (_("Ngày bắt đầu dự kiến"), mission.planned_start), (_("Ngày kết thúc dự kiến"), mission.planned_end),
             (_("Ngày thông báo kết luận"), mission.conclusion_date))
    return [DateWarning(far_message(label, value), "mission", mission.id, "missions.edit", {"mission_id": mission.id})
            for label, value in dates if bounds.far(value)]


# --- sessions and self-reports -------------------------------------------------------------------

def _sessions_before_reports(mission: Mission) -> list[DateWarning]:
    """Sessions held before the first self-report of their unit (which they review). Read from the mission's
    sessions and self-reports (a handful, which the workspace has already loaded: no query of its own)."""
    first: dict[int, SelfReport] = {}
    for report in sorted((report for report in mission.self_reports if report.report_date),
                         key=lambda report: (report.report_date, report.id)):
        first.setdefault(report.unit_id, report)
    early = [(session, first[session.unit_id]) for session in _in_order(mission.sessions)
             if session.unit_id in first and session.held_on < first[session.unit_id].report_date]
    return [_session_warning(session.id, _(
        "Buổi làm việc ngày %(held)s diễn ra trước báo cáo tự kiểm tra %(ref)s ngày %(reported)s mà buổi làm việc "
        "xem xét.", held=vn_date(session.held_on), ref=report.ref, reported=vn_date(report.report_date)),
        also=(("self_report", report.id),)) for session, report in early]


def _in_order(sessions: list[WorkingSession]) -> list[WorkingSession]:
    return sorted((session for session in sessions if session.held_on),
                  key=lambda session: (session.held_on, session.id))


def _sessions(mission: Mission, bounds: Bounds) -> list[DateWarning]:
    found = []
    for session in _in_order(mission.sessions):
        held_on, minutes_date = session.held_on, session.minutes_date
        if bounds.far(held_on):
            found.append(_session_warning(session.id, far_message(_("Buổi làm việc"), held_on)))
        elif bounds.outside_period(held_on):
            found.append(_session_warning(session.id, _(
                "Buổi làm việc ngày %(held)s nằm ngoài thời kỳ của đoàn (%(period)s).", held=vn_date(held_on),
                period=period_text(bounds))))
        if bounds.far(minutes_date):
            found.append(_session_warning(session.id, far_message(_("Biên bản buổi làm việc"), minutes_date)))
    return found


def _reports(mission: Mission, bounds: Bounds) -> list[DateWarning]:
    reports = sorted((report for report in mission.self_reports if bounds.far(report.report_date)),
                     key=lambda report: (report.report_date, report.id))
    return [DateWarning(far_message(_("Báo cáo tự kiểm tra %(ref)s", ref=report.ref), report.report_date),
                        "self_report", report.id, "missions.workspace", _report_anchor(mission, report.id))
            for report in reports]


def _report_anchor(mission: Mission, report_id: int) -> dict:
    return {"mission_id": mission.id, "_anchor": f"self-report-{report_id}"}


def _session_warning(session_id: int, message: str, also: tuple = ()) -> DateWarning:
    return DateWarning(message, "session", session_id, "missions.session", {"session_id": session_id}, also)


def _unusual(column, bounds: Bounds, *, period: bool = False):
    """SQL: the date is far from today or, with `period`, outside the mission's window."""
    clause = (column < bounds.earliest) | (column > bounds.latest)
    if period and bounds.start is not None:
        clause = clause | (column < bounds.start)
    if period and bounds.end is not None:
        clause = clause | (column > bounds.end + GRACE)
    return clause


def unusual(column, bounds: Bounds):
    """The clause of a date that is far from today or outside the mission's window (for contributed checks)."""
    return _unusual(column, bounds, period=True)


def period_text(bounds: Bounds) -> str:
    start = vn_date(bounds.start) if bounds.start else "…"
    end = vn_date(bounds.end) if bounds.end else "…"
    return f"{start} – {end}"
