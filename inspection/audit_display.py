"""How audit before/after values are shown: field names and values in words, not column names."""

from flask_babel import lazy_gettext as _l

FIELD_LABELS = {
    "username": _l("Tên đăng nhập"), "full_name": _l("Họ và tên"), "email": _l("Thư điện tử"),
    "role": _l("Vai trò"), "is_active_account": _l("Đang hoạt động"), "units": _l("Đơn vị"),
    "password": _l("Mật khẩu"), "code": _l("Mã"), "kind": _l("Loại"), "parent": _l("Đơn vị cấp trên"),
    "valid_from": _l("Từ ngày"), "valid_to": _l("Đến ngày"), "note": _l("Ghi chú"), "name": _l("Tên"),
    "effective": _l("Ngày hiệu lực"), "successors": _l("Đơn vị kế thừa"), "unit": _l("Đơn vị"),
    "year": _l("Năm"), "predecessors": _l("Đơn vị trước"), "legal_basis": _l("Căn cứ"),
}


def field_label(key: str) -> str:
    return str(FIELD_LABELS.get(key, key))


def field_value(value, key: str = "") -> str:
    """Enum values (for the fields that hold them) and ISO dates as people read them."""
    if value is None or value == []:
        return "—"
    if isinstance(value, bool):
        return str(_l("Có") if value else _l("Không"))
    if isinstance(value, list):
        return ", ".join(field_value(item, key) for item in value)
    for labels in _labels_for(key):
        for member, label in labels.items():
            if value == member.value:
                return str(label)
    return _as_vn_date(str(value))


def _labels_for(key: str) -> list[dict]:
    """Only a field known to hold an enum is relabelled: a user called "admin" stays "admin"."""
    from inspection.auth.models import ROLE_LABELS
    from inspection.groups.models import GROUP_KIND_LABELS, MEMBER_ROLE_LABELS
    from inspection.units.models import UNIT_KIND_LABELS

    return {"role": [ROLE_LABELS, MEMBER_ROLE_LABELS], "kind": [UNIT_KIND_LABELS, GROUP_KIND_LABELS]}.get(key, [])


def _as_vn_date(text: str) -> str:
    if len(text) == 10 and text[4] == "-" and text[7] == "-" and text.replace("-", "").isdigit():
        return f"{text[8:10]}/{text[5:7]}/{text[0:4]}"
    return text
