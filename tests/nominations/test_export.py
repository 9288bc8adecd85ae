"""The registry's Excel export: the dossiers the user may see under the registry's current filter, in the
import's columns (it imports back unchanged), fetched in batches with a fixed number of queries."""

import io
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from inspection.access import SYSTEM
from inspection.auth.models import Role
from inspection.documents.refs import parse_ref
from inspection.extensions import db
from inspection.imports.pipeline import preview_file
from inspection.nominations.models import AchievementType, DossierStatus, LeaderGroup, RecipientKind
from tests.factories import make_unit
from tests.jobs.run_here import export_file, run_queued_jobs, start_export
from tests.nominations.builders import make_dossier
from tests.nominations.test_import import HEADER, MAX_BYTES

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def units(catalogue):
    found = {"KG": make_unit("Sở Nội vụ", code="KG"), "PQ": make_unit("UBND huyện Phú Quốc", code="PQ")}
    db.session.commit()
    return found


def exported(client, query: str = "") -> list[tuple]:
    response = export_file(client, "/nominations/export" + query)
    assert response.status_code == 200 and response.mimetype == XLSX
    assert "attachment" in response.headers["Content-Disposition"]
    return list(load_workbook(io.BytesIO(response.data)).worksheets[0].iter_rows(values_only=True))


def test_every_column_is_written_as_the_import_reads_it(units, client_as):
    make_dossier(units["KG"], code="HS-001", recipient_name="Phòng Tổ chức", recipient_kind=RecipientKind.COLLECTIVE,
                 achievement_type=AchievementType.REGULAR, group_rank=1, status=DossierStatus.AWARDED,
                 submitted_on=date(2017, 11, 1), decision_ref=parse_ref("2345/QĐ-UBND"),
                 decision_date=date(2017, 12, 15), note="Dẫn đầu khối")
    make_dossier(units["PQ"], code="HS-002", form="CSTDT_OLD", recipient_name="Lê Thị Hoa", is_leader=False,
                 leader_group=LeaderGroup.DIRECT_WORKER, posthumous=True)
    db.session.commit()

    rows = exported(client_as(Role.INSPECTOR))

    assert list(rows[0]) == HEADER
    assert rows[1:] == [
        ("HS-001", "KG", 2017, "Bằng khen của Chủ tịch UBND tỉnh", "Tập thể", "Phòng Tổ chức", None, None,
         "Thường xuyên (thực hiện nhiệm vụ được giao)", 1, "Không", datetime(2017, 11, 1), "2345/QĐ-UBND",
         datetime(2017, 12, 15), "Đã khen thưởng", "Dẫn đầu khối"),
        ("HS-002", "PQ", 2017, "Chiến sĩ thi đua cấp tỉnh", "Cá nhân", "Lê Thị Hoa", "Không",
         "Người trực tiếp lao động, công tác", None, None, "Có",
         None, None, None, "Nháp", None),
    ]


def test_dates_are_real_excel_dates_shown_dd_mm_yyyy(units, client_as):
    make_dossier(units["KG"], status=DossierStatus.SUBMITTED, submitted_on=date(2017, 11, 1))
    db.session.commit()

    response = export_file(client_as(Role.ADMIN), "/nominations/export")

    cell = load_workbook(io.BytesIO(response.data)).worksheets[0]["L2"]
    assert cell.is_date and cell.number_format == "DD/MM/YYYY"


def test_the_export_imports_back_unchanged(units, client_as):
    make_dossier(units["KG"], code="HS-001", status=DossierStatus.AWARDED, is_leader=True)
    make_dossier(units["KG"], code="HS-002", form="CTDUBT", achievement_type=AchievementType.THEMATIC, group_rank=3)
    make_dossier(units["PQ"], code="HS-001", status=DossierStatus.NOT_AWARDED, note="Chưa đủ tiêu chuẩn\nnăm 2017")
    db.session.commit()

    data = export_file(client_as(Role.COUNCIL), "/nominations/export").data
    plan = preview_file(SYSTEM, "dossiers", data, "xuat.xlsx", MAX_BYTES)

    assert (plan.errors, plan.counts) == ([], {"new": 0, "updated": 0, "unchanged": 3})


def test_a_unit_officer_exports_only_own_units(units, client_as):
    make_dossier(units["KG"], code="HS-KG")
    make_dossier(units["PQ"], code="HS-PQ")
    db.session.commit()

    rows = exported(client_as(Role.UNIT_OFFICER, units=[units["PQ"]]))

    assert [row[0] for row in rows[1:]] == ["HS-PQ"]


def test_the_registry_filter_applies(units, client_as):
    make_dossier(units["KG"], code="HS-2017", year=2017, status=DossierStatus.AWARDED)
    make_dossier(units["KG"], code="HS-2018", year=2018, status=DossierStatus.AWARDED)
    make_dossier(units["KG"], code="HS-2018-NHAP", year=2018)
    make_dossier(units["PQ"], code="HS-PQ", year=2018, form="CTDUBT", status=DossierStatus.AWARDED)
    db.session.commit()
    client = client_as(Role.COUNCIL)

    def codes(query):
        return sorted(row[0] for row in exported(client, query)[1:])

    assert codes("?year_from=2018&status=awarded") == ["HS-2018", "HS-PQ"]
    assert codes("?unit=KG&year_from=2018&page=3") == ["HS-2018", "HS-2018-NHAP"]
    assert codes("?form=CTDUBT&form=BKUBT&year_to=2017") == ["HS-2017"]
    assert codes("?status=not-a-status&year_from=abc") == ["HS-2017", "HS-2018", "HS-2018-NHAP", "HS-PQ"]


def test_the_export_runs_a_fixed_number_of_queries(units, client_as, count_queries):
    client = client_as(Role.COUNCIL)

    def queries() -> int:
        start_export(client, "/nominations/export")
        with count_queries() as counter:  # the export job's run: its claim, the export, the file kept, the end
            assert run_queued_jobs() == 1
        return counter.count

    for number in range(3):
        make_dossier(units["KG"], code=f"HS-{number}")
    db.session.commit()
    few = queries()
    for number in range(3, 60):
        make_dossier(units["PQ" if number % 2 else "KG"], code=f"HS-{number}", status=DossierStatus.SUBMITTED)
    db.session.commit()

    assert queries() == few
    # Ceiling = the job's run: its claim, load and end, its progress and result file (11), and the export's
    # fixed budget (3) on SQLite; no margin: +20% of the export's part rounds down.
    assert few <= 14


def test_the_registry_header_offers_the_excel_buttons_with_the_current_filter(units, client_as):
    html = client_as(Role.COUNCIL).get("/nominations/?year_from=2017&status=awarded&status=submitted&page=1") \
        .get_data(as_text=True)

    assert "Tải mẫu Excel" in html and "Nhập từ Excel" in html
    link = html[html.index('action="/nominations/export?'):].split('"')[1]  # a background job (tests/jobs)
    assert "year_from=2017" in link and "status=awarded" in link and "status=submitted" in link
    assert "page=" not in link and "Tải xuống Excel (theo bộ lọc hiện tại)" in html


def test_inspectors_see_only_the_export_button(units, client_as):
    html = client_as(Role.INSPECTOR).get("/nominations/").get_data(as_text=True)

    assert "Tải xuống Excel (theo bộ lọc hiện tại)" in html
    assert "Nhập từ Excel" not in html and "Tải mẫu Excel" not in html
