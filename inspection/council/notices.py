"""Who hears of a council decision: the officers of the responsible units (every decision), and for an
escalation also the officers of the units supervising them and the council itself. Texts are in
Vietnamese whatever the actor's language: the units read them, and they quote an official decision."""

from sqlalchemy import and_, or_, select

from inspection import audit
from inspection.auth.models import Role, User
from inspection.council.models import ReviewItem
from inspection.extensions import db
from inspection.findings.models import Recommendation
from inspection.notifications.models import NotificationKind
from inspection.notifications.services import notify
from inspection.units.models import Unit


def recommendation_link(recommendation: Recommendation) -> str:
    """A path inside the portal (notifications never carry outside addresses)."""
    return f"/recommendations/{recommendation.id}"


def officers_of(unit_ids: set[int]):
    """WHERE clause: the officers of any of these units."""
    return and_(User.role == Role.UNIT_OFFICER, User.units.any(Unit.id.in_(unit_ids)))


def active_users(*conditions) -> list[User]:
    return list(db.session.scalars(select(User).where(User.is_active_account.is_(True), or_(*conditions))
                                   .order_by(User.id)))


def notify_decision(item: ReviewItem, decision_text: str) -> None:
    """The responsible units' officers learn what the council decided on their item."""
    recommendation = item.recommendation
    officers = active_users(officers_of({share.unit_id for share in recommendation.responsibilities}))
    notify(officers, NotificationKind.DECISION,
           audit.text("Quyết định của Hội đồng về kiến nghị số %(number)s: %(decision)s",
                      number=recommendation.number, decision=item.decision.lazy_label),
           _body(item, decision_text), recommendation_link(recommendation))


def notify_escalation(item: ReviewItem) -> None:
    """The supervising units' officers and the council are told the item was reported upwards."""
    recommendation = item.recommendation
    supervisors = {share.unit.parent_id for share in recommendation.responsibilities} - {None}
    recipients = active_users(User.role == Role.COUNCIL, officers_of(supervisors))
    notify(recipients, NotificationKind.ESCALATION,
           audit.text("Báo cáo cơ quan cấp trên: kiến nghị số %(number)s của %(units)s chưa được thực hiện",
                      number=recommendation.number, units=unit_names(recommendation)),
           _body(item, audit.text("báo cáo cơ quan quản lý cấp trên. %(note)s", note=item.decision_note or "")),
           recommendation_link(recommendation))


def unit_names(recommendation: Recommendation) -> str:
    return ", ".join(share.unit.name for share in recommendation.responsibilities)


def _body(item: ReviewItem, decision_text: str) -> str:
    session, recommendation = item.session, item.recommendation
    return audit.text("%(title)s ngày %(day)s đã quyết định về kiến nghị “%(text)s” (đơn vị thực hiện: %(units)s, "
                      "hạn hiện tại %(due)s): %(decision)s",
                      title=session.title, day=session.held_on.strftime("%d/%m/%Y"),
                      text=_short(recommendation.text), units=unit_names(recommendation),
                      due=recommendation.current_due.strftime("%d/%m/%Y") if recommendation.current_due else "—",
                      decision=decision_text)


def _short(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
