"""In a real browser: a council officer downloads the dossier template, fills it with one bad row, uploads it,
reads the preview (row and column of the error, nothing written), fixes the row, uploads again, confirms,
and opens the award statistics report of the unit and year, whose numbers count the imported dossiers. The
preview and the confirmation run as jobs on a real worker: the page shows the bar, then reloads itself."""

from datetime import date

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from inspection import create_app
from inspection.access import SYSTEM
from inspection.auth.models import Role
from inspection.extensions import db
from inspection.nominations.catalogue import seed_catalogue
from inspection.nominations.models import Dossier
from tests import factories
from tests.browser.pages import log_in
from tests.jobs.conftest import running_consumer

#: how long the page may take to show a job's outcome (the bar polls every 1.5 s, then the page reloads)
JOB_WAIT = 20_000

COLUMNS = ["Mã hồ sơ", "Mã đơn vị", "Năm", "Hình thức khen thưởng", "Đối tượng", "Tên đối tượng",
           "Lãnh đạo, quản lý", "Nhóm cá nhân (Biểu 0603)", "Loại thành tích", "Xếp hạng cụm, khối", "Truy tặng",
           "Ngày trình",
           "Số quyết định", "Ngày quyết định", "Trạng thái", "Ghi chú"]
BAD_FORM = "Bằng khen Chủ tịch tỉnh"  # not a catalogue name: the file's one bad row
AWARDED = {"Ngày trình": date(2017, 11, 1), "Số quyết định": "2650/QĐ-UBND", "Ngày quyết định": "15/12/2017",
           "Trạng thái": "Đã khen thưởng"}
#: one dossier a row; row 4 of the sheet (the header is row 1) is the bad one until fixed
ROWS = [
    {"Mã hồ sơ": "KG-2017-001", "Hình thức khen thưởng": "Bằng khen của Chủ tịch UBND tỉnh", "Đối tượng": "Cá nhân",
     "Tên đối tượng": "Nguyễn Văn An", "Lãnh đạo, quản lý": "Không", "Loại thành tích": "Chuyên đề", **AWARDED},
    {"Mã hồ sơ": "KG-2017-002", "Hình thức khen thưởng": "Bằng khen của Chủ tịch UBND tỉnh", "Đối tượng": "Cá nhân",
     "Tên đối tượng": "Trần Thị Bình", "Lãnh đạo, quản lý": "Có", "Loại thành tích": "Thường xuyên", **AWARDED},
    {"Mã hồ sơ": "KG-2017-003", "Hình thức khen thưởng": BAD_FORM, "Đối tượng": "Tập thể",
     "Tên đối tượng": "Phòng Nội vụ huyện An Biên", "Xếp hạng cụm, khối": 2, **AWARDED},
    {"Mã hồ sơ": "KG-2017-004", "Hình thức khen thưởng": "Cờ thi đua của UBND tỉnh", "Đối tượng": "Tập thể",
     "Tên đối tượng": "UBND huyện Châu Thành", "Xếp hạng cụm, khối": 1, **AWARDED},
    {"Mã hồ sơ": "KG-2017-005", "Hình thức khen thưởng": "Huân chương Lao động hạng Ba", "Đối tượng": "Cá nhân",
     "Tên đối tượng": "Lê Văn Cường", "Lãnh đạo, quản lý": "Có", "Ngày trình": "20/11/2017",
     "Trạng thái": "Đã trình"},
]


@pytest.fixture
def worker(live_server, live_server_config):
    """A worker on the server's database, queue and file store (another app object, as a separate process is)."""
    with running_consumer(create_app(dict(live_server_config, JOBS_HEARTBEAT_SECONDS=0.5))) as consumer:
        yield consumer


@pytest.fixture
def council_officer():
    factories.make_unit("UBND tỉnh Kiên Giang", code="KG")
    seed_catalogue(SYSTEM)
    user = factories.make_user(Role.COUNCIL, full_name="Võ Thị Thi Đua")
    db.session.commit()
    return user



def fill_template(template_path, target_path, rows: list[dict]) -> None:
    """Rows written into the downloaded template (keeping its drop-down lists and its guide sheet)."""
    workbook = load_workbook(template_path)
    sheet = workbook.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    assert header == COLUMNS
    for offset, row in enumerate(rows, start=2):
        for name, value in ({"Mã đơn vị": "KG", "Năm": 2017} | row).items():
            sheet.cell(row=offset, column=header.index(name) + 1, value=value)
    workbook.save(target_path)


def upload(page: Page, path) -> None:
    page.goto("/nominations/import")
    page.get_by_label("Tệp Excel .xlsx (hoặc .csv UTF-8)").set_input_files(str(path))
    page.get_by_role("button", name="Xem trước").click()


def summary_card(page: Page, label: str):
    return page.locator(".card-body").filter(has=page.get_by_text(label, exact=True))


def report_number(page: Page, section: str, label: str):
    """The number cell of a report line, found by its section heading and its label."""
    table = page.locator("section").filter(has=page.get_by_role("heading", name=section))
    row = table.get_by_role("row").filter(has=page.get_by_role("cell", name=label, exact=True))
    return row.get_by_role("cell").nth(1)


def test_upload_with_a_bad_row_fix_it_confirm_and_see_the_report(page: Page, council_officer, worker, tmp_path):
    log_in(page, council_officer.username)
    page.goto("/nominations/import")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải mẫu Excel").click()
    template = tmp_path / "mau.xlsx"
    download.value.save_as(template)

    # 1. a file with one unknown award form: the preview names its row and column, and writes nothing
    fill_template(template, tmp_path / "ho-so.xlsx", ROWS)
    upload(page, tmp_path / "ho-so.xlsx")
    expect(page.get_by_role("heading", level=1)).to_have_text("Xem trước: nhập hồ sơ đề nghị khen thưởng",
                                                              timeout=JOB_WAIT)
    expect(summary_card(page, "Lỗi")).to_contain_text("1")
    expect(page.get_by_role("alert")).to_contain_text("Chưa ghi gì vào cơ sở dữ liệu")
    error = page.get_by_role("row").filter(has_text=BAD_FORM)
    expect(error.get_by_role("cell").nth(0)).to_have_text("4")
    expect(error.get_by_role("cell").nth(1)).to_have_text("Hình thức khen thưởng")
    expect(page.get_by_role("button", name="Xác nhận nhập")).to_have_count(0)
    assert db.session.scalar(select(func.count(Dossier.id))) == 0

    # 2. the row fixed: five new dossiers, confirmed
    fixed_rows = [row | {"Hình thức khen thưởng": "Bằng khen của Chủ tịch UBND tỉnh"}
                  if row["Hình thức khen thưởng"] == BAD_FORM else row for row in ROWS]
    fill_template(template, tmp_path / "ho-so-da-sua.xlsx", fixed_rows)
    upload(page, tmp_path / "ho-so-da-sua.xlsx")
    expect(summary_card(page, "Mới")).to_contain_text("5", timeout=JOB_WAIT)
    expect(summary_card(page, "Lỗi")).to_contain_text("0")
    page.get_by_role("button", name="Xác nhận nhập").click()
    expect(page).to_have_url(f"{page.url.split('/nominations')[0]}/nominations/", timeout=JOB_WAIT)
    expect(page.get_by_role("alert").first).to_contain_text("5")
    assert db.session.scalar(select(func.count(Dossier.id))) == 5

    # 3. the report of the unit for 2017 counts them
    page.goto("/nominations/report")
    page.get_by_label("Mã đơn vị").fill("KG")
    page.get_by_label("Năm thi đua từ").fill("2017")
    page.get_by_label("đến năm").fill("2017")
    page.get_by_role("button", name="Xem", exact=True).click()
    state, provincial = "I. Khen thưởng cấp Nhà nước", "II. Khen thưởng cấp tỉnh"
    certificate, titles = "III. Bằng khen của Chủ tịch UBND tỉnh", "IV. Danh hiệu thi đua cấp tỉnh"
    expected = [
        (state, "Tổng số hồ sơ đã trình Thủ tướng Chính phủ", "1"),
        (state, "Tổng số hồ sơ đã có quyết định khen thưởng", "0"),
        (provincial, "Tổng số khen thưởng cấp tỉnh", "4"),
        (provincial, "Tập thể", "2"),
        (provincial, "Cá nhân", "2"),
        (provincial, "Cá nhân không là lãnh đạo, quản lý", "1"),
        (certificate, "Bằng khen của Chủ tịch UBND tỉnh", "3"),
        (certificate, "Tập thể hạng Nhì, hạng Ba Cụm, Khối thi đua thuộc tỉnh", "1"),
        (certificate, "Thành tích thực hiện nhiệm vụ được giao", "1"),
        (certificate, "Chuyên đề", "1"),
        (titles, "Cờ thi đua của UBND tỉnh", "1"),
        (titles, "trong đó tập thể dẫn đầu Cụm, Khối thi đua thuộc tỉnh", "1"),
    ]
    for section, label, number in expected:
        expect(report_number(page, section, label)).to_have_text(number)
    expect(report_number(page, provincial, "Tỷ lệ cá nhân không là lãnh đạo, quản lý")).to_contain_text("50")

    # every number leads to the registry filtered the same way
    report_number(page, provincial, "Tổng số khen thưởng cấp tỉnh").get_by_role("link").click()
    for code in ("KG-2017-001", "KG-2017-002", "KG-2017-003", "KG-2017-004"):
        expect(page.get_by_role("link", name=code, exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="KG-2017-005", exact=True)).to_have_count(0)
