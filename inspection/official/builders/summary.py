"""Báo cáo tổng hợp (BC) for the council over a period of issue dates (a year, or from/to): the dashboard's
figures as tables, computed by the dashboard's own queries (build_dashboard) for the same user and filters, so
the report and the dashboard cannot disagree, then the overdue recommendations listed by responsible unit."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from inspection import access
from inspection.dashboard.charts import aging_labels
from inspection.dashboard.cohorts import CohortTable
from inspection.dashboard.scope import AGING, Row, Scope
from inspection.dashboard.views import DASHBOARD_ROLES, build_dashboard, own_filters
from inspection.documents.official.model import Column, Content, Paragraph, Section, Subheading, Table
from inspection.official.builders import overdue_list
from inspection.official.builders.common import count, date_arg, day, lower_first, percent, period, vi, year_arg
from inspection.official.kinds import Kind, SubjectRef, register
from inspection.timeutil import today_vn

TOPIC = "kết quả thực hiện kiến nghị sau kiểm tra, giám sát công tác thi đua, khen thưởng"


@dataclass(frozen=True)
class Period:
    """The report's subject: whose figures (the user's scope, as on their dashboard) over which issue dates."""

    user: object
    start: datetime.date | None
    end: datetime.date | None
    year: int | None = None

    @property
    def words(self) -> str:
        if self.year:
            return f"năm {self.year}"
        return f"(kiến nghị ban hành {period(self.start, self.end)})"

    def args(self) -> dict[str, str]:
        if self.year:
            return {"year": str(self.year)}
        return {name: day(value) for name, value in (("from", self.start), ("to", self.end)) if value}


def _date(args: Mapping[str, str], name: str, dashboard_name: str) -> datetime.date | None:
    """The report's own argument, or the dashboard's filter of the same meaning (its button passes the page's
    query string)."""
    return date_arg(args, name) or date_arg(args, dashboard_name)


def may_read(user) -> bool:
    return user.role in DASHBOARD_ROLES


def load(user, args: Mapping[str, str]) -> Period:
    access.require(user, may_read)
    year = year_arg(args)
    if year:
        return Period(user, datetime.date(year, 1, 1), datetime.date(year, 12, 31), year)
    start, end = _date(args, "from", "issued_from"), _date(args, "to", "issued_to")
    if start is None and end is None:  # the dashboard without a filter: everything issued up to today
        end = today_vn()
    if start and end and end < start:
        raise ValueError(_("Tham số “to” (đến ngày) phải không trước “from” (từ ngày)."))
    return Period(user, start, end)


def describe(subject: Period) -> SubjectRef:
    year = subject.year or (subject.end or subject.start).year
    return SubjectRef("period", None, None, f"Tổng hợp {TOPIC} {subject.words}", year, subject.args())


def build(subject: Period, today: datetime.date) -> Content:
    filters = own_filters(subject.user, {"issued_from": subject.start, "issued_to": subject.end})
    scope = Scope.of(subject.user, {key: value for key, value in filters.items() if value}, today)
    dashboard = build_dashboard(scope)
    return Content(
        type_code="BC", type_name="BÁO CÁO", subject=f"Tổng hợp {TOPIC} {subject.words}",
        preamble=(f"Số liệu tổng hợp từ Cổng kiểm tra, giám sát công tác thi đua, khen thưởng tính đến ngày "
                  f"{day(today)}, gồm các kiến nghị ban hành {period(subject.start, subject.end)}; số ngày quá hạn "
                  "tính theo ngày dương lịch như trang Tổng quan.",),
        sections=(
            totals_section(dashboard.totals),
            breakdown("THEO LĨNH VỰC", "Lĩnh vực", dashboard.by_category),
            breakdown("THEO MỨC ĐỘ", "Mức độ", dashboard.by_severity),
            breakdown("THEO ĐƠN VỊ CHỊU TRÁCH NHIỆM", "Đơn vị", dashboard.by_unit),
            breakdown("THEO ĐOÀN KIỂM TRA", "Đoàn kiểm tra", dashboard.by_mission),
            cohort_section(dashboard.cohorts),
            overdue_section(scope, today)),
        recipients=("Các thành viên Hội đồng Thi đua – Khen thưởng",))


def totals_section(totals: Row) -> Section:
    labels = aging_labels()
    rows = [("Kiến nghị chưa kết luận", count(totals.open.value)),
            ("Trong đó quá hạn", count(totals.overdue.value))]
    rows += [(f"Quá hạn {lower_first(labels[key])}", count(totals.cells[key].value)) for key in AGING]
    columns = (Column("Chỉ tiêu", 4), Column("Số kiến nghị", 1.5, "right"))
    return Section("TỔNG HỢP CHUNG", (Table(columns, tuple(rows), bold_rows=frozenset({0})),))


def breakdown(title: str, label: str, rows: list[Row]) -> Section:
    labels = aging_labels()
    columns = (Column(label, 3.5), Column("Chưa kết luận", 1, "right"), Column("Quá hạn", 1, "right"),
               *(Column(f"Quá hạn {lower_first(labels[key])}", 1, "right") for key in AGING))
    body = tuple((vi(row.label), count(row.open.value), count(row.overdue.value),
                  *(count(row.cells[key].value) for key in AGING)) for row in rows)
    if not body:
        return Section(title, (Paragraph("Không có kiến nghị chưa kết luận."),))
    return Section(title, (Table(columns, body),))


def cohort_section(table: CohortTable) -> Section:
    columns = (Column("Năm ban hành", 1.2, "center"), Column("Số kiến nghị", 1, "right"),
               Column("Tỷ lệ thực hiện sau 1 năm", 1.2, "right"), Column("Sau 2 năm", 1, "right"),
               Column("Sau 3 năm", 1, "right"), Column("Hiện nay", 1, "right"))
    rows = tuple((str(cohort.year), count(cohort.issued.value),
                  *(percent(stage.rate * 100) if stage.reached and stage.rate is not None else "—"
                    for stage in cohort.stages)) for cohort in table.cohorts if cohort.issued.value)
    blocks = [Table(columns, rows)] if rows else [Paragraph("Không có kiến nghị ban hành trong các năm này.")]
    blocks.append(Paragraph(f"Kiến nghị ban hành trước năm {table.backlog_before} còn chưa kết luận: "
                            f"{count(table.backlog_open.value)}, trong đó quá hạn: "
                            f"{count(table.backlog_overdue.value)}."))
    return Section("TỶ LỆ THỰC HIỆN THEO NĂM BAN HÀNH", tuple(blocks))


def overdue_section(scope: Scope, today: datetime.date) -> Section:
    groups = overdue_list.by_unit(scope, today)
    if not groups:
        return Section("DANH SÁCH KIẾN NGHỊ QUÁ HẠN THEO ĐƠN VỊ", (Paragraph("Không có kiến nghị quá hạn."),))
    blocks = []
    for index, (unit_name, lines) in enumerate(groups, start=1):
        blocks.append(Subheading(f"{index}. {unit_name} ({count(len(lines))} kiến nghị)"))
        blocks.append(overdue_list.table(lines))
    return Section("DANH SÁCH KIẾN NGHỊ QUÁ HẠN THEO ĐƠN VỊ", tuple(blocks))


KIND = register(Kind(key="summary", label=_l("Báo cáo tổng hợp"), type_code="BC", load=load, describe=describe,
                     build=build, subject_type="period"))
