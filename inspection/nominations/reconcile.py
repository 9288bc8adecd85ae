"""The figures a unit printed in its self-report, and their reconciliation:
(a) parts against totals (figures.RELATIONS), (b) each percentage against its printed counts, to the precision
it was printed with, (c) each figure against the registry for the self-report's unit and the mission's period.

The registry side of (c): the self-report's unit WITH its subordinate units (a province reports for its
territory), without predecessors, dossiers SUBMITTED between the mission's period_from and period_to (the
period the report covers, e.g. 06/11/2016 – 05/11/2017); a mission without a period: the emulation year of
the report's date. Each line is measured as the report measures it (figures: đã trình / đã có quyết định)."""

from dataclasses import dataclass, field
from decimal import Decimal

from babel.numbers import format_decimal
from flask_babel import force_locale
from sqlalchemy import select
from sqlalchemy.orm.attributes import flag_modified

from inspection import access, audit
from inspection.extensions import db
from inspection.findings import services as findings
from inspection.findings.models import Finding, FindingCategory, Severity
from inspection.missions.models import SelfReport
from inspection.nominations.figures import (
    LINES,
    RELATIONS,
    SHARES,
    Printed,
    Relation,
    form_keys,
    label_of,
    parse_printed,
)
from inspection.nominations.filters import DossierFilter
from inspection.nominations.models import ReportedFigure
from inspection.nominations.report import Report, build_report, percentage
from inspection.rules import RuleViolation, require_version

# --- who may enter figures, and saving them ------------------------------------------------------------------


def reported_figures(report: SelfReport) -> dict[str, ReportedFigure]:
    query = select(ReportedFigure).where(ReportedFigure.self_report_id == report.id)
    return {figure.key: figure for figure in db.session.scalars(query)}


def save_reported_figures(actor, report: SelfReport, printed: dict[str, str], *, version: int | None) -> bool:
    """Store the figures as printed (key → text; blank removes one). All or nothing: a figure that cannot be
    read raises RuleViolation naming its line (field = key). False when nothing changed. EditConflict when
    the report's figures were saved since `version` (the report's version the form was opened with)."""
    access.check(actor, report, access.Need.ENTER_FIGURES)
    existing = reported_figures(report)
    require_version(report, version, printed, labels={key: label_of(key) for key in printed},
                    current={key: existing[key].as_printed if key in existing else None for key in printed})
    parsed = {key: _parse_for(key, text) for key, text in printed.items()}
    before, after = {}, {}
    for key, figure in parsed.items():
        old = existing.get(key)
        if (old.as_printed if old else None) != (figure.text if figure else None):
            before[key], after[key] = (old.as_printed if old else None), (figure.text if figure else None)
            _apply(report, key, old, figure)
    if not after:
        return False
    flag_modified(report, "ref")  # the figures are the report's: saving them moves its version (compare-and-set)
    with force_locale("vi"):  # the log is an official record: its keys are the lines' Vietnamese labels
        readable = {key: label_of(key) for key in after}
    audit.record(actor, "self_report.figures", report,
                 audit.text("Cập nhật số liệu báo cáo %(ref)s (%(count)s mục)", ref=report.ref, count=len(after)),
                 before={readable[key]: value for key, value in before.items()},
                 after={readable[key]: value for key, value in after.items()})
    db.session.flush()
    return True


def _parse_for(key: str, text: str) -> Printed | None:
    if key not in LINES and key not in SHARES:
        raise KeyError(key)
    try:
        return parse_printed(key, text)
    except ValueError as error:
        raise RuleViolation(f"{label_of(key)}: {error}", field=key) from None


def _apply(report: SelfReport, key: str, old: ReportedFigure | None, figure: Printed | None) -> None:
    if figure is None:
        db.session.delete(old)
    elif old is None:
        db.session.add(ReportedFigure(self_report_id=report.id, key=key, value=figure.value, as_printed=figure.text))
    else:
        old.value, old.as_printed = figure.value, figure.text


# --- checks ----------------------------------------------------------------------------------------------------


@dataclass
class Part:
    key: str
    label: str
    value: Decimal


@dataclass
class Check:
    """One comparison. `reported` is the printed figure; `expected` what the other side gives (sum of the
    printed parts, ratio of the printed counts, or the registry's number)."""

    id: str
    kind: str  # "relation", "share" or "registry"
    key: str
    label: str
    reported: Printed
    expected: Decimal | None
    ok: bool
    relation: str = "equal"  # "equal" or "at_least"
    parts: list[Part] = field(default_factory=list)
    args: dict | None = None  # registry arguments of the figure (registry checks)
    category: str = "award_compliance"

    @property
    def is_share(self) -> bool:
        return self.key in SHARES


def reconcile_scope(report: SelfReport) -> DossierFilter:
    mission = report.mission
    if mission.period_from or mission.period_to:
        return DossierFilter(unit=report.unit.code, subtree=True, submitted_from=mission.period_from,
                             submitted_to=mission.period_to)
    year = report.report_date.year
    return DossierFilter(unit=report.unit.code, subtree=True, year_from=year, year_to=year)


def printed_figures(report: SelfReport) -> dict[str, Printed]:
    return {key: parse_printed(key, figure.as_printed or str(figure.value))
            for key, figure in reported_figures(report).items()}


def relation_checks(printed: dict[str, Printed]) -> list[Check]:
    return [check for relation in RELATIONS if (check := _relation_check(relation, printed))]


def _relation_check(relation: Relation, printed: dict[str, Printed]) -> Check | None:
    required = [key for key in relation.parts if key not in relation.optional]
    if relation.total not in printed or any(key not in printed for key in required):
        return None
    parts = [Part(key, label_of(key, full=False), printed[key].value) for key in relation.parts if key in printed]
    expected = sum((part.value for part in parts), Decimal(0))
    total = printed[relation.total]
    ok = total.value == expected if relation.kind == "equal" else total.value >= expected
    return Check(f"relation:{relation.key}", "relation", relation.total, label_of(relation.total), total, expected,
                 ok, relation.kind, parts)


def share_checks(printed: dict[str, Printed]) -> list[Check]:
    checks = []
    for share in SHARES.values():
        if share.key in printed and share.numerator in printed and share.denominator in printed:
            reported = printed[share.key]
            expected = percentage(printed[share.numerator].value, printed[share.denominator].value, reported.places)
            parts = [Part(key, label_of(key, full=False), printed[key].value)
                     for key in (share.numerator, share.denominator)]
            checks.append(Check(f"share:{share.key}", "share", share.key, label_of(share.key), reported, expected,
                                expected == reported.value, parts=parts, category=share.category))
    return checks


def registry_checks(printed: dict[str, Printed], registry: Report) -> list[Check]:
    return [_registry_check(key, printed[key], registry) for key in form_keys() if key in printed]


def _registry_check(key: str, reported: Printed, registry: Report) -> Check:
    if key in SHARES:
        share = SHARES[key]
        expected = percentage(registry.value(share.numerator), registry.value(share.denominator), reported.places)
        args, category = registry.cell(share.numerator).args, share.category
    else:
        expected, args, category = Decimal(registry.value(key)), registry.cell(key).args, LINES[key].category
    return Check(f"registry:{key}", "registry", key, label_of(key), reported, expected, expected == reported.value,
                 args=args, category=category)


@dataclass
class Reconciliation:
    scope: DossierFilter
    printed: dict[str, Printed]
    checks: list[Check]
    unchecked: list[str]  # relations whose figures were not all reported, in words

    @property
    def mismatches(self) -> list[Check]:
        return [check for check in self.checks if not check.ok]

    def find(self, check_id: str) -> Check | None:
        return next((check for check in self.checks if check.id == check_id), None)


def _relation_text(relation: Relation) -> str:
    sign = " = " if relation.kind == "equal" else " ≥ "
    return label_of(relation.total) + sign + " + ".join(label_of(key, full=False) for key in relation.parts)


def reconcile(report: SelfReport, visible_ids: set[int] | None) -> Reconciliation:
    """Every check of the self-report's printed figures; a fixed number of queries."""
    printed = printed_figures(report)
    scope = reconcile_scope(report)
    checks = relation_checks(printed) + share_checks(printed)
    checks += registry_checks(printed, build_report(scope, visible_ids)) if printed else []
    done = {check.id for check in checks}
    unchecked = [_relation_text(relation) for relation in RELATIONS if f"relation:{relation.key}" not in done]
    return Reconciliation(scope, printed, checks, unchecked)


# --- a mismatch becomes a finding ------------------------------------------------------------------------------


def scope_text(scope: DossierFilter) -> str:
    """The registry side in words (Vietnamese: it goes into findings, which are official records)."""
    parts = [audit.text("đơn vị %(unit)s", unit=scope.unit or "tất cả")]
    if scope.subtree:
        parts.append("gồm các đơn vị trực thuộc")
    if scope.submitted_from or scope.submitted_to:
        parts.append(audit.text("hồ sơ trình từ %(start)s đến %(end)s", start=_day(scope.submitted_from),
                                end=_day(scope.submitted_to)))
    if scope.year_from or scope.year_to:
        parts.append(audit.text("năm thi đua %(start)s – %(end)s", start=scope.year_from or "…",
                                end=scope.year_to or "…"))
    return ", ".join(parts)


def _day(value) -> str:
    return value.strftime("%d/%m/%Y") if value else "…"


def _vn(value, places: int | None = None) -> str:
    if value is None:
        return "—"
    text = format_decimal(value, format="#,##0" + ("." + "0" * places if places else ""), locale="vi")
    return text + "%" if places is not None else text


def describe(check: Check, ref, scope: DossierFilter) -> str:
    """Both values and the relation, as a finding's "số liệu" (in Vietnamese whatever the user's language)."""
    with force_locale("vi"):
        return _describe(check, ref, scope)


def _describe(check: Check, ref, scope: DossierFilter) -> str:
    places = check.reported.places if check.is_share else None
    said = audit.text("Báo cáo %(ref)s ghi “%(label)s”: %(printed)s", ref=ref, label=label_of(check.key),
                      printed=check.reported.text)
    if check.kind == "registry":
        return said + audit.text("; sổ hồ sơ đề nghị khen thưởng (%(scope)s) cho %(value)s.", scope=scope_text(scope),
                                 value=_vn(check.expected, places))
    parts = " + ".join(f"{label_of(part.key, full=False)} {_vn(part.value)}" for part in check.parts)
    if check.kind == "share":
        numerator, denominator = check.parts
        return said + audit.text("; tính từ số liệu của báo cáo: %(a)s / %(b)s = %(value)s.", a=_vn(numerator.value),
                                 b=_vn(denominator.value), value=_vn(check.expected, places))
    if check.relation == "at_least":
        return said + audit.text(", nhỏ hơn %(parts)s.", parts=parts)
    return said + audit.text("; cộng các thành phần: %(parts)s = %(value)s.", parts=parts, value=_vn(check.expected))


MISMATCH_KINDS = {"registry": "không khớp sổ hồ sơ đề nghị khen thưởng", "share": "có tỷ lệ không khớp số liệu",
                  "relation": "có tổng không khớp các thành phần"}


def mismatch_title(report: SelfReport, check: Check) -> str:
    with force_locale("vi"):
        return audit.text("Số liệu Báo cáo %(ref)s %(what)s: %(label)s", ref=report.ref,
                          what=MISMATCH_KINDS[check.kind], label=label_of(check.key))


def findings_made(report: SelfReport, checks: list[Check]) -> dict[str, int]:
    """check id → the finding already made from it in this mission (by its title), in one query."""
    titles = {mismatch_title(report, check): check.id for check in checks if not check.ok}
    if not titles:
        return {}
    query = select(Finding.title, Finding.id).where(Finding.mission_id == report.mission_id,
                                                    Finding.title.in_(titles))
    return {titles[title]: finding_id for title, finding_id in db.session.execute(query)}


def create_mismatch_finding(actor, report: SelfReport, check: Check, scope: DossierFilter) -> Finding:
    """A moderate shortcoming of the mission for the reporting unit, quoting both values."""
    return findings.create_finding(actor, report.mission, unit=report.unit, category=FindingCategory(check.category),
                                   title=mismatch_title(report, check), severity=Severity.MODERATE,
                                   figures=describe(check, report.ref, scope))
