"""Words for the national data set: findings and recommendations by category (DOMAIN.md 2.4), follow-up
measures, messages, people's names. Invented, plausible, in the register of real conclusion notices."""

from inspection.findings.models import FindingCategory as C

#: category → (finding titles, recommendation texts)
BY_CATEGORY = {
    C.LEADERSHIP_DIRECTION: (
        ["Chưa ban hành kế hoạch thi đua hằng năm kịp thời", "Văn bản hướng dẫn thi đua chưa cụ thể, khó đánh giá",
         "Chưa kiện toàn Hội đồng Thi đua – Khen thưởng theo quy định mới"],
        ["Ban hành kế hoạch phát động thi đua năm trước ngày 31/01 hằng năm",
         "Rà soát, sửa đổi quy chế thi đua, khen thưởng phù hợp Luật Thi đua, khen thưởng 2022",
         "Kiện toàn Hội đồng Thi đua – Khen thưởng, phân công rõ nhiệm vụ từng thành viên"]),
    C.MOVEMENT_ORGANISATION: (
        ["Phong trào thi đua còn hình thức, chưa gắn với nhiệm vụ chính trị",
         "Chưa tổ chức sơ kết, tổng kết các phong trào thi đua theo đợt"],
        ["Xây dựng tiêu chí thi đua cụ thể, lượng hóa được, gắn với nhiệm vụ chuyên môn",
         "Tổ chức sơ kết 6 tháng, tổng kết năm các phong trào thi đua và gửi báo cáo về Hội đồng"]),
    C.EXEMPLAR_REPLICATION: (
        ["Việc phát hiện, bồi dưỡng điển hình tiên tiến chưa được chú trọng",
         "Chưa có giải pháp nhân rộng các mô hình hay"],
        ["Lập danh sách điển hình tiên tiến, có kế hoạch bồi dưỡng và nhân rộng",
         "Tổ chức tuyên dương, giới thiệu các điển hình tiên tiến trên cổng thông tin của đơn vị"]),
    C.COMMUNICATION: (
        ["Công tác tuyên truyền về thi đua, khen thưởng còn hạn chế",
         "Chưa có chuyên mục thi đua trên trang thông tin điện tử"],
        ["Mở chuyên mục thi đua, khen thưởng trên trang thông tin điện tử của đơn vị",
         "Tăng cường tuyên truyền gương người tốt, việc tốt trên các phương tiện thông tin đại chúng"]),
    C.AWARD_TARGETING: (
        ["Tỷ lệ khen thưởng cho lãnh đạo, quản lý còn cao so với người trực tiếp lao động",
         "Chưa quan tâm khen thưởng công nhân, nông dân, người lao động trực tiếp"],
        ["Bảo đảm tỷ lệ khen thưởng người trực tiếp lao động, công tác không thấp hơn 50%",
         "Rà soát, ưu tiên khen thưởng người trực tiếp lao động trong các đợt xét tiếp theo"]),
    C.AWARD_COMPLIANCE: (
        ["Hồ sơ đề nghị khen thưởng thiếu thành phần theo quy định",
         "Khen thưởng chưa đúng thẩm quyền, vượt tỷ lệ cho phép",
         "Thời gian trình khen thưởng chậm so với quy định"],
        ["Rà soát, hoàn thiện hồ sơ khen thưởng còn thiếu; báo cáo kết quả về Hội đồng",
         "Thu hồi các quyết định khen thưởng sai thẩm quyền, xem xét trách nhiệm cá nhân liên quan",
         "Bảo đảm thời hạn trình hồ sơ khen thưởng theo Nghị định 152/2025/NĐ-CP"]),
    C.BACKLOG: (
        ["Còn hồ sơ khen thưởng tồn đọng nhiều năm chưa giải quyết",
         "Chưa rà soát khen thưởng kháng chiến còn tồn đọng"],
        ["Lập danh sách hồ sơ tồn đọng, đề ra lộ trình giải quyết dứt điểm",
         "Phối hợp với các cơ quan liên quan giải quyết hồ sơ khen thưởng kháng chiến tồn đọng"]),
    C.APPARATUS_STAFF: (
        ["Cán bộ làm công tác thi đua, khen thưởng kiêm nhiệm, thay đổi thường xuyên",
         "Cán bộ chuyên trách chưa được bồi dưỡng nghiệp vụ"],
        ["Bố trí cán bộ chuyên trách công tác thi đua, khen thưởng ổn định",
         "Cử cán bộ tham gia lớp bồi dưỡng nghiệp vụ thi đua, khen thưởng"]),
    C.COUNCIL_CLUSTER: (
        ["Hội đồng Thi đua – Khen thưởng họp không định kỳ", "Chưa tham gia đầy đủ hoạt động của cụm, khối thi đua"],
        ["Duy trì họp Hội đồng Thi đua – Khen thưởng định kỳ, có biên bản đầy đủ",
         "Tham gia đầy đủ các hoạt động, ký kết giao ước thi đua của cụm, khối"]),
    C.RECORDS_IT: (
        ["Lưu trữ hồ sơ khen thưởng chưa khoa học, khó tra cứu", "Chưa ứng dụng phần mềm quản lý thi đua, khen thưởng"],
        ["Sắp xếp, số hóa hồ sơ khen thưởng theo năm, theo hình thức",
         "Triển khai phần mềm quản lý thi đua, khen thưởng và cập nhật dữ liệu đầy đủ"]),
    C.FUND_ARTIFACTS: (
        ["Trích lập Quỹ thi đua, khen thưởng chưa đúng tỷ lệ", "Chi tiền thưởng chưa đúng mức quy định"],
        ["Trích lập Quỹ thi đua, khen thưởng đúng tỷ lệ theo quy định",
         "Thu hồi số tiền thưởng chi sai mức, nộp lại Quỹ thi đua, khen thưởng"]),
}

#: categories in a fixed order with how often each is found (relative weights)
CATEGORY_WEIGHTS = {C.LEADERSHIP_DIRECTION: 10, C.MOVEMENT_ORGANISATION: 12, C.EXEMPLAR_REPLICATION: 8,
                    C.COMMUNICATION: 8, C.AWARD_TARGETING: 10, C.AWARD_COMPLIANCE: 18, C.BACKLOG: 6,
                    C.APPARATUS_STAFF: 8, C.COUNCIL_CLUSTER: 6, C.RECORDS_IT: 9, C.FUND_ARTIFACTS: 5}

STRENGTHS = ["Cấp ủy, lãnh đạo quan tâm chỉ đạo công tác thi đua, khen thưởng",
             "Phong trào thi đua được triển khai sâu rộng, có nhiều mô hình hay",
             "Hồ sơ khen thưởng được lưu trữ đầy đủ, khoa học"]

ACTIONS = ["Xây dựng kế hoạch khắc phục và phân công thực hiện", "Rà soát hồ sơ, văn bản liên quan",
           "Tổ chức họp Hội đồng Thi đua – Khen thưởng để xem xét", "Báo cáo kết quả khắc phục về Hội đồng",
           "Tập huấn nghiệp vụ cho cán bộ phụ trách"]
WHO = ["Văn phòng", "Phòng Tổ chức cán bộ", "Bộ phận thi đua, khen thưởng", "Phòng Kế hoạch – Tài chính"]

UNIT_MESSAGES = ["Đơn vị đã ban hành kế hoạch khắc phục, gửi kèm văn bản.",
                 "Đơn vị đang triển khai, dự kiến hoàn thành đúng hạn.",
                 "Đơn vị đã hoàn thành, đề nghị đoàn xem xét minh chứng."]
TEAM_MESSAGES = ["Đề nghị đơn vị bổ sung minh chứng cụ thể.", "Đoàn đã nhận báo cáo, sẽ xác minh trong đợt tới.",
                 "Đề nghị đơn vị báo cáo tiến độ thực hiện."]
EXTENSION_REASONS = ["Khối lượng hồ sơ cần rà soát lớn", "Chờ ý kiến của cơ quan cấp trên",
                     "Đơn vị sắp xếp lại tổ chức bộ máy"]
VERIFICATION_NOTES = ["Đã kiểm tra hồ sơ, minh chứng đầy đủ.", "Kiểm tra tại đơn vị.", None, None]

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Phan", "Trương", "Đặng", "Bùi", "Đỗ", "Hồ",
          "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Minh", "Hoàng", "Thanh", "Ngọc", "Quốc", "Hữu", "Kim", "Thu", "Công", "Đức"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hạnh", "Hiếu", "Hòa", "Hùng", "Lan", "Linh", "Long", "Mai", "Nam",
         "Nga", "Phúc", "Phương", "Quang", "Sơn", "Tâm", "Thảo", "Thành", "Trang", "Tuấn", "Vân", "Yến"]
COLLECTIVES = ["Văn phòng", "Phòng Tổ chức cán bộ", "Phòng Kế hoạch – Tài chính", "Thanh tra", "Tổ Công tác số {n}",
               "Trường Tiểu học số {n}", "Trường THCS số {n}", "Trạm Y tế số {n}", "Ấp {n}", "Đội Công tác số {n}"]
POSTS = ["Chuyên viên", "Giáo viên", "Bác sĩ", "Công nhân", "Nông dân", "Trưởng phòng", "Phó Trưởng phòng",
         "Chánh Văn phòng", "Nhân viên", "Kỹ thuật viên"]


def person(number: int, salt: int = 0) -> str:
    """A name from the number alone (no randomness needed: the number is already deterministic)."""
    return (f"{FAMILY[(number * 7 + salt) % len(FAMILY)]} {MIDDLE[(number * 5 + salt) % len(MIDDLE)]} "
            f"{GIVEN[(number * 11 + salt * 3) % len(GIVEN)]}")
