"""The register's Excel download: every recommendation the register lists under the same filters and scope (all
pages), with its heading, real dates, and a number of queries that does not grow with the rows."""

import io
import re
from datetime import date, datetime, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from inspection.access import SYSTEM
from inspection.extensions import db
from inspection.findings import register_export, services
from inspection.findings.models import (
    FindingCategory,
    Recommendation,
    Severity,
    UnitStatus,
    VerificationMethod,
    VerifiedStatus,
)
from inspection.timeutil import today_vn
from tests.factories import make_unit
from tests.findings.builders import make_finding, make_recommendation
from tests.jobs.run_here import export_file, run_queued_jobs, start_export

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: the register's export button: it starts a job whose result is the file (tests/jobs/run_here.py runs it)
EXPORT = "/recommendations/export"
#: title, filters, time, blank line, then the column headers
HEADER_ROW = 5


@pytest.fixture
def app_config():
    return {"PAGE_SIZE": 4}


@pytest.fixture
def varied(world):
    """Beside the world's overdue recommendation: a critical one shared with Cà Mau, due later; a verified one;
    and eight more on a second finding, so the register has three pages of four."""
    critical = make_finding(world.mission, world.own, title="Tiêu chuẩn khen thưởng", severity=Severity.CRITICAL,
                            category=FindingCategory.AWARD_COMPLIANCE)
    shared = make_recommendation(critical, [world.own, world.foreign], text="Rà soát hồ sơ còn thời hạn",
                                 issued_on=date(2018, 1, 5), due=today_vn() + timedelta(days=30))
    shared.responsibilities[1].status = UnitStatus.IN_PROGRESS
    done = make_recommendation(critical, [world.own], text="Kiến nghị đã xác minh")
    services.verify(SYSTEM, done, VerifiedStatus.IMPLEMENTED, VerificationMethod.ON_SITE, None, version=done.version)
    more = make_finding(world.mission, world.own, title="Lưu trữ hồ sơ", category=FindingCategory.RECORDS_IT)
    for number in range(8):
        make_recommendation(more, text=f"Số hóa hồ sơ đợt {number}", due=date(2019, 1, 1) + timedelta(days=number))
    db.session.commit()
    return world


def sheet_rows(response) -> list[tuple]:
    assert response.status_code == 200 and response.mimetype == XLSX
    return list(load_workbook(io.BytesIO(response.data)).worksheets[0].iter_rows(values_only=True))


def exported_ids(client, query: str = "") -> list[int]:
    """The ids of the recommendations whose numbers the file lists, in its order."""
    numbers = [row[1] for row in sheet_rows(export_file(client, EXPORT + query))[HEADER_ROW:]]
    ids = dict(db.session.execute(select(Recommendation.number, Recommendation.id)).all())
    return [ids[number] for number in numbers]


def register_ids(client, query: str = "") -> list[int]:
    """Every id the register lists for this query, page after page, in its order."""
    ids, page = [], 1
    while True:
        html = client.get(f"/recommendations/?{query}&page={page}").get_data(as_text=True)
        found = [int(number) for number in re.findall(r'href="/recommendations/(\d+)"', html)]
        if not found:
            return ids
        ids += found
        page += 1


@pytest.mark.parametrize("query", ["", "overdue=y", "severity=critical", "unit=CM", "verified=implemented",
                                   "sort=due&order=desc", "category=records_it&sort=mission",
                                   "unit=XYZ&due_from=31/02/2018", "verified=open&unit_status=in_progress",
                                   "verified=closed", "cohort=2018&sort=issued", "aging=91%2B&sort=severity&order=desc",
                                   "responsible=CM", "subtree=KG&cohort=2017"])
def test_the_file_holds_the_registers_rows_of_every_page_in_its_order(varied, login, query):
    council = login(varied.council)

    expected = register_ids(council, query)

    assert expected  # every query here finds something: an empty file would prove nothing
    assert exported_ids(council, "?" + query) == expected
    assert exported_ids(council, f"?{query}&page=3") == expected  # the page number is not a filter


def test_a_unit_officer_exports_only_what_the_register_shows_them(varied, login):
    own, foreign = login(varied.own_officer), login(varied.foreign_officer)

    foreign_ids = exported_ids(foreign)

    assert len(foreign_ids) == 1 and foreign_ids == register_ids(foreign)
    assert len(exported_ids(own)) == 11 and exported_ids(own) == register_ids(own)


def test_nothing_matching_still_gives_the_heading_and_column_headers(varied, login):
    rows = sheet_rows(export_file(login(varied.council), EXPORT + "?verified=overtaken"))

    assert len(rows) == HEADER_ROW
    assert rows[HEADER_ROW - 1][:3] == ("STT", "Kiến nghị số", "Nội dung kiến nghị")


def test_each_column_and_the_heading(varied, login):
    rows = sheet_rows(export_file(login(varied.council), EXPORT + "?severity=critical&overdue=&unit=CM&sort=unit"))

    assert rows[0][0] == "Sổ theo dõi kiến nghị"
    assert rows[1][0] == "Bộ lọc: Mã đơn vị: UBND tỉnh Cà Mau (CM); Mức độ: Rất nghiêm trọng"
    assert re.fullmatch(r"Xuất lúc \d\d/\d\d/\d{4} \d\d:\d\d \(giờ Việt Nam\), người xuất: Người dùng \d+",
                        rows[2][0])
    assert rows[HEADER_ROW - 1] == (
        "STT", "Kiến nghị số", "Nội dung kiến nghị", "Kết quả kiểm tra", "Lĩnh vực", "Mức độ", "Đơn vị được kiểm tra",
        "Đoàn kiểm tra", "Đơn vị chịu trách nhiệm (tình trạng)", "Ngày ban hành", "Hạn ban đầu", "Hạn hiện tại",
        "Số ngày quá hạn", "Kết quả xác minh", "Ngày xác minh")
    due = today_vn() + timedelta(days=30)
    assert rows[HEADER_ROW:] == [(
        1, rows[HEADER_ROW][1], "Rà soát hồ sơ còn thời hạn", "Tiêu chuẩn khen thưởng",
        "Tiêu chuẩn, quy trình, hồ sơ, thẩm quyền, thời hạn khen thưởng", "Rất nghiêm trọng", "UBND tỉnh Kiên Giang",
        "Đoàn kiểm tra công tác TĐKT năm 2017",
        "UBND tỉnh Kiên Giang (Chưa thực hiện); UBND tỉnh Cà Mau (Đang thực hiện)",
        datetime(2018, 1, 5), datetime.combine(due, datetime.min.time()), datetime.combine(due, datetime.min.time()),
        None, "Chưa kết luận", None)]


def test_overdue_days_verification_and_real_dates(varied, login):
    rows = sheet_rows(export_file(login(varied.council), EXPORT + "?category=exemplar_replication"))
    sheet = load_workbook(io.BytesIO(export_file(login(varied.council), EXPORT).data)).worksheets[0]

    overdue = rows[HEADER_ROW]
    assert overdue[2] == "Đẩy mạnh nhân rộng điển hình tiên tiến"
    assert overdue[12] == (today_vn() - date(2018, 6, 30)).days and overdue[13] == "Chưa kết luận"
    verified = next(row for row in sheet_rows(export_file(login(varied.council), EXPORT + "?verified=implemented"))
                    [HEADER_ROW:])
    assert verified[12] is None and verified[13] == "Đã thực hiện (đã xác minh)"
    assert verified[14].date() == today_vn()
    for column in "JKL":
        cell = sheet[f"{column}{HEADER_ROW + 1}"]
        assert cell.is_date and cell.number_format == "DD/MM/YYYY"


def test_the_filters_in_words_follow_whatever_fields_the_form_has(varied, login):
    query = "?verified=closed&cohort=2017&aging=91%2B&escalated=y"
    rows = sheet_rows(export_file(login(varied.council), EXPORT + query))

    assert rows[1][0] == ("Bộ lọc: Kết quả xác minh: Đã kết luận (mọi kết quả); Quá hạn (ngày): Trên 90 ngày; "
                          "Năm ban hành: 2017; Đã báo cáo cơ quan cấp trên")


def test_the_download_is_named_after_the_register_and_the_day(varied, login):
    response = export_file(login(varied.council), EXPORT)

    assert "attachment" in response.headers["Content-Disposition"]
    assert f"so-theo-doi-kien-nghi-{today_vn():%Y%m%d}.xlsx" in response.headers["Content-Disposition"]


def test_the_register_offers_the_export_with_its_filters_without_the_page(varied, login):
    html = login(varied.council).get("/recommendations/?category=records_it&page=2").get_data(as_text=True)

    # the button starts the export as a background job (tests/jobs), posting the filters without the page
    assert 'action="/recommendations/export?category=records_it"' in html and "Xuất Excel" in html


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.post(EXPORT)

    assert response.status_code == 302 and "/login" in response.headers["Location"]


def _add(world, count: int) -> None:
    """`count` more recommendations over findings of several units, two responsible units each."""
    units = [make_unit(f"Sở thử {index}") for index in range(3)]
    world.mission.units.extend(units)
    for index in range(count):
        if index % 10 == 0:
            finding = make_finding(world.mission, units[index % 3])
        make_recommendation(finding, [units[index % 3], world.own])
    db.session.commit()


def _queries(client, count_queries, query: str = "") -> int:
    """The statements of the export job's run (started from the page, run here): its claim, the export, the
    file kept and the end. Progress is written at the start and the end only (no second passes)."""
    export_file(client, EXPORT + query)  # warm up: the login, the app's caches
    start_export(client, EXPORT + query)
    with count_queries() as counter:
        assert run_queued_jobs() == 1
    return counter.count


def test_the_export_runs_the_same_queries_for_10_and_200_rows(world, login, count_queries):
    council, officer = login(world.council), login(world.own_officer)
    _add(world, 9)
    few = [_queries(client, count_queries, query) for client in (council, officer) for query in ("", "?unit=KG")]
    _add(world, 191)
    many = [_queries(client, count_queries, query) for client in (council, officer) for query in ("", "?unit=KG")]

    assert len(exported_ids(council)) == 201
    assert many == few
    # Ceiling = the job's run: its claim, load and end, its progress and result file, and the export's fixed
    # budget (the export alone measured 7 to 11; the whole run 18 to 24 on SQLite), plus a small margin.
    assert max(many) <= 26


def test_rows_are_fetched_in_batches_and_none_is_lost_between_them(world, login, count_queries, monkeypatch):
    council = login(world.council)
    _add(world, 20)
    expected = exported_ids(council)
    one_batch = _queries(council, count_queries)

    monkeypatch.setattr(register_export, "FETCH", 7)

    assert exported_ids(council) == expected and len(expected) == 21
    assert _queries(council, count_queries) > one_batch  # three batches: the units of each are loaded apart
