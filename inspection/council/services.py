"""Review sessions: opening one (with the portal's proposals on its agenda), adding and removing items,
closing it. Decisions on items are in decisions.py. Every change is audited; the caller commits once."""

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from inspection import access, audit
from inspection.council.access import can_decide
from inspection.council.models import (
    SESSION_TRANSITIONS,
    Decision,
    ItemReason,
    ReviewItem,
    ReviewSession,
    SessionStatus,
)
from inspection.council.proposals import days_overdue, proposal_query
from inspection.documents.refs import DocRef
from inspection.extensions import db
from inspection.findings.models import Recommendation
from inspection.findings.queries import recommendations_named
from inspection.rules import RuleViolation, require_version
from inspection.timeutil import utcnow

#: the title a new session starts with: the minutes are an official document, always in Vietnamese
DEFAULT_TITLE = "Phiên họp Hội đồng Thi đua – Khen thưởng tỉnh"


@dataclass
class SessionDetails:
    title: str
    held_on: date | None
    participants: str
    overdue_days: int
    place: str | None = None
    chaired_by: str | None = None


# --- rules shared with decisions.py ---------------------------------------------------------------------------


def require_decider(actor) -> None:
    """The council and admins (or the system itself: demo data, command line)."""
    if not access.permits(actor, can_decide):
        raise RuleViolation(_("Chỉ Hội đồng hoặc quản trị hệ thống mới được thay đổi phiên họp."))


def require_open(session: ReviewSession) -> None:
    if session.status != SessionStatus.OPEN:
        raise RuleViolation(_("Phiên họp đã kết thúc: biên bản chỉ còn để xem và in, không thể thay đổi."))


def vn_day(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "—"


# --- opening a session ----------------------------------------------------------------------------------------


def open_session(actor, details: SessionDetails) -> ReviewSession:
    """A new open session whose agenda holds the portal's proposals (see proposals.py)."""
    require_decider(actor)
    _check(details)
    session = ReviewSession(
        title=details.title.strip(), held_on=details.held_on, place=_blank_to_none(details.place),
        chaired_by=_blank_to_none(details.chaired_by), participants="\n".join(_lines(details.participants)),
        overdue_days=details.overdue_days, created_by_id=getattr(actor, "id", None))
    db.session.add(session)
    db.session.flush()
    audit.record(actor, "council.open", session,
                 audit.text("Mở phiên họp “%(title)s” ngày %(day)s", title=session.title, day=vn_day(session.held_on)),
                 after=audit.changes(session, ("title", "held_on", "place", "overdue_days")))
    proposals = db.session.execute(proposal_query(session.held_on, session.overdue_days)).all()
    _put_on_agenda(actor, session, [(rec, ItemReason(reason)) for rec, reason in proposals], first_position=1)
    return session


def _check(details: SessionDetails) -> None:
    if not details.title.strip():
        raise RuleViolation(_("hãy nhập tên phiên họp."), field="title")
    if details.held_on is None:
        raise RuleViolation(_("hãy nhập ngày họp theo dạng dd/mm/yyyy."), field="held_on")
    if not _lines(details.participants):
        raise RuleViolation(_("hãy ghi thành phần tham dự, mỗi người một dòng."), field="participants")
    if details.overdue_days is None or details.overdue_days < 0:
        raise RuleViolation(_("phải là số ngày, từ 0 trở lên."), field="overdue_days")


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _blank_to_none(text: str | None) -> str | None:
    return (text or "").strip() or None


def _put_on_agenda(actor, session: ReviewSession, entries: list[tuple[Recommendation, ItemReason]],
                   first_position: int) -> list[ReviewItem]:
    items = [ReviewItem(session=session, recommendation=rec, reason=reason, position=first_position + index,
                        days_overdue=days_overdue(rec.current_due, session.held_on))
             for index, (rec, reason) in enumerate(entries)]
    db.session.add_all(items)
    db.session.flush()
    for item in items:  # the recommendation's history says when it went before the council, and why
        audit.record(actor, "council.agenda", item.recommendation,
                     audit.text("Đưa ra phiên họp “%(title)s” ngày %(day)s: %(reason)s", title=session.title,
                                day=vn_day(session.held_on), reason=reason_text(item)))
    return items


def reason_text(item: ReviewItem) -> str:
    """"Quá hạn 80 ngày", or the reason with how overdue the item is ("… (quá hạn 80 ngày)")."""
    if item.reason == ItemReason.OVERDUE and item.days_overdue:
        return audit.text("Quá hạn %(days)s ngày", days=item.days_overdue)
    text = audit.text("%(reason)s", reason=item.reason.lazy_label)
    if item.days_overdue:
        text += audit.text(" (quá hạn %(days)s ngày)", days=item.days_overdue)
    return text


# --- adding and removing items ---------------------------------------------------------------------------------

def add_items(actor, session: ReviewSession, references: list[int | str]) -> list[ReviewItem]:
    """Put recommendations on the agenda, named by number ("KN-03/Đ12-2017") or by id; every one must be a
    known, open recommendation not yet on this agenda, or nothing is added."""
    require_decider(actor)
    require_open(session)
    wanted = list(dict.fromkeys(references))
    if not wanted:
        raise RuleViolation(_("hãy nhập ít nhất một số kiến nghị."), field="numbers")
    found = recommendations_named(wanted)
    recs = list({found[ref].id: found[ref] for ref in wanted if ref in found}.values())
    on_agenda = set(db.session.scalars(select(ReviewItem.recommendation_id).where(
        ReviewItem.session_id == session.id, ReviewItem.recommendation_id.in_([rec.id for rec in recs]))))
    problems = _problems([str(ref) for ref in wanted if ref not in found], recs, on_agenda) + _elsewhere(
        session, [rec for rec in recs if rec.id not in on_agenda])
    if problems:
        raise RuleViolation(" ".join(problems), field="numbers")
    last = db.session.scalar(select(func.max(ReviewItem.position)).where(ReviewItem.session_id == session.id))
    items = _put_on_agenda(actor, session, [(rec, ItemReason.ADDED) for rec in recs], first_position=(last or 0) + 1)
    audit.record(actor, "council.agenda_add", session,
                 audit.text("Bổ sung kiến nghị số %(numbers)s vào chương trình",
                            numbers=", ".join(rec.number for rec in recs)))
    return items


def _problems(unknown: list[str], recs: list[Recommendation], on_agenda: set[int]) -> list[str]:
    problems = []
    if unknown:
        problems.append(_("không có kiến nghị số %(numbers)s.", numbers=", ".join(unknown)))
    problems += [_("kiến nghị số %(number)s đã được kết luận (%(status)s), không cần đưa ra phiên họp.",
                   number=rec.number, status=rec.verified_status.label) for rec in recs if not rec.is_open]
    again = [rec.number for rec in recs if rec.id in on_agenda]
    if again:
        problems.append(_("kiến nghị số %(numbers)s đã có trong chương trình phiên họp.", numbers=", ".join(again)))
    return problems


def _elsewhere(session: ReviewSession, recs: list[Recommendation]) -> list[str]:
    """Items waiting for a decision in another open session: two sessions must not decide one item at once."""
    numbers = {rec.id: rec.number for rec in recs}
    query = (select(ReviewItem.recommendation_id, ReviewSession.held_on)
             .join(ReviewSession, ReviewSession.id == ReviewItem.session_id)
             .where(ReviewItem.recommendation_id.in_(numbers), ReviewItem.decision == Decision.PENDING,
                    ReviewSession.status == SessionStatus.OPEN, ReviewSession.id != session.id))
    return [_("kiến nghị số %(number)s đang chờ quyết định trong phiên họp ngày %(day)s; hãy quyết định hoặc bỏ "
              "khỏi chương trình phiên đó trước.", number=numbers[rec_id], day=vn_day(held_on))
            for rec_id, held_on in db.session.execute(query)]


def remove_item(actor, item: ReviewItem) -> None:
    """Take an undecided item off the agenda (it may come back in a later session)."""
    require_decider(actor)
    session = item.session
    require_open(session)
    if item.decision != Decision.PENDING:
        raise RuleViolation(_("Kiến nghị số %(number)s đã có quyết định (%(decision)s), không thể bỏ khỏi chương "
                              "trình.", number=item.recommendation.number, decision=item.decision.label))
    recommendation = item.recommendation
    session.items.remove(item)
    db.session.flush()
    audit.record(actor, "council.agenda_remove", recommendation,
                 audit.text("Rút khỏi chương trình phiên họp “%(title)s” ngày %(day)s", title=session.title,
                            day=vn_day(session.held_on)))
    audit.record(actor, "council.agenda_remove", session,
                 audit.text("Bỏ kiến nghị số %(number)s khỏi chương trình", number=recommendation.number))


# --- closing --------------------------------------------------------------------------------------------------


def pending_count(session: ReviewSession) -> int:
    return db.session.scalar(select(func.count(ReviewItem.id)).where(
        ReviewItem.session_id == session.id, ReviewItem.decision == Decision.PENDING)) or 0


def close_session(actor, session: ReviewSession, *, minutes_ref: DocRef | None, conclusion: str | None,
                  version: int | None) -> ReviewSession:
    """Close once every item has a decision; the session is read-only afterwards."""
    require_decider(actor)
    require_open(session)
    conclusion = _blank_to_none(conclusion)
    require_version(session, version, {"minutes_ref": minutes_ref, "conclusion": conclusion},
                    labels={"minutes_ref": _("Số biên bản"), "conclusion": _("Kết luận chung")})
    pending = pending_count(session)
    if pending:
        raise RuleViolation(_("Còn %(count)s kiến nghị chưa có quyết định. Hãy quyết định (có thể hoãn sang phiên "
                              "sau) hoặc bỏ khỏi chương trình trước khi kết thúc phiên họp.", count=pending))
    SESSION_TRANSITIONS.check(session.status, SessionStatus.CLOSED)
    session.status, session.closed_at = SessionStatus.CLOSED, utcnow()
    session.minutes_ref, session.conclusion = minutes_ref, conclusion
    db.session.flush()
    audit.record(actor, "council.close", session,
                 audit.text("Kết thúc phiên họp “%(title)s” ngày %(day)s", title=session.title,
                            day=vn_day(session.held_on)),
                 after={"minutes_ref": minutes_ref, "conclusion": conclusion})
    return session
