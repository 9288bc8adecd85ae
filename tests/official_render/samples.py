"""Documents to render: a conclusion notice (issued or draft, long enough for several pages, with a wide
table), a reminder letter (công văn) and council minutes with two signers."""

from __future__ import annotations

import datetime

from inspection.documents.official.model import (
    Bullets,
    Column,
    Content,
    Issuer,
    Paragraph,
    Section,
    Signer,
    Subheading,
    Table,
    compose,
)

ISSUER = Issuer(parent_body="UBND tỉnh An Giang", body="Hội đồng Thi đua – Khen thưởng", symbol="HĐTĐKT",
                place="An Giang")
CHAIR = Signer(lines=("TM. Hội đồng", "Chủ tịch"), name="Nguyễn Thanh Bình")
SUBJECT = "Kết luận kiểm tra công tác thi đua, khen thưởng tại Sở Nội vụ tỉnh Kiên Giang"
WIDE_COLUMNS = (Column("STT", 0.5, "center"), Column("Kiến nghị", 4), Column("Đơn vị chủ trì", 2),
                Column("Hạn thực hiện", 1.4, "center"), Column("Kết quả", 1.6), Column("Số tiền (đồng)", 1.5,
                                                                                     "right"))
UNBREAKABLE = "Đến_30/06/2027_(gia_hạn_lần_2_theo_Quyết_định_số_1317/QĐ-UBND)"


def _recommendations(count: int) -> Table:
    rows = tuple((str(n), f"KN-{n:02d}/Đ12-2017: chấn chỉnh việc bình xét danh hiệu “Chiến sĩ thi đua cơ sở”"
                  " đúng tỷ lệ, công khai kết quả bình xét tại đơn vị", "Phòng Thi đua – Khen thưởng",
                  "Đến 30/06/2027", UNBREAKABLE if n == 3 else "Đang thực hiện", f"{n * 1_250_000:,}".replace(",", "."))
                 for n in range(1, count + 1))
    total = ("", "Tổng cộng", "", "", "", f"{sum(n * 1_250_000 for n in range(1, count + 1)):,}".replace(",", "."))
    return Table(columns=WIDE_COLUMNS, rows=rows + (total,), bold_rows=frozenset({count}),
                 caption="Bảng 1. Các kiến nghị và thời hạn thực hiện")


def notice_content(recommendations: int = 24) -> Content:
    strengths = Section("Ưu điểm", (
        Paragraph("Sở Nội vụ đã ban hành kế hoạch tổ chức phong trào thi đua năm 2017 kịp thời, bám sát nhiệm vụ"
                  " chính trị của ngành; hồ sơ đề nghị khen thưởng cơ bản đầy đủ thành phần theo quy định."),
        Subheading("1. Công tác tổ chức phong trào thi đua"),
        Bullets(("Phát động 04 đợt thi đua theo chuyên đề;", "Ký giao ước thi đua với 12 đơn vị trực thuộc.")),
    ))
    shortcomings = Section("Tồn tại, hạn chế", tuple(
        Paragraph(f"Hạn chế thứ {n}: việc bình xét danh hiệu thi đua ở một số phòng chưa đúng quy trình, biên"
                  " bản họp bình xét không ghi rõ số phiếu đồng ý, hồ sơ lưu chưa đầy đủ theo Điều 20 Nghị định"
                  " số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ.") for n in range(1, 7)))
    table = Section("Kiến nghị", (Paragraph("Đơn vị thực hiện các kiến nghị sau:"), _recommendations(recommendations),
                                  Paragraph("Yêu cầu đơn vị báo cáo kết quả trước ngày 30/06/2027.", italic=True)))
    return Content(type_code="TB", type_name="Thông báo", subject=SUBJECT, sections=(strengths, shortcomings, table),
                   recipients=("Sở Nội vụ tỉnh Kiên Giang", "Thường trực Hội đồng"),
                   preamble=("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
                             "Thực hiện Quyết định số 1317/QĐ-UBND ngày 05 tháng 3 năm 2017 của Ủy ban nhân dân"
                             " tỉnh về việc kiểm tra công tác thi đua, khen thưởng năm 2017;"))


def notice(*, draft: bool = False, recommendations: int = 24, replaces: str = ""):
    number, day = (None, None) if draft else (7, datetime.date(2027, 2, 5))
    return compose(notice_content(recommendations), issuer=ISSUER, signers=(CHAIR,), archive="HĐTĐKT", year=2027,
                   number=number, issued_on=day, replaces=replaces)


def letter():
    overdue = Section("Các kiến nghị quá hạn", (Paragraph("Đề nghị đơn vị khẩn trương thực hiện."),))
    content = Content(type_code="", type_name="", subject="đôn đốc thực hiện kiến nghị sau kiểm tra năm 2017",
                      sections=(overdue,), recipients=("Như trên",),
                      addressees=("Sở Nội vụ tỉnh Kiên Giang", "Sở Tài chính tỉnh Kiên Giang"))
    signer = Signer(lines=("TM. Hội đồng", "KT. Chủ tịch", "Phó Chủ tịch"), name="Trần Văn Hòa")
    return compose(content, issuer=ISSUER, signers=(signer,), archive="VP", year=2027, number=12,
                   issued_on=datetime.date(2027, 12, 3))


def minutes():
    content = Content(type_code="BB", type_name="Biên bản", subject="Phiên họp Hội đồng Thi đua – Khen thưởng",
                      sections=(Section("Nội dung", (Paragraph("Hội đồng xem xét 05 kiến nghị quá hạn."),)),))
    signers = (Signer(lines=("Thư ký",), name="Lê Thị Mai"), Signer(lines=("Chủ tọa",), name="Nguyễn Thanh Bình"))
    return compose(content, issuer=ISSUER, signers=signers, archive="", year=2027, number=3,
                   issued_on=datetime.date(2027, 11, 14))
