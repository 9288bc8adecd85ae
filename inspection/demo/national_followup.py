"""What followed each recommendation: its responsible units and their progress, follow-up measures, the
conversation, extension requests and their decisions, the inspectors' verdict, escalation, and the history
of all of it, in the proportions of a real backlog: the older the cohort the more is closed (implemented,
partly, not at all, overtaken by events, not accepted), and what stays open is overdue by days to years.

Dates are coherent: due after issue, an extension asked after issue and decided before any verdict,
a verdict after issue and not after the reference day (`as_of`); reported progress before the verdict."""

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from inspection.demo.national_replies import Replies
from inspection.demo.national_texts import BY_CATEGORY, VERIFICATION_NOTES
from inspection.demo.national_world import Place, Province
from inspection.demo.national_writer import BulkWriter, at
from inspection.findings.models import (
    FindingCategory,
    Recommendation,
    VerificationMethod,
    VerifiedStatus,
)
from inspection.findings.numbering import format_number
from inspection.responses.models import ExtensionStatus

DUE_DAYS = [30, 45, 60, 90, 90, 120, 180, 180, 365]
CLOSED = ([VerifiedStatus.IMPLEMENTED, VerifiedStatus.PARTIAL, VerifiedStatus.NOT_IMPLEMENTED,
           VerifiedStatus.OVERTAKEN, VerifiedStatus.NOT_ACCEPTED], [60, 14, 7, 11, 8])
METHODS = ([VerificationMethod.DESK_REVIEW, VerificationMethod.ON_SITE, VerificationMethod.UNIT_WORD], [60, 30, 10])
EXTENSION_SHARE = 0.14
OUTCOMES = ([ExtensionStatus.APPROVED, ExtensionStatus.REFUSED, ExtensionStatus.WITHDRAWN, ExtensionStatus.PENDING],
            [55, 22, 6, 17])
#: share of a cohort closed after its first year, and how much more each year adds, up to a ceiling
CLOSED_AT_START, CLOSED_PER_YEAR, CLOSED_AT_MOST = 0.12, 0.30, 0.88
ESCALATE_AFTER_DAYS, ESCALATED_SHARE = 90, 0.15


@dataclass(frozen=True)
class Issue:
    """Where recommendations come from: a shortcoming, its unit, and the team that issues them."""

    finding_id: int
    #: the mission's id and year: the recommendations' numbers are made of them (findings/numbering.py)
    mission: tuple[int, int]
    category: FindingCategory
    unit: Place
    province: Province
    issued_on: date
    team: list[int]


@dataclass(frozen=True)
class Extension:
    asked_on: date
    previous_due: date
    requested_due: date
    status: ExtensionStatus
    decided_on: date | None = None

    @property
    def granted_due(self) -> date | None:
        return self.requested_due if self.status == ExtensionStatus.APPROVED else None


@dataclass(frozen=True)
class Life:
    issued_on: date
    original_due: date
    current_due: date
    extension: Extension | None
    status: VerifiedStatus
    verified_on: date | None

    @property
    def is_open(self) -> bool:
        return self.status == VerifiedStatus.OPEN


class Followup:
    def __init__(self, writer: BulkWriter, rng: random.Random, as_of: date, officers: dict[int, int]):
        self.writer, self.rng, self.as_of = writer, rng, as_of
        self.replies = Replies(writer, rng, as_of, officers)
        self.labels = {member: str(member.label) for member in [*VerifiedStatus, *VerificationMethod]}
        #: the last sequence number given per mission: numbers are assigned here, in bulk, not by the listener
        self.sequences: dict[int, int] = {}

    def issue(self, issue: Issue, count: int) -> None:
        for number in range(count):
            life = self._life(issue.issued_on)
            texts = BY_CATEGORY[issue.category][1]
            text = texts[(issue.finding_id + number) % len(texts)]
            units = self._responsible(issue)
            verifier = self.rng.choice(issue.team)
            rec_id = self.writer.new(Recommendation.__table__, self._row(issue, text, life, verifier))
            self._created(rec_id, issue, text, units, life)
            self.replies.shares(rec_id, units, life)
            if life.extension is not None:
                self.replies.extension(rec_id, units[0], life.extension, issue.team[0])
            self.replies.messages(rec_id, units[0], life, issue.team[0])
            if not life.is_open:
                self._verified(rec_id, life, verifier)

    def _life(self, issued: date) -> Life:
        original = issued + timedelta(days=self.rng.choice(DUE_DAYS))
        extension = self._extension(issued, original) if self.rng.random() < EXTENSION_SHARE else None
        current = extension.granted_due if extension is not None and extension.granted_due else original
        status, verified_on = self._verdict(issued, current, extension)
        return Life(issued, original, current, extension, status, verified_on)

    def _extension(self, issued: date, due: date) -> Extension | None:
        """Asked late in the time given; a pending one recently (nobody leaves a request undecided for years)."""
        status = self.rng.choices(*OUTCOMES)[0]
        asked = issued + timedelta(days=max(1, (due - issued).days * 7 // 10))
        if status == ExtensionStatus.PENDING:
            asked = max(issued + timedelta(days=1), self.as_of - timedelta(days=self.rng.randint(1, 40)))
        if asked > self.as_of:
            return None
        requested = max(due, asked) + timedelta(days=self.rng.choice((30, 60, 90, 120)))
        decided = asked + timedelta(days=self.rng.randint(3, 20))
        if status == ExtensionStatus.PENDING or decided > self.as_of:
            return Extension(asked, due, requested, ExtensionStatus.PENDING)
        return Extension(asked, due, requested, status, decided)

    def _verdict(self, issued: date, due: date, extension: Extension | None) -> tuple[VerifiedStatus, date | None]:
        if extension is not None and extension.status == ExtensionStatus.PENDING:
            return VerifiedStatus.OPEN, None
        closed_share = min(CLOSED_AT_MOST, CLOSED_AT_START + CLOSED_PER_YEAR * (self.as_of - issued).days / 365)
        if self.rng.random() >= closed_share:
            return VerifiedStatus.OPEN, None
        earliest = issued + timedelta(days=7)
        if extension is not None and extension.decided_on is not None:
            earliest = max(earliest, extension.decided_on + timedelta(days=1))
        day = min(max(due + timedelta(days=self.rng.randint(-40, 200)), earliest), self.as_of)
        if day < earliest:
            return VerifiedStatus.OPEN, None
        return self.rng.choices(*CLOSED)[0], day

    def _responsible(self, issue: Issue) -> list[Place]:
        """The finding's unit; sometimes with the province's committee or a department jointly."""
        if self.rng.random() >= 0.15:
            return [issue.unit]
        province = issue.province
        other = province.unit if issue.unit != province.unit else self.rng.choice(province.bodies or [issue.unit])
        return [issue.unit] if other == issue.unit else [issue.unit, other]

    def _number(self, issue: Issue) -> str:
        mission_id, year = issue.mission
        self.sequences[mission_id] = self.sequences.get(mission_id, 0) + 1
        return format_number(mission_id, year, self.sequences[mission_id])

    def _row(self, issue: Issue, text: str, life: Life, verifier: int) -> dict:
        closed = not life.is_open
        return {
            "finding_id": issue.finding_id, "number": self._number(issue), "text": text, "issued_on": life.issued_on,
            "original_due": life.original_due, "current_due": life.current_due, "verified_status": life.status,
            "verification_method": self.rng.choices(*METHODS)[0] if closed else None,
            "verified_by_id": verifier if closed else None,
            "verified_at": at(life.verified_on, 120) if closed else None,
            "verification_note": self.rng.choice(VERIFICATION_NOTES) if closed else None,
            **self._outcomes(issue.category), **self._escalation(life),
            "created_by_id": issue.team[0], "created_at": at(life.issued_on, 45), "version": 1}

    def _outcomes(self, category: FindingCategory) -> dict:
        revoke = self.rng.randint(1, 5) if category == FindingCategory.AWARD_COMPLIANCE and self.rng.random() < 0.2 \
            else None
        recover = Decimal(self.rng.randint(5, 200) * 100_000) if category == FindingCategory.FUND_ARTIFACTS else None
        return {"awards_to_revoke": revoke, "awards_to_reexamine": None, "amount_to_recover": recover,
                "amount_recovered": None}

    def _escalation(self, life: Life) -> dict:
        """The council reported some long-overdue items to the supervising body."""
        overdue = (self.as_of - life.current_due).days
        if not life.is_open or overdue <= ESCALATE_AFTER_DAYS or self.rng.random() >= ESCALATED_SHARE:
            return {"escalated_at": None, "escalation_note": None}
        day = life.current_due + timedelta(days=ESCALATE_AFTER_DAYS + self.rng.randrange(overdue - ESCALATE_AFTER_DAYS))
        return {"escalated_at": at(day, 240),
                "escalation_note": "Quá hạn đã lâu; Hội đồng báo cáo cơ quan cấp trên chỉ đạo xử lý."}

    def _created(self, rec_id: int, issue: Issue, text: str, units: list[Place], life: Life) -> None:
        names = [unit.name for unit in units]
        self.replies.audit(issue.team[0], "recommendation.create", rec_id, at(life.issued_on, 45),
                           f"Ban hành kiến nghị cho {', '.join(names)}, thời hạn {life.original_due:%d/%m/%Y}",
                           after={"text": text, "responsible_units": names, "issued_on": life.issued_on.isoformat(),
                                  "due": life.original_due.isoformat()})

    def _verified(self, rec_id: int, life: Life, verifier: int) -> None:
        status = life.status
        self.replies.audit(verifier, "recommendation.verify", rec_id, at(life.verified_on, 120),
                           f"Xác minh kết quả thực hiện: {self.labels[status]}",
                           before={"verified_status": VerifiedStatus.OPEN.value},
                           after={"verified_status": status.value})

