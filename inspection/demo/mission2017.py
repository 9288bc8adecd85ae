"""The 2017 Central Council inspection of Kiên Giang (../shared/seeds/000_5831ede85d1b1a35.txt) and its
follow-up. Everything quoted comes from the article; the recommendations' wording, due dates and the
follow-up after 2017 are illustrative, for the demonstration."""

from datetime import date

TITLE = "Kiểm tra, giám sát thực hiện nhiệm vụ công tác thi đua, khen thưởng tỉnh Kiên Giang năm 2017"
ISSUING_BODY = "Hội đồng Thi đua – Khen thưởng Trung ương"
PERIOD = (date(2016, 11, 6), date(2017, 11, 5))
HEAD = ("Lại Xuân Môn", "Ủy viên Trung ương Đảng, Chủ tịch Hội Nông dân Việt Nam, "
        "thành viên Hội đồng Thi đua – Khen thưởng Trung ương, Trưởng đoàn")

SELF_REPORT = ("280/BC-UBND", date(2017, 11, 30),
               "Kết quả khen thưởng cấp Nhà nước và cấp tỉnh năm 2017 (06/11/2016 – 05/11/2017)")

# The article dates the meeting "chiều ngày 04/11" though the self-report is of 30/11 and the article of
# 06/12/2017: the source is kept as printed.
SESSION = {
    "held_on": date(2017, 11, 4),
    "place": "Trụ sở UBND tỉnh Kiên Giang, thành phố Rạch Giá",
    "team": "Ông Lại Xuân Môn – Trưởng đoàn và các thành viên Đoàn kiểm tra, giám sát của Hội đồng "
            "Thi đua – Khen thưởng Trung ương.",
    "unit": "Ông Mai Văn Huỳnh – Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh (đồng chủ trì); "
            "thành phần theo Quyết định số 1317/QĐ-UBND ngày 16/6/2017 của Chủ tịch UBND tỉnh về việc kiện toàn "
            "Hội đồng và Tổ thư ký giúp việc Hội đồng TĐKT tỉnh; các sở, ngành có liên quan.",
    "content": "Kết quả khen thưởng cấp Nhà nước và cấp tỉnh năm 2017 theo Báo cáo số 280/BC-UBND; công tác "
               "quản lý nhà nước về thi đua, khen thưởng (26 văn bản chỉ đạo, 07 lớp tập huấn cho gần 700 cán bộ); "
               "kiện toàn Hội đồng Thi đua – Khen thưởng các cấp; sơ kết, tổng kết phong trào thi đua.",
}

STRENGTH = ("leadership_direction",
            "Lãnh đạo, chỉ đạo kịp thời; nhận thức đúng vị trí của công tác thi đua, khen thưởng",
            "Tỉnh triển khai công tác thi đua, khen thưởng nghiêm túc, kịp thời kiện toàn Hội đồng Thi đua – Khen "
            "thưởng, phân công rõ từng thành viên; ban hành văn bản chỉ đạo, hướng dẫn khá kịp thời.")

# (key, category, severity, title, figures, recommendation, due, responsible unit codes)
SHORTCOMINGS = [
    ("replication", "exemplar_replication", "moderate",
     "Phát hiện, tổ chức nhân rộng mô hình, điển hình tiên tiến chưa cao", None,
     "Xây dựng kế hoạch phát hiện, bồi dưỡng và nhân rộng các điển hình tiên tiến; báo cáo kết quả về Ban Thi đua"
     " – Khen thưởng Trung ương.", date(2018, 6, 30), ["KG"]),
    ("staff", "apparatus_staff", "moderate",
     "Hoạt động của Hội đồng và đội ngũ cán bộ làm công tác thi đua, khen thưởng còn hạn chế về chuyên môn",
     "07 lớp tập huấn năm 2017 cho gần 700 cán bộ, công chức, viên chức",
     "Kiện toàn Hội đồng Thi đua – Khen thưởng các cấp và tổ chức bồi dưỡng nghiệp vụ cho đội ngũ làm công tác "
     "thi đua, khen thưởng.", date(2018, 12, 31), ["KG", "KG-SNV"]),
    ("communication", "communication", "minor",
     "Công tác tuyên truyền chưa thường xuyên, liên tục", None,
     "Đẩy mạnh tuyên truyền thường xuyên, liên tục về phong trào thi đua và gương người tốt, việc tốt.",
     date(2018, 3, 31), ["KG"]),
    ("workers", "award_targeting", "serious",
     "Khen thưởng chưa tập trung vào người lao động trực tiếp và người có sáng kiến",
     "Cá nhân không là lãnh đạo, quản lý: 1.973/3.408 cá nhân được khen cấp tỉnh (báo cáo ghi 57,86%)",
     "Tăng tỷ lệ khen thưởng người lao động trực tiếp, công nhân, nông dân và người có sáng kiến; báo cáo số "
     "liệu theo Biểu 0603.", date(2018, 12, 31), ["KG"]),
    ("posthumous", "backlog", "serious",
     "Khen thưởng phong tặng, truy tặng chưa hoàn thành",
     "167 danh hiệu “Bà mẹ Việt Nam anh hùng” đã có quyết định năm 2017",
     "Rà soát, hoàn thành hồ sơ đề nghị phong tặng, truy tặng còn tồn đọng.", date(2019, 6, 30), ["KG"]),
]

# What happened next, per recommendation key (illustrative)
FOLLOW_UP = {
    "replication": {"progress": "reported_done", "verified": ("implemented", "desk_review"),
                    "message": "Đã ban hành Kế hoạch nhân rộng điển hình tiên tiến giai đoạn 2018–2020."},
    "staff": {"progress": "in_progress", "extension": (date(2019, 6, 30), "Chờ kiện toàn bộ máy sau sắp xếp."),
              "message": "Đã tổ chức 04 lớp bồi dưỡng; đang kiện toàn Hội đồng cấp huyện."},
    "communication": {"progress": "reported_done",
                      "message": "Đã mở chuyên mục thi đua trên Báo và Đài Phát thanh – Truyền hình tỉnh."},
    "workers": {"progress": "in_progress"},
    "posthumous": {"progress": "not_started"},
}
