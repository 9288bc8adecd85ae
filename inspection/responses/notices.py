"""What the two sides of a recommendation tell each other, as notices in the change's transaction: a unit's
message, evidence, report of "done" or extension request reaches the mission's team (an extension request the
council too, which may decide it); the team's message or decision on an extension reaches the unit's officers.
The audiences are findings/notices.py's; nobody is told of their own action."""

from inspection import audit
from inspection.findings.models import Recommendation, Responsibility
from inspection.findings.notices import council, mission_team, responsible_officers, tell, unit_officers
from inspection.formatting import vn_date
from inspection.notifications.compose import excerpt, recommendation_name
from inspection.notifications.models import NotificationKind
from inspection.responses.models import DueDateChange, Evidence, ExtensionStatus, Message
from inspection.units.models import Unit


def notify_message(actor, recommendation: Recommendation, message: Message, unit: Unit | None,
                   files: int = 0) -> None:
    """A unit's message to the team; the team's message to every responsible unit."""
    attached = audit.text(" (kèm %(count)s tệp minh chứng)", count=files) if files else ""
    if unit is not None:
        tell(actor, mission_team(recommendation, actor), NotificationKind.ANSWER, recommendation,
             audit.text("%(unit)s trao đổi về %(name)s", unit=unit.name, name=recommendation_name(recommendation)),
             audit.text("%(unit)s gửi trao đổi về %(name)s%(attached)s: %(body)s", unit=unit.name,
                        name=recommendation_name(recommendation), attached=attached, body=excerpt(message.body)))
        return
    tell(actor, responsible_officers(recommendation, actor), NotificationKind.REPLY, recommendation,
         audit.text("Đoàn kiểm tra trao đổi về %(name)s", name=recommendation_name(recommendation)),
         audit.text("%(author)s gửi trao đổi về %(name)s%(attached)s: %(body)s", author=actor.full_name,
                    name=recommendation_name(recommendation), attached=attached, body=excerpt(message.body)))


def notify_evidence(actor, evidence: Evidence, unit: Unit | None) -> None:
    """A new version of a piece of evidence: the other side hears of it."""
    recommendation = evidence.recommendation
    audience = (mission_team(recommendation, actor) if unit is not None
                else responsible_officers(recommendation, actor))
    who = unit.name if unit is not None else audit.text("Đoàn kiểm tra")
    tell(actor, audience, NotificationKind.EVIDENCE, recommendation,
         audit.text("%(who)s tải lên minh chứng mới cho %(name)s", who=who, name=recommendation_name(recommendation)),
         audit.text("%(who)s tải lên phiên bản %(version)s của minh chứng “%(title)s” cho %(name)s.%(note)s",
                    who=who, version=evidence.version, title=evidence.title,
                    name=recommendation_name(recommendation), note=_said(evidence.message)))


def notify_done(actor, responsibility: Responsibility, note: str | None) -> None:
    recommendation, unit = responsibility.recommendation, responsibility.unit
    tell(actor, mission_team(recommendation, actor), NotificationKind.DONE, recommendation,
         audit.text("%(unit)s báo cáo hoàn thành %(name)s", unit=unit.name, name=recommendation_name(recommendation)),
         audit.text("%(unit)s báo cáo đã hoàn thành %(name)s: “%(text)s”. Đoàn kiểm tra xác minh kết quả.%(note)s",
                    unit=unit.name, name=recommendation_name(recommendation), text=excerpt(recommendation.text),
                    note=audit.text(" Ghi chú: %(note)s", note=excerpt(note)) if note else ""))


def notify_returned(actor, responsibility: Responsibility, note: str) -> None:
    """The team sent the unit's report of done back: the unit's officers learn what is missing."""
    recommendation, unit = responsibility.recommendation, responsibility.unit
    tell(actor, unit_officers({unit.id}, actor), NotificationKind.RETURNED, recommendation,
         audit.text("Báo cáo hoàn thành %(name)s bị trả lại", name=recommendation_name(recommendation)),
         audit.text("Đoàn kiểm tra trả lại báo cáo hoàn thành %(name)s của %(unit)s; đơn vị tiếp tục thực hiện và "
                    "báo cáo lại. Lý do: %(note)s", name=recommendation_name(recommendation), unit=unit.name,
                    note=excerpt(note)))


def notify_extension_request(actor, change: DueDateChange) -> None:
    """The team and the council: either may decide."""
    recommendation = change.recommendation
    tell(actor, mission_team(recommendation, actor) + council(actor), NotificationKind.EXTENSION, recommendation,
         audit.text("%(unit)s đề nghị gia hạn %(name)s", unit=change.unit.name,
                    name=recommendation_name(recommendation)),
         audit.text("%(unit)s đề nghị gia hạn %(name)s từ %(old)s đến %(new)s. Lý do: %(reason)s",
                    unit=change.unit.name, name=recommendation_name(recommendation), old=_day(change.previous_due),
                    new=_day(change.requested_due), reason=excerpt(change.reason)))


def notify_extension_decision(actor, change: DueDateChange) -> None:
    """The requesting unit's officers learn the answer."""
    recommendation = change.recommendation
    approved = change.status == ExtensionStatus.APPROVED
    subject = (audit.text("Đề nghị gia hạn %(name)s được chấp thuận đến %(day)s",
                          name=recommendation_name(recommendation), day=_day(change.granted_due)) if approved
               else audit.text("Đề nghị gia hạn %(name)s không được chấp thuận",
                               name=recommendation_name(recommendation)))
    tell(actor, unit_officers({change.unit_id} - {None}, actor), NotificationKind.DEADLINE, recommendation, subject,
         audit.text("%(subject)s (đề nghị đến %(asked)s). %(note)s", subject=subject, asked=_day(change.requested_due),
                    note=audit.text("Ý kiến: %(note)s", note=excerpt(change.decision_note))
                    if change.decision_note else ""))


def _said(message: Message | None) -> str:
    return audit.text(" Ghi chú: %(note)s", note=excerpt(message.body)) if message is not None else ""


def _day(day) -> str:
    return vn_date(day) or "—"
