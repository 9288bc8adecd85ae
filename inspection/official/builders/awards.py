"""Báo cáo kết quả khen thưởng (BC): the award statistics report of /nominations/report with the same criteria
(unit, subtree, predecessors, year_from, year_to, submitted_from, submitted_to), its numbers from the same
build_report, its lines grouped as the page groups them. The subject always names the scope and the period:
never "TẤT CẢ ĐƠN VỊ" without a year."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from inspection import access
from inspection.documents.official.model import Column, Content, Paragraph, Section, Subheading, Table
from inspection.nominations.figures import MISSING_GROUP, SCOPE_FIELDS, SECTIONS
from inspection.nominations.filters import DossierFilter
from inspection.nominations.models import AwardAuthority, RecipientKind
from inspection.nominations.report import FormRow, Report, Row, build_report, forms_at, section_rows
from inspection.nominations.report_views import ReportScopeForm, report_heading
from inspection.official.builders.common import count, day, joined, percent, vi
from inspection.official.kinds import Kind, SubjectRef, register
from inspection.timeutil import today_vn
from inspection.units.models import Unit
from inspection.units.scope import can_see_unit, visible_unit_ids

MEASURES = ("“Đã trình”: mọi hồ sơ có trạng thái khác “Nháp” (Đã trình, Bị trả lại, Chờ quyết định, Đã khen thưởng, "
            "Không khen thưởng, Đã thu hồi). “Đã có quyết định khen thưởng”: hồ sơ “Đã khen thưởng” hoặc “Đã thu hồi” "
            "(đã có quyết định rồi bị thu hồi). Trừ dòng ghi “đã trình”, mọi số liệu là số hồ sơ đã có quyết định "
            "khen thưởng.")


@dataclass(frozen=True)
class Criteria:
    """The report's subject: its scope as the page reads it, the unit named, and what the user may see."""

    criteria: DossierFilter
    unit: Unit | None
    visible_ids: frozenset[int] | None
    own_units: tuple[str, ...]  # a unit officer's units, named when no unit is asked for
    args: Mapping[str, str]


def load(user, args: Mapping[str, str]) -> Criteria:
    formdata = args if isinstance(args, MultiDict) else MultiDict(args)
    form = ReportScopeForm(formdata=formdata)
    if not form.validate():
        name, errors = next(iter(form.errors.items()))
        raise ValueError(_("Tham số “%(name)s” (%(label)s): %(error)s", name=name, label=form[name].label.text,
                           error=errors[0]))
    unit = form.unit.data
    if unit is not None:
        access.require(user, can_see_unit, unit)
    visible = visible_unit_ids(user)
    criteria = DossierFilter.from_args(formdata)
    kept = {name: str(value) for name, value in criteria.to_args().items() if name in SCOPE_FIELDS}
    return Criteria(criteria, unit, None if visible is None else frozenset(visible),
                    tuple(u.name for u in user.units) if visible is not None else (), kept)


def describe(subject: Criteria) -> SubjectRef:
    scope = subject.criteria
    year = scope.year_to or scope.year_from or (scope.period_end() or today_vn()).year
    return SubjectRef("awards", None, subject.unit.id if subject.unit else None,
                      f"Kết quả khen thưởng {scope_words(subject)}, {period_words(scope)}", year, subject.args)


def scope_words(subject: Criteria) -> str:
    scope, heading = subject.criteria, report_heading(subject.unit, subject.criteria)
    if heading["subject"]:
        words = f"của {heading['subject']}"
        words += " và các đơn vị trực thuộc" if scope.subtree else ""
        return words + (" (gồm các đơn vị tiền thân)" if scope.predecessors else "")
    if subject.own_units:
        return f"của {joined(subject.own_units)} và các đơn vị trực thuộc"
    return "của tất cả các đơn vị theo dõi trên Cổng"


def period_words(scope: DossierFilter, today: datetime.date | None = None) -> str:
    parts = []
    if scope.year_from and scope.year_to:
        years = str(scope.year_from) if scope.year_from == scope.year_to else f"{scope.year_from} – {scope.year_to}"
        parts.append(f"năm thi đua {years}")
    elif scope.year_from or scope.year_to:
        parts.append(f"năm thi đua từ {scope.year_from}" if scope.year_from else f"năm thi đua đến {scope.year_to}")
    if scope.submitted_from or scope.submitted_to:
        parts.append(f"hồ sơ trình từ {day(scope.submitted_from)} đến {day(scope.submitted_to)}")
    if not parts:
        parts.append(f"tính đến ngày {day(today)}" if today else "từ trước đến nay")
    return ", ".join(parts)


def build(subject: Criteria, today: datetime.date) -> Content:
    visible = None if subject.visible_ids is None else set(subject.visible_ids)
    report = build_report(subject.criteria, visible)
    sections = [line_section(report, title, keys) for title, keys in SECTIONS]
    sections.append(forms_section(report))
    return Content(type_code="BC", type_name="BÁO CÁO",
                   subject=f"Kết quả khen thưởng {scope_words(subject)}, {period_words(subject.criteria, today)}",
                   preamble=(f"Số liệu tính từ sổ hồ sơ đề nghị khen thưởng của Cổng ngày {day(today)}. {MEASURES}",),
                   sections=tuple(sections))


LINE_COLUMNS = (Column("Chỉ tiêu", 5), Column("Số lượng", 1.6, "right"))
INDENT = ("", "- ", "+ ")


def line_section(report: Report, title, keys: list[str]) -> Section:
    rows = section_rows(report, keys)
    body = tuple((INDENT[min(row.indent, 2)] + vi(row.label), figure(row)) for row in rows)
    blocks: list = [Table(LINE_COLUMNS, body,
                          bold_rows=frozenset(index for index, row in enumerate(rows) if row.indent == 0))]
    missing = report.cell(MISSING_GROUP).value
    if missing and "b0603.direct_worker" in keys:
        blocks.append(Paragraph(f"{count(missing)} cá nhân chưa ghi nhóm đối tượng của Biểu 0603 nên chưa được tính "
                                "vào nhóm nào ở trên.", italic=True))
    return Section(re.sub(r"^[IVXLC]+\.\s*", "", vi(title)).upper(), tuple(blocks))


def figure(row: Row) -> str:
    if row.of is None:
        return count(row.cell.value)
    return f"{percent(row.share)} ({count(row.cell.value)}/{count(row.of.value)})"


def forms_section(report: Report) -> Section:
    kinds = list(RecipientKind)
    columns = (Column("Hình thức khen thưởng", 3.5), Column("Đã trình", 1, "right"),
               *(Column(vi(kind.label), 1, "right") for kind in kinds), Column("Cộng", 1, "right"))
    blocks: list = [Paragraph("Số hồ sơ theo hình thức khen thưởng; các cột theo đối tượng là số hồ sơ đã có quyết "
                              "định khen thưởng.")]
    for authority in AwardAuthority:
        rows = forms_at(report, authority)
        if rows:
            blocks.append(Subheading(f"Thẩm quyền quyết định: {vi(authority.label)}"))
            blocks.append(Table(columns, tuple(form_row(row, kinds) for row in rows)))
    return Section("THEO HÌNH THỨC KHEN THƯỞNG", tuple(blocks))


def form_row(row: FormRow, kinds: list[RecipientKind]) -> tuple[str, ...]:
    return (row.name, count(row.submitted.value), *(count(row.by_recipient[kind].value) for kind in kinds),
            count(row.decided.value))


KIND = register(Kind(key="awards", label=_l("Báo cáo kết quả khen thưởng"), type_code="BC", load=load,
                     describe=describe, build=build, subject_type="awards"))
