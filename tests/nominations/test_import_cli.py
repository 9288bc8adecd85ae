"""`flask nominations import FILE [--dry-run]`: the same import from the command line."""

from datetime import date

import pytest
from sqlalchemy import select

from inspection.extensions import db
from inspection.nominations.models import Dossier
from tests.factories import make_unit
from tests.nominations.test_import import dossier_count, dossier_row, imports_logged, xlsx


@pytest.fixture
def unit(catalogue):
    unit = make_unit("Sở Nội vụ", code="KG")
    db.session.commit()
    return unit


def test_import_from_the_command_line(unit, runner, tmp_path):
    path = tmp_path / "ho-so.xlsx"
    path.write_bytes(xlsx([dossier_row(), dossier_row("HS-002", submitted="02/11/2017")]))

    result = runner.invoke(args=["nominations", "import", str(path)])

    assert result.exit_code == 0, result.output
    assert "Mới: 2, cập nhật: 0, không đổi: 0, lỗi: 0." in result.output
    assert "Đã nhập hồ sơ đề nghị khen thưởng: 2 mới, 0 cập nhật, 0 không đổi." in result.output
    assert set(db.session.scalars(select(Dossier.submitted_on))) == {date(2017, 11, 1), date(2017, 11, 2)}
    assert imports_logged() == 1

    again = runner.invoke(args=["nominations", "import", str(path)])
    assert again.exit_code == 0 and "Mới: 0, cập nhật: 0, không đổi: 2, lỗi: 0." in again.output


def test_errors_are_listed_and_nothing_is_written(unit, runner, tmp_path):
    path = tmp_path / "loi.xlsx"
    path.write_bytes(xlsx([dossier_row(), dossier_row("HS-002", year="năm ngoái", ref="28O/QĐ-UBND")]))

    result = runner.invoke(args=["nominations", "import", str(path)])

    assert result.exit_code == 1
    assert "Dòng 3, cột Năm: “năm ngoái” không hợp lệ: cần một số nguyên từ 1945 đến 2100." in result.output
    assert "Dòng 3, cột Số quyết định: Phần số “28O”" in result.output
    assert "Có 2 lỗi: không ghi gì vào cơ sở dữ liệu." in result.output
    assert dossier_count() == 0


def test_dry_run_writes_nothing(unit, runner, tmp_path):
    path = tmp_path / "ho-so.xlsx"
    path.write_bytes(xlsx([dossier_row()]))

    result = runner.invoke(args=["nominations", "import", "--dry-run", str(path)])

    assert result.exit_code == 0 and "Mới: 1" in result.output
    assert "Chạy thử (--dry-run): không ghi gì." in result.output
    assert dossier_count() == 0


def test_a_file_that_is_not_a_spreadsheet_is_refused(unit, runner, tmp_path):
    path = tmp_path / "ho-so.xlsx"
    path.write_bytes(b"not a workbook")

    result = runner.invoke(args=["nominations", "import", str(path)])

    assert result.exit_code == 1 and "không phải bảng tính Excel .xlsx hợp lệ" in result.output
