"""Five years of missions in every province: a yearly inspection plan, inspections of a few units, supervisions
of one to three, cross-inspections of a whole cluster or block (the big missions), each with its team (the
province's inspectors), a working session per unit, and findings there until the province's share of the
national total is reached. Recommendations and what followed them: national_followup."""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from inspection.audit import AuditEntry
from inspection.demo.national_dossiers import DossierIndex
from inspection.demo.national_followup import Followup, Issue
from inspection.demo.national_texts import BY_CATEGORY, CATEGORY_WEIGHTS, STRENGTHS
from inspection.demo.national_world import Place, Province
from inspection.demo.national_writer import BulkWriter, at, dotted
from inspection.documents.refs import parse_ref
from inspection.findings.models import Finding, FindingCategory, FindingKind, Severity
from inspection.missions.models import (
    InspectionPlan,
    Mission,
    MissionKind,
    MissionMember,
    MissionStatus,
    TeamRole,
    WorkingSession,
    mission_units,
    plan_units,
)
from inspection.nominations.models import finding_dossiers

KINDS = ([MissionKind.INSPECTION, MissionKind.SUPERVISION, MissionKind.CROSS], [6, 2, 2])
KIND_WORDS = {MissionKind.INSPECTION: "Kiểm tra", MissionKind.SUPERVISION: "Giám sát",
              MissionKind.CROSS: "Kiểm tra chéo"}
SEVERITIES = ([Severity.MINOR, Severity.MODERATE, Severity.SERIOUS, Severity.CRITICAL], [35, 40, 18, 7])
CATEGORIES = (list(CATEGORY_WEIGHTS), list(CATEGORY_WEIGHTS.values()))
#: a shortcoming gets 1, 2 or 3 recommendations; with 6% strengths (none) that is ~1.4 per finding
RECOMMENDATIONS = ([1, 2, 3], [58, 35, 7])
STRENGTH_SHARE = 0.06
#: findings that concern nomination dossiers are linked to some of the unit's dossiers
DOSSIER_CATEGORIES = {FindingCategory.AWARD_COMPLIANCE, FindingCategory.AWARD_TARGETING, FindingCategory.BACKLOG}
POSITIONS = {TeamRole.HEAD: "Phó Chủ tịch Hội đồng Thi đua – Khen thưởng",
             TeamRole.DEPUTY: "Trưởng ban Thi đua – Khen thưởng",
             TeamRole.MEMBER: "Chuyên viên Ban Thi đua – Khen thưởng", TeamRole.SECRETARY: "Chuyên viên, thư ký đoàn"}


@dataclass
class Missions:
    writer: BulkWriter
    rng: random.Random
    as_of: date
    followup: Followup
    dossiers: DossierIndex
    inspectors: dict[int, list[int]]
    findings: int = 0
    #: mission id → the year of its decision, which its recommendations' numbers carry
    decided_in: dict[int, int] = field(default_factory=dict)

    def generate(self, provinces: list[Province], years: list[int], total_findings: int) -> None:
        slots = [(year, province) for year in years for province in provinces]
        base, extra = divmod(total_findings, len(slots))
        for index, (year, province) in enumerate(slots):
            plan_id, inspected = self._plan(province, year), set()
            quota = base + (1 if index < extra else 0)
            while quota > 0:
                quota -= self._mission(province, year, plan_id, quota, inspected)
            for unit_id in sorted(inspected):
                self.writer.add(plan_units, {"plan_id": plan_id, "unit_id": unit_id})
            if province is provinces[-1]:
                self.writer.say(f"đoàn kiểm tra năm {year} xong: {dotted(self.findings)} kết quả kiểm tra đến nay")

    def _plan(self, province: Province, year: int) -> int:
        return self.writer.new(InspectionPlan.__table__, {
            "ref": parse_ref(f"{province.number}/KH-HĐTĐKT"), "issued_on": date(year, 1, 15), "year": year,
            "title": f"Kế hoạch kiểm tra công tác thi đua, khen thưởng năm {year} – {province.name}",
            "content_areas": "Công tác lãnh đạo, chỉ đạo; tổ chức phong trào thi đua; công tác khen thưởng",
            "created_at": at(date(year, 1, 15))})

    def _mission(self, province: Province, year: int, plan_id: int, quota: int, inspected: set[int]) -> int:
        """One mission; returns how many findings it recorded (at most `quota`)."""
        kind, group_id, places = self._scope(province, year)
        team = self._team(province)
        start, end, conclusion = self._dates(year)
        status = _status(year, conclusion, self.as_of)
        mission_id = self._mission_row(province, year, plan_id, kind, group_id, team[0], (start, end, conclusion),
                                       status)
        for user_id, role in zip(team, _roles(len(team)), strict=True):
            self.writer.new(MissionMember.__table__, {"mission_id": mission_id, "user_id": user_id,
                                                      "outsider_name": None, "position": POSITIONS[role],
                                                      "role": role})
        made = 0
        for offset, place in enumerate(places):
            self.writer.add(mission_units, {"mission_id": mission_id, "unit_id": place.id})
            inspected.add(place.id)
            held_on = min(start + timedelta(days=offset % max(1, (end - start).days)), self.as_of)
            session_id = self._session(mission_id, place, held_on, team[0])
            issued = conclusion if status != MissionStatus.IN_PROGRESS else held_on
            count = min(quota - made, self.rng.randint(4, 14))
            for _ in range(count):
                self._finding(mission_id, session_id, place, province, held_on, issued, team, year)
            made += count
        self.findings += made
        return made

    def _scope(self, province: Province, year: int) -> tuple[MissionKind, int | None, list[Place]]:
        kind = self.rng.choices(*KINDS)[0]
        groups = province.groups.get(year) or []
        if kind == MissionKind.CROSS and groups:
            group_id, member_ids = self.rng.choice(groups)
            by_id = {place.id: place for place in province.places}
            return kind, group_id, [by_id[unit_id] for unit_id in member_ids]
        kind = MissionKind.SUPERVISION if kind == MissionKind.SUPERVISION else MissionKind.INSPECTION
        candidates = province.bodies + province.communes or [province.unit]
        size = self.rng.randint(1, 3) if kind == MissionKind.SUPERVISION else self.rng.randint(2, 6)
        places = self.rng.sample(candidates, min(size, len(candidates)))
        return kind, None, places + ([province.unit] if self.rng.random() < 0.1 else [])

    def _team(self, province: Province) -> list[int]:
        pool = self.inspectors[province.number]
        return self.rng.sample(pool, min(len(pool), self.rng.randint(3, 5)))

    def _dates(self, year: int) -> tuple[date, date, date]:
        """Start between March and November (no later than 20 days before the reference day), a visit of one to
        three weeks, the conclusion notice ten to forty days after."""
        earliest, latest = date(year, 3, 1), min(date(year, 11, 30), self.as_of - timedelta(days=20))
        earliest = min(earliest, latest)
        start = earliest + timedelta(days=self.rng.randrange((latest - earliest).days + 1))
        end = start + timedelta(days=self.rng.randint(5, 20))
        return start, end, end + timedelta(days=self.rng.randint(10, 40))

    def _mission_row(self, province, year, plan_id, kind, group_id, head, dates, status) -> int:
        start, end, conclusion = dates
        decided = start - timedelta(days=self.rng.randint(10, 30))
        concluded = status != MissionStatus.IN_PROGRESS
        title = f"{KIND_WORDS[kind]} công tác thi đua, khen thưởng năm {year} – {province.name}"
        mission_id = self.writer.new(Mission.__table__, {
            "plan_id": plan_id, "kind": kind, "title": title, "issuing_body": f"Hội đồng Thi đua – Khen thưởng "
            f"{province.name}", "decision_ref": parse_ref(f"{self.rng.randint(1, 400)}/QĐ-HĐTĐKT"),
            "decision_date": decided, "issuing_unit_id": province.unit.id, "group_id": group_id,
            "period_from": date(year - 1, 1, 1), "period_to": date(year - 1, 12, 31), "planned_start": start,
            "planned_end": end, "status": status, "created_by_id": head, "created_at": at(decided), "version": 1,
            "conclusion_ref": parse_ref(f"{self.rng.randint(1, 400)}/TB-HĐTĐKT") if concluded else None,
            "conclusion_date": conclusion if concluded else None})
        self._audit(head, "mission.create", "mission", mission_id, decided, f"Thành lập đoàn: {title}")
        self.decided_in[mission_id] = decided.year  # the year in its recommendations' numbers
        return mission_id

    def _session(self, mission_id: int, place: Place, held_on: date, head: int) -> int:
        return self.writer.new(WorkingSession.__table__, {
            "mission_id": mission_id, "unit_id": place.id, "held_on": held_on, "place": f"Trụ sở {place.name}",
            "team_participants": "Các thành viên đoàn kiểm tra", "unit_participants": "Lãnh đạo và cán bộ thi đua "
            "của đơn vị", "content": "Nghe báo cáo tự kiểm tra, kiểm tra hồ sơ", "minutes_ref": None,
            "minutes_date": None, "created_by_id": head, "created_at": at(held_on, 600)})

    def _finding(self, mission_id, session_id, place, province, held_on, issued, team, year) -> None:
        strength = self.rng.random() < STRENGTH_SHARE
        category = self.rng.choices(*CATEGORIES)[0]
        title = self.rng.choice(STRENGTHS if strength else BY_CATEGORY[category][0])
        finding_id = self.writer.new(Finding.__table__, {
            "mission_id": mission_id, "session_id": session_id, "unit_id": place.id,
            "kind": FindingKind.STRENGTH if strength else FindingKind.SHORTCOMING, "category": category,
            "severity": Severity.MINOR if strength else self.rng.choices(*SEVERITIES)[0], "title": title,
            "description": None, "figures": None, "created_by_id": team[0], "created_at": at(held_on, 660),
            "version": 1})
        self._audit(team[0], "finding.create", "finding", finding_id, held_on, f"Ghi nhận kết quả kiểm tra “{title}”")
        if strength:
            return
        if category in DOSSIER_CATEGORIES and self.rng.random() < 0.3:
            self._link_dossiers(finding_id, place, year)
        count = self.rng.choices(*RECOMMENDATIONS)[0]
        mission = (mission_id, self.decided_in[mission_id])
        self.followup.issue(Issue(finding_id, mission, category, place, province, issued, team), count)

    def _link_dossiers(self, finding_id: int, place: Place, year: int) -> None:
        picked = {self.dossiers.pick(self.rng, place.id, year - 1) or self.dossiers.pick(self.rng, place.id, year)
                  for _ in range(self.rng.randint(1, 2))} - {None}
        for dossier_id in sorted(picked):
            self.writer.add(finding_dossiers, {"finding_id": finding_id, "dossier_id": dossier_id})

    def _audit(self, actor, action, target_type, target_id, day, summary) -> None:
        self.writer.new(AuditEntry.__table__, {
            "at": at(day, 30), "actor_id": actor, "action": action, "target_type": target_type,
            "target_id": target_id, "summary": summary[:500], "before": None, "after": None})


def _status(year: int, conclusion: date, as_of: date) -> MissionStatus:
    if conclusion > as_of:
        return MissionStatus.IN_PROGRESS
    return MissionStatus.CLOSED if year <= as_of.year - 2 else MissionStatus.CONCLUDED


def _roles(size: int) -> list[TeamRole]:
    return [TeamRole.HEAD, TeamRole.DEPUTY, TeamRole.SECRETARY, TeamRole.MEMBER, TeamRole.MEMBER][:size]
