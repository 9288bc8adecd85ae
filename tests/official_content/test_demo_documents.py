"""The six kinds built from the 2017 Kiên Giang demo (`flask demo load`, two loads in this file): the conclusion
notice lists the article's shortcomings and its recommendations, the award report has the tables of 280/BC-UBND
with 5.549 and 57,89% as the report page shows them, and each content's text is in its .docx."""

import io
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from inspection.calendar import workdays
from inspection.council.models import ReviewSession
from inspection.demo import mission2017 as seed
from inspection.extensions import db
from inspection.formatting import vn_date
from inspection.missions.models import Mission
from inspection.official.builders import awards, conclusion, minutes, remediation, reminder, summary
from inspection.timeutil import today_vn
from inspection.units.queries import unit_by_code
from tests.nominations.test_report import SEED, line_numbers
from tests.official_content.helpers import column, docx_text, lines, section, tables, titles, user

KG_2017 = {"unit": "KG", "subtree": "y", "year_from": "2017", "year_to": "2017"}


@pytest.fixture
def demo(app, runner):
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output


def demo_client(login, person):
    return login(person, password="demo-password")


def the_2017_mission() -> Mission:
    return db.session.scalar(select(Mission).where(Mission.title == seed.TITLE))


def body_in_docx(content) -> None:
    """Every section title, paragraph, bullet and table cell of the content is in the rendered .docx."""
    text = docx_text(content)
    assert content.subject in text
    for part in content.sections:
        assert part.title in text
        for block in part.blocks:
            cells = [cell for row in block.rows for cell in row] if hasattr(block, "rows") else []
            for piece in cells or getattr(block, "items", ()) or [block.text]:
                assert piece in text, piece


def test_the_2017_mission_documents(demo, login):
    inspector, mission = user("inspector"), the_2017_mission()
    notice_subject = conclusion.KIND.load(inspector, {"mission": str(mission.id)})
    notice = conclusion.KIND.build(notice_subject, today_vn())
    assert (notice.type_code, notice.type_name) == ("TB", "THÔNG BÁO")
    assert notice.subject == "Kết luận kiểm tra, giám sát thực hiện nhiệm vụ công tác thi đua, khen thưởng tỉnh " \
                             "Kiên Giang năm 2017"
    assert titles(notice) == ["KHÁI QUÁT CHUNG", "KẾT QUẢ KIỂM TRA", "KIẾN NGHỊ", "TỔ CHỨC THỰC HIỆN"]
    assert "Thời kỳ kiểm tra: từ 06/11/2016 đến 05/11/2017." in lines(notice, "KHÁI QUÁT CHUNG")
    found = lines(notice, "KẾT QUẢ KIỂM TRA")
    shortcomings = found[found.index("2. Tồn tại, hạn chế") + 1:]
    assert found[0] == "1. Ưu điểm" and found[1].startswith(seed.STRENGTH[1])
    assert [line.split(" (")[0].rstrip(".") for line in shortcomings] == [row[3] for row in seed.SHORTCOMINGS]
    assert "1.973/3.408" in shortcomings[3]  # the figures quoted as evidence
    [table] = tables(notice, "KIẾN NGHỊ")
    assert column(table, "Nội dung kiến nghị") == [row[5] for row in seed.SHORTCOMINGS]
    assert column(table, "Thời hạn") == [vn_date(row[6]) for row in seed.SHORTCOMINGS]
    assert column(table, "Số kiến nghị") == [f"KN-0{n}/Đ{mission.id}-2017" for n in range(1, 6)]
    # addressed in 2017 to Kiên Giang and its Sở Nội vụ, though An Giang's carry them out since the 2025 merger
    assert column(table, "Đơn vị chịu trách nhiệm")[1] == "UBND tỉnh Kiên Giang; Sở Nội vụ tỉnh Kiên Giang"
    assert any("Căn cứ Báo cáo số 280/BC-UBND ngày 30/11/2017 của UBND tỉnh Kiên Giang" in line
               for line in notice.preamble)
    assert "UBND tỉnh Kiên Giang" in notice.recipients
    ref = conclusion.KIND.describe(notice_subject)
    assert (ref.subject_type, ref.subject_id, ref.year, dict(ref.args)) == ("mission", mission.id, 2017,
                                                                             {"mission": str(mission.id)})
    body_in_docx(notice)

    report = remediation.KIND.build(remediation.KIND.load(inspector, {"mission": str(mission.id)}), today_vn())
    assert (report.type_code, report.type_name) == ("BC", "BÁO CÁO")
    [counts] = tables(report, "TÌNH HÌNH CHUNG")
    assert counts.rows == (("Chưa kết luận", "4"), ("Đã thực hiện (đã xác minh)", "1"), ("Tổng số", "5"))
    items = lines(report, "KẾT QUẢ THỰC HIỆN TỪNG KIẾN NGHỊ")
    assert "Thời hạn: 30/06/2019 (hạn ban đầu 31/12/2018)." in items  # the extension granted on KN-02
    assert "UBND tỉnh An Giang: đang thực hiện (nhận chuyển giao từ UBND tỉnh Kiên Giang)." in items
    assert any(item.startswith("Kết quả xác minh: Đã thực hiện (đã xác minh) (xem xét hồ sơ, minh chứng)")
               for item in items)
    assert items.count("Kết quả xác minh: Chưa kết luận.") == 4
    body_in_docx(report)

    council = user("council")
    session = db.session.scalar(select(ReviewSession))
    sheet = minutes.KIND.build(minutes.KIND.load(council, {"session": str(session.id)}), today_vn())
    assert (sheet.type_code, sheet.type_name) == ("BB", "BIÊN BẢN")
    assert [signer.lines for signer in sheet.signers] == [("THƯ KÝ",), ("CHỦ TỌA",)]
    assert sheet.signers[1].name == "Phó Chủ tịch UBND tỉnh"  # the chair as the printable minutes sign it
    assert f"Thời gian: ngày {vn_date(session.held_on)}." in lines(sheet, "THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN")
    [agenda] = tables(sheet, "NỘI DUNG")
    page = demo_client(login, council).get(f"/council/sessions/{session.id}/minutes").get_data(as_text=True)
    numbers = [cell.split(":")[0] for cell in column(agenda, "Kiến nghị")]
    assert len(numbers) == len(session.items) == 4
    assert [page.index(number) for number in numbers] == sorted(page.index(number) for number in numbers)
    assert all(reason.startswith("Quá hạn ") and reason.endswith(" ngày") for reason in column(agenda, "Lý do xem xét"))
    assert set(column(agenda, "Quyết định của Hội đồng")) == {"Chưa quyết định"}
    body_in_docx(sheet)
    assert "CHỦ TỌA" in docx_text(sheet) and "THƯ KÝ" in docx_text(sheet)


def _rows(content, title: str) -> dict[str, str]:
    return dict(next(iter(tables(content, title))).rows)


def test_the_2017_reports(demo, login):
    inspector, council, today = user("inspector"), user("council"), today_vn()
    report = awards.KIND.build(awards.KIND.load(inspector, KG_2017), today)
    assert report.subject == "Kết quả khen thưởng của UBND tỉnh Kiên Giang và các đơn vị trực thuộc, năm thi đua 2017"
    provincial = _rows(report, "KHEN THƯỞNG CẤP TỈNH")
    assert provincial["Tổng số khen thưởng cấp tỉnh"] == "5.549"
    assert provincial["+ Tỷ lệ cá nhân không là lãnh đạo, quản lý"] == "57,89% (1.973/3.408)"
    state, bk = _rows(report, "KHEN THƯỞNG CẤP NHÀ NƯỚC"), _rows(report, "BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH")
    assert (state["Tổng số hồ sơ đã trình Thủ tướng Chính phủ"], state["- Huân chương các loại"]) == ("333", "52")
    assert (bk["Bằng khen của Chủ tịch UBND tỉnh"], bk["- Tập thể hạng Nhì, hạng Ba Cụm, Khối thi đua thuộc tỉnh"],
            bk["- Thành tích đối ngoại"]) == ("4.767", "237", "4")
    # every figure of 280/BC-UBND is the page's
    page = demo_client(login, inspector).get("/nominations/report?unit=KG&subtree=y&year_from=2017&year_to=2017")
    shown = line_numbers(page.get_data(as_text=True))
    figures = {cell for table in tables(report) for row in table.rows for cell in row[1:]}
    assert {key: shown[key] for key in SEED} == SEED and set(SEED.values()) <= figures
    text = docx_text(report)
    assert "5.549" in text and "57,89% (1.973/3.408)" in text
    body_in_docx(report)

    everything = awards.KIND.build(awards.KIND.load(council, {}), today)
    assert everything.subject == f"Kết quả khen thưởng của tất cả các đơn vị theo dõi trên Cổng, tính đến ngày " \
                                 f"{vn_date(today)}"

    _check_workbook(demo_client(login, inspector), page.get_data(as_text=True))
    _check_summary(council, today)
    _check_reminder(inspector, today)


def _check_workbook(client, page: str) -> None:
    assert "Tải Excel (Biểu 0603)" in page and "/nominations/report/bieu-0603.xlsx?" in page
    response = client.get("/nominations/report/bieu-0603.xlsx?unit=KG&subtree=y&year_from=2017&year_to=2017")
    assert response.status_code == 200 and response.headers["Content-Disposition"].startswith("attachment")
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = {row[1]: row for row in sheet.iter_rows(values_only=True) if row and len(row) > 1 and row[1]}
    assert rows["01"][3:8] == (5549, 4767, 32, 91, 0)  # total; Bằng khen, Chiến sĩ thi đua, Cờ thi đua, Huy hiệu
    assert (rows["02"][3], rows["05"][3], rows["10"][3], rows["14"][3]) == (2141, 3408, 1973, 4)
    assert sum(rows[f"{code:02d}"][3] for code in range(6, 11)) == 3408  # the individuals' groups add up
    assert sum(rows[f"{code:02d}"][3] for code in range(11, 18)) == 5549  # and the methods
    assert "Biểu số: 0603.N/BNV-TĐKT" in [row[0] for row in sheet.iter_rows(values_only=True) if row]
    assert not [cell for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]


def _check_summary(council, today: date) -> None:
    by_year = summary.KIND.build(summary.KIND.load(council, {"year": "2017"}), today)
    by_dates = summary.KIND.build(summary.KIND.load(council, {"from": "01/01/2017", "to": "31/12/2017"}), today)
    assert by_year.subject.endswith("năm 2017") and "từ 01/01/2017 đến 31/12/2017" in by_dates.subject
    assert by_year.sections == by_dates.sections
    # the dashboard's button passes the page's own filters; without any, everything issued up to today
    from_dashboard = summary.KIND.load(council, {"issued_from": "01/01/2017", "issued_to": "31/12/2017"})
    assert summary.KIND.build(from_dashboard, today).sections == by_year.sections
    unfiltered = summary.KIND.load(council, {})
    assert (unfiltered.start, unfiltered.end) == (None, today_vn())
    totals = _rows(by_year, "TỔNG HỢP CHUNG")
    assert (totals["Kiến nghị chưa kết luận"], totals["Trong đó quá hạn"], totals["Quá hạn trên 90 ngày"]) == (
        "4", "4", "4")
    [units] = tables(by_year, "THEO ĐƠN VỊ CHỊU TRÁCH NHIỆM")
    assert [row[:3] for row in units.rows] == [("UBND tỉnh An Giang", "4", "4"), ("Sở Nội vụ tỉnh An Giang", "1", "1")]
    overdue = lines(by_year, "DANH SÁCH KIẾN NGHỊ QUÁ HẠN THEO ĐƠN VỊ")
    assert overdue == ["1. UBND tỉnh An Giang (4 kiến nghị)", "2. Sở Nội vụ tỉnh An Giang (1 kiến nghị)"]
    assert len(tables(by_year, "DANH SÁCH KIẾN NGHỊ QUÁ HẠN THEO ĐƠN VỊ")[0].rows) == 4
    empty = summary.KIND.build(summary.KIND.load(council, {"year": "2016"}), today)
    assert _rows(empty, "TỔNG HỢP CHUNG")["Kiến nghị chưa kết luận"] == "0"
    body_in_docx(by_year)


def _check_reminder(inspector, today: date) -> None:
    unit = unit_by_code("AG")
    letter = reminder.KIND.build(reminder.KIND.load(inspector, {"unit": str(unit.id)}), today)
    assert (letter.type_code, letter.type_name, letter.addressees) == ("", "", ("UBND tỉnh An Giang",))
    assert letter.subject.startswith("đôn đốc thực hiện kiến nghị")
    [late] = tables(letter, "CÁC KIẾN NGHỊ QUÁ HẠN")
    assert column(late, "Số kiến nghị") == ["KN-03/Đ1-2017", "KN-04/Đ1-2017", "KN-02/Đ1-2017", "KN-05/Đ1-2017"]
    dues = [date(2018, 3, 31), date(2018, 12, 31), date(2019, 6, 30), date(2019, 6, 30)]
    assert column(late, "Thời hạn") == [vn_date(due) for due in dues]
    expected = [sum(workdays.is_working_day(due + timedelta(days=n)) for n in range(1, (today - due).days + 1))
                for due in dues]
    assert column(late, "Số ngày làm việc quá hạn") == [f"{value:,}".replace(",", ".") for value in expected]
    assert section(letter, "CÁC KIẾN NGHỊ SẮP ĐẾN HẠN").blocks[0].text == "Không có kiến nghị sắp đến hạn."
    body_in_docx(letter)
