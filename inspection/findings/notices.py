"""Who hears of what happens to a recommendation, written as notices in the change's own transaction (mail
goes after the commit, inspection/notifications/mail.py). The units' officers hear of the team's work on
their recommendations (a new one, a verdict, a reopening); the team hears of the units' (responses/notices.py,
through the audiences here). Nobody is told of their own action. Texts are in Vietnamese whatever the actor's
language, as the council's notices are: the reader may read another language. Changes by the system actor
(access.SYSTEM: data loads, the demo) tell nobody."""

from sqlalchemy import select

from inspection import audit
from inspection.auth.models import Role, User, user_units
from inspection.extensions import db
from inspection.findings.models import Recommendation
from inspection.formatting import vn_date
from inspection.missions.models import MissionMember
from inspection.notifications.compose import RECOMMENDATION, excerpt, recommendation_name, recommendation_path
from inspection.notifications.links import path_for
from inspection.notifications.models import NotificationKind
from inspection.notifications.services import notify
from inspection.units.models import Unit

# --- audiences -----------------------------------------------------------------------------------------------


def unit_officers(unit_ids, actor=None) -> list[User]:
    """The active officers of these units, the actor left out."""
    officers = (select(User).join(user_units, user_units.c.user_id == User.id)
                .where(user_units.c.unit_id.in_(set(unit_ids)), User.role == Role.UNIT_OFFICER))
    return _active_others(officers, actor)


def mission_team(recommendation: Recommendation, actor=None) -> list[User]:
    """The active members with an account of the team whose mission issued the recommendation."""
    members = (select(User).join(MissionMember, MissionMember.user_id == User.id)
               .where(MissionMember.mission_id == recommendation.finding.mission_id))
    return _active_others(members, actor)


def council(actor=None) -> list[User]:
    return _active_others(select(User).where(User.role == Role.COUNCIL), actor)


def _active_others(query, actor) -> list[User]:
    query = query.where(User.is_active_account.is_(True)).distinct().order_by(User.id)
    if getattr(actor, "id", None) is not None:
        query = query.where(User.id != actor.id)
    return list(db.session.scalars(query))


def tell(actor, users: list[User], kind: NotificationKind, recommendation: Recommendation | None, subject: str,
         body: str, link: str | None = None) -> None:
    """A notice about the recommendation, linking to its page (which marks it read), or about several, linking
    to `link`. What the system records by itself (a data load, the demo, a test's setting) is not news to
    anyone: no notice."""
    if not users or getattr(actor, "is_system", False):
        return
    if recommendation is None:
        notify(users, kind, subject, body, link)
    else:
        notify(users, kind, subject, body, recommendation_path(recommendation),
               about=(RECOMMENDATION, recommendation.id))


def _quoted(recommendation: Recommendation) -> str:
    return audit.text("%(name)s: “%(text)s”", name=recommendation_name(recommendation),
                      text=excerpt(recommendation.text))


# --- the team's work, to the units ---------------------------------------------------------------------------------


def notify_issued(actor, recommendation: Recommendation, units: list[Unit]) -> None:
    """Each unit newly made responsible (at issue or added later) hears of it; the others already knew."""
    due = vn_date(recommendation.current_due) or "—"
    tell(actor, unit_officers({unit.id for unit in units}, actor), NotificationKind.ISSUED, recommendation,
         audit.text("%(name)s giao cho đơn vị của bạn, hạn %(due)s", name=recommendation_name(recommendation),
                    due=due),
         audit.text("%(mission)s giao đơn vị của bạn thực hiện %(quoted)s. Hạn thực hiện: %(due)s.",
                    mission=recommendation.finding.mission.title, quoted=_quoted(recommendation), due=due))


#: a transfer's notice names at most this many recommendations; the link lists them all
NAMED_IN_TRANSFER = 20


def notify_transferred(actor, from_unit: Unit, to_unit: Unit, moved: list[Recommendation]) -> None:
    """The successor's officers hear once of everything they now carry (one notice, not one per item)."""
    if not moved:
        return
    names = ", ".join(recommendation_name(rec) for rec in moved[:NAMED_IN_TRANSFER])
    more = "…" if len(moved) > NAMED_IN_TRANSFER else ""
    tell(actor, unit_officers({to_unit.id}, actor), NotificationKind.ISSUED, None,
         audit.text("%(count)s kiến nghị của %(old)s chuyển cho đơn vị của bạn", count=len(moved),
                    old=from_unit.name),
         audit.text("Các kiến nghị chưa kết luận của %(old)s nay do %(new)s chịu trách nhiệm: %(names)s%(more)s.",
                    old=from_unit.name, new=to_unit.name, names=names, more=more),
         link=path_for("findings.register", responsible=to_unit.code))


def notify_verdict(actor, recommendation: Recommendation) -> None:
    status = recommendation.verified_status.lazy_label
    note = recommendation.verification_note
    tell(actor, responsible_officers(recommendation, actor), NotificationKind.VERDICT, recommendation,
         audit.text("%(name)s đã được xác minh: %(status)s", name=recommendation_name(recommendation), status=status),
         audit.text("Đoàn kiểm tra đã xác minh %(quoted)s. Kết quả: %(status)s.%(note)s",
                    quoted=_quoted(recommendation), status=status, note=_note(note)))


def notify_reopened(actor, recommendation: Recommendation) -> None:
    tell(actor, responsible_officers(recommendation, actor), NotificationKind.REOPENED, recommendation,
         audit.text("%(name)s được mở lại", name=recommendation_name(recommendation)),
         audit.text("Đoàn kiểm tra đã mở lại %(quoted)s; đơn vị tiếp tục thực hiện và báo cáo.%(note)s",
                    quoted=_quoted(recommendation), note=_note(recommendation.verification_note)))


def responsible_officers(recommendation: Recommendation, actor) -> list[User]:
    return unit_officers({share.unit_id for share in recommendation.responsibilities}, actor)


def _note(note: str | None) -> str:
    return audit.text(" Ý kiến: %(note)s", note=excerpt(note)) if note else ""
