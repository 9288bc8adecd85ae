"""`flask units import`: the same reading, validation and application as the pages."""

from inspection.groups.models import GroupMember, MemberRole
from inspection.units.models import Unit
from inspection.units.queries import unit_by_code
from tests.factories import make_unit
from tests.imports.files import GROUP_HEADERS, PNG, UNIT_HEADERS, committed_count, csv_bytes, xlsx

GOOD = [UNIT_HEADERS, ["SNV-PTC", "Phòng Tổ chức", "office", "SNV"], ["SNV", "Sở Nội vụ", "department", None,
                                                                         "01/04/2008"]]


def invoke(runner, path, *options):
    return runner.invoke(args=["units", "import", str(path), *options])


def test_cli_imports_units(runner, tmp_path):
    path = tmp_path / "don-vi.xlsx"
    path.write_bytes(xlsx(GOOD))
    result = invoke(runner, path)
    assert result.exit_code == 0, result.output
    assert "Mới: 2, cập nhật: 0, không đổi: 0, lỗi: 0." in result.output
    assert "Đã nhập đơn vị: 2 mới, 0 cập nhật, 0 không đổi." in result.output
    assert unit_by_code("SNV-PTC").parent.code == "SNV"
    assert committed_count(Unit) == 2
    again = invoke(runner, path)
    assert "Đã nhập đơn vị: 0 mới, 0 cập nhật, 2 không đổi." in again.output


def test_cli_dry_run_writes_nothing(runner, tmp_path):
    path = tmp_path / "don-vi.csv"
    path.write_bytes(csv_bytes(GOOD, ";", bom=True))
    result = invoke(runner, path, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Mới: 2" in result.output and "không ghi gì" in result.output
    assert committed_count(Unit) == 0


def test_cli_errors_are_listed_and_nothing_is_written(runner, tmp_path):
    path = tmp_path / "don-vi.xlsx"
    path.write_bytes(xlsx(GOOD + [["X", "Ngày sai", "office", None, "31/02/2017"], ["Y", "Loại sai", "bộ"]]))
    result = invoke(runner, path)
    assert result.exit_code == 1
    assert ("Dòng 4, cột Hoạt động từ: “31/02/2017” không phải ngày hợp lệ; ghi theo dạng dd/mm/yyyy, "
            "ví dụ 30/11/2017.") in result.output
    assert "Dòng 5, cột Loại đơn vị: “bộ” không hợp lệ" in result.output
    assert "Có 2 lỗi: không ghi gì vào cơ sở dữ liệu." in result.output
    assert committed_count(Unit) == 0


def test_cli_refuses_a_file_that_is_not_a_spreadsheet(runner, tmp_path):
    path = tmp_path / "anh.xlsx"
    path.write_bytes(PNG)
    result = invoke(runner, path)
    assert result.exit_code == 1
    assert "Tệp “anh.xlsx” không phải bảng tính Excel .xlsx hợp lệ" in result.output


def test_cli_imports_groups(runner, tmp_path, app):
    from inspection.extensions import db

    make_unit(code="A")
    make_unit(code="B")
    db.session.commit()
    path = tmp_path / "cum-khoi.xlsx"
    path.write_bytes(xlsx([GROUP_HEADERS, [2017, "Cụm", "Cụm 1", "A", "Trưởng"], [2017, "Cụm", "Cụm 1", "B"]]))
    result = invoke(runner, path, "--kind", "groups")
    assert result.exit_code == 0, result.output
    assert "Đã nhập cụm, khối thi đua: 2 mới, 0 cập nhật, 0 không đổi." in result.output
    roles = {m.unit.code: m.role for m in db.session.query(GroupMember)}
    assert roles == {"A": MemberRole.LEADER, "B": MemberRole.MEMBER}
