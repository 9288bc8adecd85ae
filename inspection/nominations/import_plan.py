"""What importing a dossier file would do: each valid row classified as new, updated or unchanged against the
dossiers already stored (loaded in bulk, by unit), checked with the same rules as the dossier forms
(nominations.dossier_rules), the same access rules, and status moves only through DOSSIER_TRANSITIONS.
Rows are kept as compact tuples: a 100,000-row preview holds no ORM object per row."""

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from flask_babel import gettext as _
from sqlalchemy import String, select, type_coerce

from inspection import access
from inspection.extensions import db
from inspection.imports.plan import NEW, SAMPLE_LIMIT, UNCHANGED, UPDATED, ImportPlan, PreviewRow, RowError
from inspection.nominations import holds
from inspection.nominations.access import DECIDERS, OFFICER_EDITABLE, OFFICER_TARGETS
from inspection.nominations.dossier_rules import check_values, prepared
from inspection.nominations.import_columns import FIELD_COLUMNS
from inspection.nominations.import_rows import DossierRow, RowParser
from inspection.nominations.models import DOSSIER_TRANSITIONS, Dossier, DossierStatus, LeaderGroup
from inspection.rules import RuleViolation

#: stays under every database's limit on bound parameters
UNIT_CHUNK = 500
EDITABLE = ("year", "award_form_id", "recipient_kind", "recipient_name", "is_leader", "leader_group",
            "achievement_type", "group_rank", "posthumous", "submitted_on", "decision_ref", "decision_date",
            "status", "note")


class Existing(NamedTuple):
    """A stored dossier as the import compares it (decision_ref as its canonical text)."""

    id: int
    version: int
    on_hold: bool
    year: int
    award_form_id: int
    recipient_kind: object
    recipient_name: str
    is_leader: bool | None
    leader_group: LeaderGroup | None
    achievement_type: object
    group_rank: int | None
    posthumous: bool
    submitted_on: date | None
    decision_ref: str | None
    decision_date: date | None
    status: DossierStatus
    note: str | None


@dataclass
class DossierWork:
    """What a dossier plan writes: compact tuples, no ORM object per row."""

    #: (unit id, code, values in EDITABLE order) of the dossiers to create
    new: list[tuple] = field(default_factory=list)
    #: (dossier id, version read, values in EDITABLE order) of the dossiers to change
    updates: list[tuple] = field(default_factory=list)


def load_existing(unit_ids: set[int]) -> dict[tuple[int, str], Existing]:
    """The stored dossiers of these units by (unit id, code): one query per 500 units."""
    columns = [Dossier.unit_id, Dossier.code, Dossier.id, Dossier.version, holds.on_hold_clause(),
               *(type_coerce(Dossier.decision_ref, String) if name == "decision_ref" else getattr(Dossier, name)
                 for name in EDITABLE)]
    ordered, found = sorted(unit_ids), {}
    for start in range(0, len(ordered), UNIT_CHUNK):
        query = select(*columns).where(Dossier.unit_id.in_(ordered[start:start + UNIT_CHUNK]))
        for unit_id, code, *rest in db.session.execute(query):
            found[(unit_id, code)] = Existing(*rest)
    return found


class Classifier:
    """Turns parsed rows into the plan; `today` bounds submission and decision dates as the forms do."""

    def __init__(self, actor, parser: RowParser, plan: ImportPlan, today: date):
        self.officer = not access.permits(actor, lambda user: user.role in DECIDERS)
        self.parser, self.plan, self.today = parser, plan, today
        self.work = plan.work = DossierWork()
        self.unit_codes = {unit_id: code for code, unit_id in parser.unit_ids.items()}
        self.hasher = hashlib.sha256()

    def classify(self, row: DossierRow, existing: Existing | None) -> None:
        values = _merged(row, existing)
        if existing is not None and _comparable(values) == _comparable(existing._asdict()):
            self.plan.counts[UNCHANGED] += 1
            return
        try:
            values = self._checked(row, values, existing)
        except RuleViolation as violation:
            self.plan.errors.append(RowError(row.number, FIELD_COLUMNS.get(violation.field or "", ""),
                                             violation.message))
            return
        self._add(row, existing, tuple(values[name] for name in EDITABLE))

    def finish(self) -> None:
        self.plan.counts[NEW], self.plan.counts[UPDATED] = len(self.work.new), len(self.work.updates)
        self.plan.digest = self.hasher.hexdigest()

    def _checked(self, row: DossierRow, values: dict, existing: Existing | None) -> dict:
        """The values as the dossier rules prepare them, once every rule passed (RuleViolation otherwise)."""
        status = values.pop("status")
        form = self.parser.forms_by_id[values["award_form_id"]]
        if existing is None:
            self._check_new(status)
        else:
            self._check_change(existing, status)
        self.parser.require_unit_in_year(row.unit_id, values["year"])
        rule_values = prepared(values | {"unit": row.unit_id, "code": row.code, "award_form": form})
        check_values(rule_values, status, self.today)
        return values | {"is_leader": rule_values["is_leader"], "status": status}

    def _check_new(self, status: DossierStatus) -> None:
        if self.officer and status not in OFFICER_TARGETS:
            raise RuleViolation(_("Đơn vị chỉ được ghi hồ sơ ở trạng thái Nháp hoặc Đã trình."), field="status")

    def _check_change(self, existing: Existing, status: DossierStatus) -> None:
        if self.officer and existing.status not in OFFICER_EDITABLE:
            raise RuleViolation(_("Bạn không được sửa hồ sơ này (đơn vị chỉ sửa hồ sơ của mình khi còn là Nháp "
                                  "hoặc Bị trả lại)."), field="code")
        if status == existing.status:
            return
        DOSSIER_TRANSITIONS.check(existing.status, status)
        if self.officer and status not in OFFICER_TARGETS:
            raise RuleViolation(_("Chỉ Hội đồng hoặc quản trị viên mới được chuyển hồ sơ sang “%(status)s”.",
                                  status=status.label), field="status")
        if status == DossierStatus.AWARDED and existing.on_hold:
            raise RuleViolation(_("Hồ sơ đang tạm dừng xét khen thưởng: chưa thể chuyển sang “%(status)s”.",
                                  status=status.label), field="status")

    def _add(self, row: DossierRow, existing: Existing | None, values: tuple) -> None:
        if existing is None:
            self.work.new.append((row.unit_id, row.code, values))
            self.hasher.update(repr((row.number, NEW, row.unit_id, row.code)).encode())
        else:
            self.work.updates.append((existing.id, existing.version, values))
            self.hasher.update(repr((row.number, UPDATED, existing.id, existing.version)).encode())
        if len(self.plan.samples) < SAMPLE_LIMIT:
            self.plan.samples.append(self._sample(row, existing, values))

    def _sample(self, row: DossierRow, existing: Existing | None, values: tuple) -> PreviewRow:
        label = f"{self.unit_codes.get(row.unit_id, '')} / {row.code} — {row.recipient_name}"
        if existing is None:
            return PreviewRow(row.number, label, NEW, [])
        before = _comparable(existing._asdict())
        after = _comparable(dict(zip(EDITABLE, values, strict=True)))
        changes = [f"{_column(name)}: {self._shown(name, old)} → {self._shown(name, new)}"
                   for name, old, new in zip(EDITABLE, before, after, strict=True) if old != new]
        return PreviewRow(row.number, label, UPDATED, changes)

    def _shown(self, name: str, value) -> str:
        if value is None:
            return "—"
        if name == "award_form_id":
            return self.parser.forms_by_id[value].name_vi
        if isinstance(value, bool):
            return _("Có") if value else _("Không")
        if isinstance(value, date):
            return value.strftime("%d/%m/%Y")
        return str(getattr(value, "label", value))


def _merged(row: DossierRow, existing: Existing | None) -> dict:
    """The file's values; an optional cell left empty takes the stored value (an import never erases by
    omission), or for a new dossier the default (not posthumous, draft)."""
    values = {name: getattr(row, name, None) for name in EDITABLE}
    if existing is None:
        defaults = {"posthumous": False, "status": DossierStatus.DRAFT}
    else:
        defaults = existing._asdict()
    return {name: defaults.get(name) if value is None else value for name, value in values.items()}


def _comparable(values: dict) -> tuple:
    """The EDITABLE values with the decision number as its canonical text."""
    ref = values["decision_ref"]
    return tuple(str(ref) if name == "decision_ref" and ref is not None else values[name] for name in EDITABLE)


def _column(name: str) -> str:
    """The file's column of a dossier field (award_form_id is the "Hình thức khen thưởng" column, award_form)."""
    return FIELD_COLUMNS[name.removesuffix("_id")]
