"""The units' side of a recommendation in the national data set: each responsible unit's progress and planned
measures, the conversation with the team, extension requests with their decisions, and the audit entries
that the portal's services would have written for them (same actions, same wording)."""

import random
from datetime import date, timedelta

from inspection.audit import AuditEntry
from inspection.demo.national_texts import ACTIONS, EXTENSION_REASONS, TEAM_MESSAGES, UNIT_MESSAGES, WHO
from inspection.demo.national_world import Place
from inspection.demo.national_writer import BulkWriter, at
from inspection.findings.models import FollowUpAction, Responsibility, UnitStatus
from inspection.responses.models import DueDateChange, ExtensionStatus, Message

OPEN_PROGRESS = ([UnitStatus.NOT_STARTED, UnitStatus.IN_PROGRESS, UnitStatus.REPORTED_DONE], [35, 40, 25])
ACTION_SHARE, MESSAGE_SHARE = 0.30, 0.25
DECISION_ACTIONS = {ExtensionStatus.APPROVED: "recommendation.due_change", ExtensionStatus.REFUSED: "extension.refuse",
                    ExtensionStatus.WITHDRAWN: "extension.withdraw"}


class Replies:
    def __init__(self, writer: BulkWriter, rng: random.Random, as_of: date, officers: dict[int, int]):
        self.writer, self.rng, self.as_of, self.officers = writer, rng, as_of, officers

    def shares(self, rec_id: int, units: list[Place], life) -> None:
        for unit in units:
            status, done_on = self._progress(life)
            share_id = self.writer.new(Responsibility.__table__, {
                "recommendation_id": rec_id, "unit_id": unit.id, "status": status,
                "reported_done_at": at(done_on, 180) if done_on else None, "transferred_from_id": None,
                "transfer_basis": None, "transferred_at": None})
            if self.rng.random() < ACTION_SHARE:
                self._actions(share_id, life, status)

    def _progress(self, life) -> tuple[UnitStatus, date | None]:
        """Closed items were mostly reported done before the verdict; open ones are at every stage."""
        if not life.is_open:
            if self.rng.random() < 0.15:
                return UnitStatus.IN_PROGRESS, None
            reported = life.verified_on - timedelta(days=self.rng.randint(1, 20))
            return UnitStatus.REPORTED_DONE, max(life.issued_on, reported)
        status = self.rng.choices(*OPEN_PROGRESS)[0]
        if status != UnitStatus.REPORTED_DONE:
            return status, None
        return status, life.issued_on + timedelta(days=self.rng.randrange((self.as_of - life.issued_on).days + 1))

    def _actions(self, share_id: int, life, status: UnitStatus) -> None:
        finished = status == UnitStatus.REPORTED_DONE or not life.is_open
        for number in range(self.rng.randint(1, 2)):
            planned = min(life.issued_on + timedelta(days=5 + number), self.as_of)
            self.writer.new(FollowUpAction.__table__, {
                "responsibility_id": share_id, "what": ACTIONS[(share_id + number) % len(ACTIONS)],
                "who": WHO[share_id % len(WHO)], "due": max(planned, life.current_due - timedelta(days=10)),
                "progress": 100 if finished else self.rng.choice((0, 25, 50, 75)), "note": None,
                "created_at": at(planned, 200)})

    def messages(self, rec_id: int, unit: Place, life, head: int) -> None:
        """A unit's report and the team's answer, alternating, between issue and verdict (or today)."""
        if self.rng.random() >= MESSAGE_SHARE:
            return
        last = life.verified_on or self.as_of
        span = max(0, (last - life.issued_on).days)
        days = sorted(self.rng.randint(0, span) for _ in range(self.rng.randint(1, 3)))
        for number, offset in enumerate(days):
            from_unit = number % 2 == 0
            texts = UNIT_MESSAGES if from_unit else TEAM_MESSAGES
            self.writer.new(Message.__table__, {
                "recommendation_id": rec_id, "author_id": self.officers[unit.id] if from_unit else head,
                "unit_id": unit.id if from_unit else None, "body": texts[(rec_id + number) % len(texts)],
                "created_at": at(life.issued_on + timedelta(days=offset), 300 + number)})

    def extension(self, rec_id: int, unit: Place, extension, head: int) -> None:
        officer = self.officers[unit.id]
        decided = extension.decided_on is not None
        decider = officer if extension.status == ExtensionStatus.WITHDRAWN else head
        reason = EXTENSION_REASONS[rec_id % len(EXTENSION_REASONS)]
        note = "Không có căn cứ gia hạn thêm." if extension.status == ExtensionStatus.REFUSED else None
        self.writer.new(DueDateChange.__table__, {
            "recommendation_id": rec_id, "unit_id": unit.id, "previous_due": extension.previous_due,
            "requested_due": extension.requested_due, "reason": reason, "requested_by_id": officer,
            "requested_at": at(extension.asked_on, 90), "status": extension.status,
            "decided_by_id": decider if decided else None,
            "decided_at": at(extension.decided_on, 150) if decided else None, "decision_note": note,
            "granted_due": extension.granted_due})
        self.audit(officer, "extension.request", rec_id, at(extension.asked_on, 90),
                   f"{unit.name} đề nghị gia hạn từ {extension.previous_due:%d/%m/%Y} đến "
                   f"{extension.requested_due:%d/%m/%Y}: {reason}")
        if decided:
            self.audit(decider, DECISION_ACTIONS[extension.status], rec_id, at(extension.decided_on, 150),
                       _decision_summary(extension, unit, reason, note))

    def audit(self, actor: int | None, action: str, rec_id: int, moment, summary: str, before=None,
              after=None) -> None:
        self.writer.new(AuditEntry.__table__, {
            "at": moment, "actor_id": actor, "action": action, "target_type": "recommendation",
            "target_id": rec_id, "summary": summary[:500], "before": before, "after": after})


def _decision_summary(extension, unit: Place, reason: str, note: str | None) -> str:
    if extension.status == ExtensionStatus.APPROVED:
        return (f"Đổi hạn thực hiện từ {extension.previous_due:%d/%m/%Y} thành {extension.granted_due:%d/%m/%Y} "
                f"theo đề nghị của {unit.name}. Lý do: {reason}")
    if extension.status == ExtensionStatus.REFUSED:
        return f"Không chấp thuận đề nghị gia hạn của {unit.name} đến {extension.requested_due:%d/%m/%Y}: {note}"
    return f"{unit.name} rút đề nghị gia hạn đến {extension.requested_due:%d/%m/%Y}"
