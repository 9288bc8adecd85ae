"""Reading .xlsx and .csv files: content checks, header matching, cell cleaning, row numbers."""

import io
import unicodedata
import zipfile
from datetime import datetime

import pytest

from inspection.imports.reader import read_table, sniff_delimiter
from inspection.rules import RuleViolation
from tests.imports.files import PNG, UNIT_HEADERS, csv_bytes, xlsx

REQUIRED = UNIT_HEADERS[:3]
LIMIT = 1024 * 1024


def read(data: bytes, filename: str = "don-vi.xlsx", max_bytes: int = LIMIT):
    return read_table(data, filename, columns=UNIT_HEADERS, required=REQUIRED, max_bytes=max_bytes)


def refusal(data: bytes, filename: str = "don-vi.xlsx", max_bytes: int = LIMIT) -> str:
    with pytest.raises(RuleViolation) as caught:
        read(data, filename, max_bytes)
    assert caught.value.field == "file"
    return caught.value.message


def test_xlsx_rows_keep_spreadsheet_numbers_and_skip_empty_rows(app):
    table = read(xlsx([UNIT_HEADERS[:3], ["A", "Một", "department"], [None, "  ", None], ["B", "Hai", "office"]]))
    assert [row.number for row in table.rows] == [2, 4]
    assert table.rows[1].values["Mã đơn vị"] == "B"


def test_header_found_below_empty_rows(app):
    table = read(xlsx([[], [], UNIT_HEADERS[:3], ["A", "Một", "department"]]))
    assert [row.number for row in table.rows] == [4]


def test_nfd_headers_with_stray_spaces_and_other_case_are_matched(app):
    headers = ["  " + unicodedata.normalize("NFD", header.upper()) + " \u00a0" for header in REQUIRED]
    value = unicodedata.normalize("NFD", "  Sở Nội vụ \u200b")
    table = read(xlsx([headers, ["SNV", value, "department"]]))
    assert table.rows[0].values["Tên đơn vị"] == "Sở Nội vụ"
    assert unicodedata.is_normalized("NFC", table.rows[0].values["Tên đơn vị"])


def test_excel_dates_stay_dates(app):
    table = read(xlsx([UNIT_HEADERS, ["A", "Một", "department", None, datetime(2017, 11, 30)]]))
    assert table.rows[0].values["Hoạt động từ"] == datetime(2017, 11, 30)


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_delimiters_with_and_without_bom(app, delimiter):
    for bom in (True, False):
        data = csv_bytes([REQUIRED, ["SNV", "Sở Nội vụ, tỉnh", "department"]], delimiter, bom=bom)
        table = read(data, "don-vi.csv")
        assert table.rows[0].values == {"Mã đơn vị": "SNV", "Tên đơn vị": "Sở Nội vụ, tỉnh",
                                        "Loại đơn vị": "department"}


def test_semicolon_header_holding_a_comma_is_still_split_on_semicolons():
    columns = ["Năm", "Loại", "Tên cụm, khối", "Mã đơn vị", "Vai trò"]
    assert sniff_delimiter("Năm;Loại;Tên cụm, khối;Mã đơn vị\n2017;Cụm;A, B;X\n", columns) == ";"


def test_cells_outside_the_headers_are_marked(app):
    table = read(csv_bytes([REQUIRED, ["A", "Một", "department", "", "lạc"]], ","), "don-vi.csv")
    assert table.rows[0].stray == [5]


def test_png_renamed_xlsx_is_refused_by_content(app):
    assert "không phải bảng tính Excel .xlsx hợp lệ" in refusal(PNG, "anh.xlsx")


def test_zip_that_is_not_a_workbook_is_refused(app):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "không phải bảng tính")
    assert "“nen.xlsx” không phải bảng tính Excel" in refusal(buffer.getvalue(), "nen.xlsx")


def test_other_types_are_refused(app):
    assert "Chỉ nhận tệp Excel .xlsx hoặc .csv" in refusal(b"hello", "ghi-chu.txt")
    assert "không phải tệp CSV mã UTF-8" in refusal(PNG, "anh.csv")
    assert "không phải tệp CSV mã UTF-8" in refusal("Mã đơn vị".encode("utf-16"), "don-vi.csv")


def test_empty_and_oversized_files_are_refused(app):
    assert refusal(b"", "rong.csv") == "Tệp “rong.csv” rỗng."
    assert "lớn hơn giới hạn" in refusal(b"x" * 2000, "to.csv", max_bytes=1000)


def test_missing_required_column_is_named(app):
    message = refusal(xlsx([["Mã đơn vị", "Tên"], ["A", "B"]]), "thieu.xlsx")
    assert "Tệp “thieu.xlsx” thiếu cột bắt buộc “Tên đơn vị”, “Loại đơn vị”" in message


def test_header_only_and_repeated_column_are_refused(app):
    assert "chỉ có dòng tiêu đề" in refusal(xlsx([REQUIRED]))
    assert "có hai cột “Mã đơn vị”" in refusal(xlsx([REQUIRED + ["mã đơn vị"], ["A", "B", "office", "C"]]))


def test_browser_folder_is_dropped_from_the_name(app):
    assert "“don-vi.csv” rỗng" in refusal(b"", "C:\\Users\\admin\\don-vi.csv")


def test_a_title_above_the_header_is_skipped(app):
    table = read(xlsx([["DANH SÁCH ĐƠN VỊ NĂM 2017"], [], REQUIRED, ["A", "Một", "department"]]))
    assert [(row.number, row.values["Mã đơn vị"]) for row in table.rows] == [(4, "A")]
