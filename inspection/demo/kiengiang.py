"""The demo data set: Kiên Giang province as inspected in 2017, and its 2025 reorganisation.

Sources: ../shared/seeds (the 2017 inspection), ../shared/DOMAIN.md part 3 (NQ 202/2025/QH15, Luật
72/2025/QH15). Which 2017 communes formed which 2025 commune, the cluster and block line-ups and the
two renames are illustrative, from general knowledge: check them against the official texts before
using this data for anything but a demonstration.
"""

from datetime import date

from inspection.units.models import UnitKind as K

REORGANISED = date(2025, 7, 1)
PROVINCE_MERGER_BASIS = ("202/2025/QH15", date(2025, 6, 12))
TWO_TIER_BASIS = ("72/2025/QH15", date(2025, 6, 16))
COMMUNE_BASIS = ("1654/NQ-UBTVQH15", date(2025, 6, 16))  # [GK] number to check
UNVERIFIED = "Số hiệu, ngày văn bản lấy theo hiểu biết chung, cần đối chiếu văn bản gốc."

# (code, name, kind, parent code) — units that existed in 2017
PROVINCES = [
    ("TW-HDTDKT", "Hội đồng Thi đua – Khen thưởng Trung ương", K.CENTRAL, None),
    ("TW-BTDKT", "Ban Thi đua – Khen thưởng Trung ương", K.CENTRAL, None),
    ("KG", "UBND tỉnh Kiên Giang", K.PROVINCE, None),
    ("AG-CU", "UBND tỉnh An Giang", K.PROVINCE, None),
]
#: the units issuing the demo's official documents (COUNCIL_ISSUER's unit): they sign with the demo's TEST
#: certificate (`flask documents demo-certificate`)
SIGNING_UNITS = ("AG",)

# Provincial bodies of Kiên Giang; each has an An Giang successor from 01/07/2025 (suffix after "KG-")
PROVINCIAL_BODIES = [
    ("KG-VPUB", "Văn phòng UBND tỉnh Kiên Giang", K.DEPARTMENT),
    ("KG-SNV", "Sở Nội vụ tỉnh Kiên Giang", K.DEPARTMENT),
    ("KG-STC", "Sở Tài chính tỉnh Kiên Giang", K.DEPARTMENT),
    ("KG-STP", "Sở Tư pháp tỉnh Kiên Giang", K.DEPARTMENT),
    ("KG-SGDDT", "Sở Giáo dục và Đào tạo tỉnh Kiên Giang", K.DEPARTMENT),
    ("KG-SYT", "Sở Y tế tỉnh Kiên Giang", K.DEPARTMENT),
    ("KG-SVHTT", "Sở Văn hóa và Thể thao tỉnh Kiên Giang", K.DEPARTMENT),
    ("KG-SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn tỉnh Kiên Giang", K.DEPARTMENT),
    ("KG-SCT", "Sở Công Thương tỉnh Kiên Giang", K.DEPARTMENT),
    ("KG-SXD", "Sở Xây dựng tỉnh Kiên Giang", K.DEPARTMENT),
    ("KG-CT", "Cục Thuế tỉnh Kiên Giang", K.CENTRAL_AGENCY),
    ("KG-BHXH", "Bảo hiểm xã hội tỉnh Kiên Giang", K.CENTRAL_AGENCY),
    ("KG-CA", "Công an tỉnh Kiên Giang", K.CENTRAL_AGENCY),
    ("KG-KBNN", "Kho bạc Nhà nước tỉnh Kiên Giang", K.CENTRAL_AGENCY),
    ("KG-MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Kiên Giang", K.MASS_ORGANISATION),
    ("KG-HND", "Hội Nông dân tỉnh Kiên Giang", K.MASS_ORGANISATION),
    ("KG-TD", "Tỉnh Đoàn Kiên Giang", K.MASS_ORGANISATION),
    ("KG-HLHPN", "Hội Liên hiệp Phụ nữ tỉnh Kiên Giang", K.MASS_ORGANISATION),
    ("KG-LDLD", "Liên đoàn Lao động tỉnh Kiên Giang", K.MASS_ORGANISATION),
]

# Bodies renamed in the 2025 restructuring of departments and central agencies [GK]
RENAMED_IN_2025 = {
    "KG-SNNPTNT": "Sở Nông nghiệp và Môi trường tỉnh Kiên Giang",
    "KG-SVHTT": "Sở Văn hóa, Thể thao và Du lịch tỉnh Kiên Giang",
    "KG-CT": "Thuế tỉnh Kiên Giang",
}

# Merged away before the provinces merged [GK]: (code, name, ended, successor codes, kind)
ENDED_2025_03 = [
    ("KG-SKHDT", "Sở Kế hoạch và Đầu tư tỉnh Kiên Giang", ["KG-STC"], "merge"),
    ("KG-SLDTBXH", "Sở Lao động – Thương binh và Xã hội tỉnh Kiên Giang", ["KG-SNV", "KG-SYT"], "dissolve"),
]
DEPARTMENTS_REORGANISED = date(2025, 3, 1)

OFFICES = [("KG-BTDKT", "Ban Thi đua – Khen thưởng, Sở Nội vụ tỉnh Kiên Giang", K.OFFICE, "KG-SNV")]

ENTERPRISES = [
    ("KG-XSKT", "Công ty TNHH MTV Xổ số kiến thiết Kiên Giang", K.ENTERPRISE),
    ("KG-CTN", "Công ty Cổ phần Cấp thoát nước Kiên Giang", K.ENTERPRISE),
]

DISTRICTS = [
    ("KG-RG", "UBND thành phố Rạch Giá"), ("KG-HT", "UBND thị xã Hà Tiên"),
    ("KG-PQ", "UBND huyện Phú Quốc"), ("KG-KL", "UBND huyện Kiên Lương"),
    ("KG-HD", "UBND huyện Hòn Đất"), ("KG-TH", "UBND huyện Tân Hiệp"),
    ("KG-CTH", "UBND huyện Châu Thành"), ("KG-GR", "UBND huyện Giồng Riềng"),
    ("KG-GQ", "UBND huyện Gò Quao"), ("KG-AB", "UBND huyện An Biên"),
    ("KG-AM", "UBND huyện An Minh"), ("KG-VT", "UBND huyện Vĩnh Thuận"),
    ("KG-UMT", "UBND huyện U Minh Thượng"), ("KG-GT", "UBND huyện Giang Thành"),
    ("KG-KH", "UBND huyện Kiên Hải"),
]

# (unit code, new name, effective date, basis) [GK]
RENAMES = [
    ("KG-HT", "UBND thành phố Hà Tiên", date(2018, 11, 1), ("573/NQ-UBTVQH14", date(2018, 9, 11))),
    ("KG-PQ", "UBND thành phố Phú Quốc", date(2021, 2, 1), ("1109/NQ-UBTVQH14", date(2020, 12, 9))),
]

# 2025 commune-level units and the 2017 communes they succeed [GK mapping]
NEW_COMMUNES = {
    "AG-DK-PQ": ("UBND đặc khu Phú Quốc", "KG-PQ", [
        ("KG-PQ-DD", "UBND thị trấn Dương Đông"), ("KG-PQ-AT", "UBND thị trấn An Thới"),
        ("KG-PQ-CD", "UBND xã Cửa Dương"), ("KG-PQ-HN", "UBND xã Hàm Ninh"),
        ("KG-PQ-DT", "UBND xã Dương Tơ"), ("KG-PQ-GD", "UBND xã Gành Dầu"),
        ("KG-PQ-BT", "UBND xã Bãi Thơm"), ("KG-PQ-CC", "UBND xã Cửa Cạn")]),
    "AG-DK-TC": ("UBND đặc khu Thổ Châu", "KG-PQ", [("KG-PQ-TC", "UBND xã Thổ Châu")]),
    "AG-DK-KH": ("UBND đặc khu Kiên Hải", "KG-KH", [
        ("KG-KH-HT", "UBND xã Hòn Tre"), ("KG-KH-LS", "UBND xã Lại Sơn"),
        ("KG-KH-AS", "UBND xã An Sơn"), ("KG-KH-ND", "UBND xã Nam Du")]),
    "AG-X-KL": ("UBND xã Kiên Lương", "KG-KL", [
        ("KG-KL-TT", "UBND thị trấn Kiên Lương"), ("KG-KL-BA", "UBND xã Bình An"),
        ("KG-KL-BT", "UBND xã Bình Trị")]),
    "AG-X-HDI": ("UBND xã Hòa Điền", "KG-KL", [
        ("KG-KL-HD", "UBND xã Hòa Điền"), ("KG-KL-KB", "UBND xã Kiên Bình"),
        ("KG-KL-DH", "UBND xã Dương Hòa")]),
    "AG-X-SH": ("UBND xã Sơn Hải", "KG-KL", [("KG-KL-SH", "UBND xã Sơn Hải")]),
    "AG-X-HNG": ("UBND xã Hòn Nghệ", "KG-KL", [("KG-KL-HNG", "UBND xã Hòn Nghệ")]),
}

# Communes and wards of 2025 that carry on the other districts (Luật 72/2025/QH15 ended every district; each
# was succeeded by the communes and wards formed on its territory): (code, name, district) [GK: names from the
# 2025 list of An Giang's communes and wards, the first of each district at its former seat; the demo holds no
# 2017 commune of these districts, so each is founded on 01/07/2025 by the resolution on the communes]
DISTRICT_SUCCESSORS = [
    ("AG-P-RG", "UBND phường Rạch Giá", "KG-RG"), ("AG-P-VTH", "UBND phường Vĩnh Thông", "KG-RG"),
    ("AG-P-HT", "UBND phường Hà Tiên", "KG-HT"), ("AG-P-TCH", "UBND phường Tô Châu", "KG-HT"),
    ("AG-X-THA", "UBND xã Tiên Hải", "KG-HT"),
    ("AG-X-HD", "UBND xã Hòn Đất", "KG-HD"), ("AG-X-SK", "UBND xã Sơn Kiên", "KG-HD"),
    ("AG-X-TH", "UBND xã Tân Hiệp", "KG-TH"), ("AG-X-THO", "UBND xã Tân Hội", "KG-TH"),
    ("AG-X-CTH", "UBND xã Châu Thành", "KG-CTH"), ("AG-X-TLO", "UBND xã Thạnh Lộc", "KG-CTH"),
    ("AG-X-GR", "UBND xã Giồng Riềng", "KG-GR"), ("AG-X-THU", "UBND xã Thạnh Hưng", "KG-GR"),
    ("AG-X-GQ", "UBND xã Gò Quao", "KG-GQ"), ("AG-X-DHO", "UBND xã Định Hòa", "KG-GQ"),
    ("AG-X-AB", "UBND xã An Biên", "KG-AB"), ("AG-X-TY", "UBND xã Tây Yên", "KG-AB"),
    ("AG-X-AM", "UBND xã An Minh", "KG-AM"), ("AG-X-VK", "UBND xã Vân Khánh", "KG-AM"),
    ("AG-X-VT", "UBND xã Vĩnh Thuận", "KG-VT"), ("AG-X-VPH", "UBND xã Vĩnh Phong", "KG-VT"),
    ("AG-X-UMT", "UBND xã U Minh Thượng", "KG-UMT"), ("AG-X-VHO", "UBND xã Vĩnh Hòa", "KG-UMT"),
    ("AG-X-GT", "UBND xã Giang Thành", "KG-GT"), ("AG-X-VDI", "UBND xã Vĩnh Điều", "KG-GT"),
]

GROUPS_2017 = [
    ("cluster", "Cụm thi đua số 1 – các huyện, thị xã, thành phố ven biển",
     ["KG-RG", "KG-HT", "KG-PQ", "KG-KL", "KG-KH", "KG-GT"]),
    ("cluster", "Cụm thi đua số 2 – các huyện vùng Tứ giác Long Xuyên",
     ["KG-GR", "KG-HD", "KG-TH", "KG-CTH", "KG-GQ"]),
    ("cluster", "Cụm thi đua số 3 – các huyện vùng U Minh Thượng",
     ["KG-AB", "KG-AM", "KG-VT", "KG-UMT"]),
    ("block", "Khối thi đua Nội chính – Tổng hợp", ["KG-SNV", "KG-VPUB", "KG-STC", "KG-SKHDT", "KG-STP"]),
    ("block", "Khối thi đua Văn hóa – Xã hội", ["KG-SYT", "KG-SGDDT", "KG-SLDTBXH", "KG-SVHTT"]),
    ("block", "Khối thi đua Kinh tế", ["KG-SNNPTNT", "KG-SCT", "KG-SXD"]),
    ("block", "Khối thi đua các cơ quan Trung ương", ["KG-CT", "KG-BHXH", "KG-CA", "KG-KBNN"]),
    ("block", "Khối thi đua các đoàn thể tỉnh", ["KG-MTTQ", "KG-HND", "KG-TD", "KG-HLHPN", "KG-LDLD"]),
    ("block", "Khối thi đua doanh nghiệp", ["KG-XSKT", "KG-CTN"]),
]

GROUPS_2026 = [
    ("cluster", "Cụm thi đua các đặc khu", ["AG-DK-PQ", "AG-DK-KH", "AG-DK-TC"]),
    ("cluster", "Cụm thi đua các xã ven biển phía Tây", ["AG-X-KL", "AG-X-HDI", "AG-X-SH", "AG-X-HNG"]),
]

# username, full name, role, unit codes
ACCOUNTS = [
    ("admin", "Quản trị hệ thống", "admin", []),
    ("council", "Tổ thư ký Hội đồng TĐKT tỉnh", "council", []),
    ("inspector", "Nguyễn Văn Kiểm", "inspector", []),
    # the province's TĐKT focal point: answers the Central Council's 2017 recommendations, now for An Giang
    ("unit", "Trần Thị Đầu Mối (Sở Nội vụ)", "unit_officer", ["KG", "AG"]),
]
DEMO_PASSWORD = "demo-password"

# The provincial council's heading, place and signing block on official documents (the issuer of unit "AG": the
# demo has no unit of its own for the council, which sits under the province's UBND). Illustrative signer.
COUNCIL_ISSUER = {
    "unit": "AG", "parent_body": "UBND TỈNH AN GIANG", "body": "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG",
    "symbol": "HĐTĐKT", "place": "An Giang", "signing_form": "tm_kt", "collective": "HỘI ĐỒNG",
    "head_title": "CHỦ TỊCH", "signer_title": "PHÓ CHỦ TỊCH", "signer_name": "Nguyễn Văn Mẫu",
    "recipients": "Ban Thi đua – Khen thưởng Trung ương\nThường trực UBND tỉnh", "archive": "VT, TĐKT",
}
