"""How audit before/after values are shown: field names and values in words, not column names."""

from flask_babel import lazy_gettext as _l

FIELD_LABELS = {
    "username": _l("Tên đăng nhập"), "full_name": _l("Họ và tên"), "email": _l("Thư điện tử"),
    "role": _l("Vai trò"), "is_active_account": _l("Đang hoạt động"), "units": _l("Đơn vị"),
    "password": _l("Mật khẩu"), "code": _l("Mã"), "kind": _l("Loại"), "parent": _l("Đơn vị cấp trên"),
    "valid_from": _l("Từ ngày"), "valid_to": _l("Đến ngày"), "note": _l("Ghi chú"), "name": _l("Tên"),
    "effective": _l("Ngày hiệu lực"), "successors": _l("Đơn vị kế thừa"), "unit": _l("Đơn vị"),
    "year": _l("Năm"), "predecessors": _l("Đơn vị trước"), "legal_basis": _l("Căn cứ"),
    # inspection workflow
    "status": _l("Trạng thái"), "title": _l("Tiêu đề"), "description": _l("Mô tả"), "figures": _l("Số liệu"),
    "category": _l("Lĩnh vực"), "severity": _l("Mức độ"), "text": _l("Nội dung kiến nghị"),
    "issued_on": _l("Ngày ban hành"), "due": _l("Hạn"), "current_due": _l("Hạn hiện tại"),
    "original_due": _l("Hạn ban đầu"), "requested_due": _l("Hạn đề nghị"), "reason": _l("Lý do"),
    "decision_note": _l("Ý kiến quyết định"), "responsible_units": _l("Đơn vị chịu trách nhiệm"),
    "awards_to_revoke": _l("Số khen thưởng phải thu hồi"),
    "awards_to_reexamine": _l("Số khen thưởng phải xem xét lại"),
    "amount_to_recover": _l("Số tiền phải thu hồi"), "amount_recovered": _l("Số tiền đã thu hồi"),
    "working_session": _l("Buổi làm việc"), "verified_status": _l("Kết quả xác minh"),
    "verification_method": _l("Cách xác minh"), "method": _l("Cách xác minh"),
    "verification_note": _l("Ghi chú xác minh"), "transfer_basis": _l("Căn cứ chuyển giao"),
    "what": _l("Biện pháp"), "who": _l("Người thực hiện"), "progress": _l("Tiến độ (%)"),
    "file": _l("Tệp"), "files": _l("Tệp"), "version": _l("Phiên bản"), "sha256": _l("SHA-256"),
    "ref": _l("Số, ký hiệu"), "report_date": _l("Ngày báo cáo"), "subject": _l("Trích yếu"),
    "conclusion_ref": _l("Thông báo kết luận"), "conclusion_date": _l("Ngày kết luận"),
    "position": _l("Chức vụ"), "member": _l("Thành viên"), "plan": _l("Kế hoạch"), "mission": _l("Đoàn"),
    "issuing_unit": _l("Đơn vị ban hành (mã)"), "period_from": _l("Thời kỳ từ"), "period_to": _l("Thời kỳ đến"),
    "planned_start": _l("Dự kiến bắt đầu"), "planned_end": _l("Dự kiến kết thúc"),
    "decision_ref": _l("Quyết định thành lập"), "decision_date": _l("Ngày quyết định"),
    "held_on": _l("Ngày làm việc"), "place": _l("Địa điểm"), "minutes_ref": _l("Biên bản"),
    "minutes_date": _l("Ngày biên bản"), "issuing_body": _l("Cơ quan ban hành"), "group": _l("Cụm, khối"),
    "content_areas": _l("Nội dung kiểm tra"), "team_participants": _l("Thành phần đoàn"),
    "unit_participants": _l("Thành phần đơn vị"), "content": _l("Nội dung làm việc"),
    # nomination dossiers and the award catalogue
    "award_form": _l("Hình thức khen thưởng"), "recipient_kind": _l("Đối tượng"),
    "recipient_name": _l("Tên đối tượng"), "is_leader": _l("Lãnh đạo, quản lý"),
    "leader_group": _l("Nhóm đối tượng (Biểu 0603)"), "achievement_type": _l("Loại thành tích"),
    "group_rank": _l("Xếp hạng cụm, khối"), "posthumous": _l("Truy tặng"), "submitted_on": _l("Ngày trình"),
    "award_hold": _l("Tạm dừng xét khen thưởng"), "revocation_ref": _l("Quyết định thu hồi"),
    "revocation_date": _l("Ngày quyết định thu hồi"), "name_vi": _l("Tên tiếng Việt"),
    "name_en": _l("Tên tiếng Anh"), "level": _l("Cấp khen thưởng"), "for_collective": _l("Tặng tập thể"),
    "for_individual": _l("Tặng cá nhân"), "for_household": _l("Tặng hộ gia đình"),
    "successor": _l("Hình thức thay thế"), "day": _l("Ngày"), "dossiers": _l("Hồ sơ khen thưởng"),
    "finding": _l("Phát hiện"), "new": _l("Mới"), "updated": _l("Cập nhật"), "unchanged": _l("Không đổi"),
}
#: the same key means something else on some records
TARGET_FIELD_LABELS = {
    ("dossier", "decision_ref"): _l("Số quyết định"), ("award_form", "group"): _l("Nhóm hình thức"),
}


def field_label(key: str, target_type: str = "") -> str:
    return str(TARGET_FIELD_LABELS.get((target_type, key)) or FIELD_LABELS.get(key, key))


def field_value(value, key: str = "", target_type: str = "") -> str:
    """Enum values (for the fields that hold them) and ISO dates as people read them."""
    if value is None or value == []:
        return "—"
    if isinstance(value, bool):
        return str(_l("Có") if value else _l("Không"))
    if isinstance(value, list):
        return ", ".join(field_value(item, key, target_type) for item in value)
    for labels in _labels_for(key, target_type):
        for member, label in labels.items():
            if value == member.value:
                return str(label)
    return _as_vn_date(str(value))


def _labels_for(key: str, target_type: str = "") -> list[dict]:
    """Only a field known to hold an enum is relabelled: a user called "admin" stays "admin"."""
    from inspection.auth.models import ROLE_LABELS
    from inspection.calendar.models import DAY_KIND_LABELS
    from inspection.findings.models import LABELS as FINDING_LABELS
    from inspection.groups.models import GROUP_KIND_LABELS, MEMBER_ROLE_LABELS
    from inspection.missions.models import MISSION_KIND_LABELS, MISSION_STATUS_LABELS, TEAM_ROLE_LABELS
    from inspection.nominations.models import NOMINATION_LABELS
    from inspection.responses.models import EXTENSION_STATUS_LABELS
    from inspection.units.models import UNIT_KIND_LABELS

    by_key = {
        "role": [ROLE_LABELS, MEMBER_ROLE_LABELS, TEAM_ROLE_LABELS],
        "kind": [UNIT_KIND_LABELS, GROUP_KIND_LABELS, MISSION_KIND_LABELS, FINDING_LABELS, DAY_KIND_LABELS],
        "status": [MISSION_STATUS_LABELS, EXTENSION_STATUS_LABELS, FINDING_LABELS],
    }
    for key_with_finding_labels in ("category", "severity", "verified_status", "verification_method", "method"):
        by_key[key_with_finding_labels] = [FINDING_LABELS]
    if target_type in ("dossier", "award_form") and key in NOMINATION_ENUM_KEYS:
        return [NOMINATION_LABELS]  # a dossier's "draft" is Nháp, not a mission's Dự thảo
    if key == "role" and target_type == "mission":
        return [TEAM_ROLE_LABELS]  # "deputy" in a team is a phó trưởng đoàn, not a cluster's phó
    return by_key.get(key, [])


NOMINATION_ENUM_KEYS = ("status", "recipient_kind", "leader_group", "achievement_type", "group", "level")


def _as_vn_date(text: str) -> str:
    if len(text) == 10 and text[4] == "-" and text[7] == "-" and text.replace("-", "").isdigit():
        return f"{text[8:10]}/{text[5:7]}/{text[0:4]}"
    return text
