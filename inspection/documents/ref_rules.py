"""The rules a document reference ("số, ký hiệu") must follow, Decree 30/2020/NĐ-CP: the document types of its
Phụ lục III, the shape of each part, and each kind's fields. One message per broken rule, for the user; the value
type, the parser and the formatter are in refs.py."""

from __future__ import annotations

import enum
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from inspection.documents.refs import DocRef


class RefKind(enum.StrEnum):
    ADMINISTRATIVE = "administrative"  # 280/BC-UBND: type + issuer, no year
    CORRESPONDENCE = "correspondence"  # 2902/BNV-VP: công văn, no type
    REGULATORY = "regulatory"  # 91/2017/NĐ-CP: legal normative document
    LAW = "law"  # 06/2022/QH15: symbol is only the body and its term
    PARTY = "party"  # 127-KL/TW: Party documents put the type before "/"


# Decree 30, Phụ lục III, plus the regulatory and Party types seen in real data.
# GN, TTh and NP are unverified (sources disagree: BGN, BTT, GNP); check the
# official Phụ lục III before relying on them.
DOCUMENT_TYPES: dict[str, str] = {
    "NQ": "Nghị quyết", "QĐ": "Quyết định", "CT": "Chỉ thị", "QC": "Quy chế",
    "QyĐ": "Quy định", "TC": "Thông cáo", "TB": "Thông báo", "HD": "Hướng dẫn",
    "CTr": "Chương trình", "KH": "Kế hoạch", "PA": "Phương án", "ĐA": "Đề án",
    "DA": "Dự án", "BC": "Báo cáo", "BB": "Biên bản", "TTr": "Tờ trình",
    "HĐ": "Hợp đồng", "CĐ": "Công điện", "GUQ": "Giấy ủy quyền", "GM": "Giấy mời",
    "GGT": "Giấy giới thiệu", "PG": "Phiếu gửi", "PC": "Phiếu chuyển",
    "PB": "Phiếu báo", "GN": "Bản ghi nhớ", "TTh": "Bản thỏa thuận",
    "NP": "Giấy nghỉ phép",
    # Regulatory types (Luật Ban hành VBQPPL) and other symbols in real data.
    "NĐ": "Nghị định", "TT": "Thông tư", "TTLT": "Thông tư liên tịch",
    "NQLT": "Nghị quyết liên tịch", "VBHN": "Văn bản hợp nhất",
    # Party documents (127-KL/TW) share the other abbreviations.
    "KL": "Kết luận",
}


# Case-insensitive lookup so "280/bc-UBND" or "TTR" still find "BC" / "TTr".
_TYPES_BY_UPPER = {abbr.upper(): abbr for abbr in DOCUMENT_TYPES}
LEGACY_CV = "CV"

_VN_UPPER = "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_TOKEN_CHAR = re.compile(rf"[A-Za-z0-9&đ{_VN_UPPER}]")
_TOKEN = re.compile(rf"[A-Z{_VN_UPPER}][A-Za-z0-9&đ{_VN_UPPER}]*")
_NUMBER = re.compile(r"[0-9]+")  # not \d: it would admit other scripts' digits
_YEAR = re.compile(r"[0-9]{4}")
ASSEMBLY = re.compile(r"(?:UBTV)?QH[0-9]+")  # QH15, UBTVQH15
YEAR_MIN, YEAR_MAX = 1945, 2100


class DocRefError(ValueError):
    """A document reference that cannot be read; the message is for the user."""


# --- field checks (shared by the parser and direct construction) -------------


def check_number(number: str) -> None:
    if not number:
        raise DocRefError("Thiếu phần số của văn bản (ví dụ “280” trong “280/BC-UBND”).")
    if _NUMBER.fullmatch(number):
        return
    message = f"Phần số “{number}” chỉ được gồm các chữ số 0–9."
    if any(c in "Oo" for c in number):
        message += " Có thể đã gõ chữ “O” thay cho số 0."
    elif any(c in "Il" for c in number):
        message += " Có thể đã gõ chữ “I” hoặc “l” thay cho số 1."
    raise DocRefError(message)


def check_year(year: str) -> None:
    if not _YEAR.fullmatch(year) or not YEAR_MIN <= int(year) <= YEAR_MAX:
        raise DocRefError(
            f"Năm ban hành “{year}” không hợp lệ: phải gồm 4 chữ số, "
            f"trong khoảng {YEAR_MIN}–{YEAR_MAX}."
        )


def check_token(token: str, role: str) -> None:
    if not token:
        raise DocRefError(f"Thiếu tên viết tắt của {role} trong ký hiệu văn bản.")
    bad = sorted({c for c in token if not _TOKEN_CHAR.fullmatch(c)})
    if bad:
        shown = ", ".join("dấu cách" if c.isspace() else f"“{c}”" for c in bad)
        raise DocRefError(
            f"Ký hiệu “{token}” chứa ký tự không hợp lệ: {shown}; "
            "chỉ được dùng chữ cái, chữ số và dấu “&”."
        )
    if not _TOKEN.fullmatch(token):
        raise DocRefError(f"Ký hiệu “{token}” phải bắt đầu bằng một chữ cái in hoa.")


def _check_known_type(doc_type: str) -> None:
    if doc_type not in DOCUMENT_TYPES:
        raise DocRefError(
            f"Loại văn bản “{doc_type}” không có trong danh mục viết tắt tên loại "
            "văn bản (Phụ lục III, Nghị định 30/2020/NĐ-CP)."
        )


def check_kind_fields(ref: DocRef) -> None:
    """Each kind has its own fields; anything else would not survive a round trip."""
    dated = ref.kind in (RefKind.REGULATORY, RefKind.LAW)
    if dated != (ref.year is not None):
        raise DocRefError("Chỉ văn bản quy phạm pháp luật và luật mới ghi năm ban hành.")
    if ref.year is not None:
        check_year(ref.year)
    if ref.legacy_cv and ref.kind is not RefKind.CORRESPONDENCE:
        raise DocRefError("Ký hiệu “CV” cũ chỉ dùng cho công văn.")
    _KIND_CHECKS[ref.kind](ref)


def _check_typed(ref: DocRef) -> None:
    if ref.doc_type is None:
        raise DocRefError("Thiếu viết tắt tên loại văn bản.")
    _check_known_type(ref.doc_type)


def _check_party(ref: DocRef) -> None:
    # Party types come from Party rules, not Decree 30, so only the shape is checked.
    check_token(ref.doc_type or "", "loại văn bản")
    canonical = lookup_type(ref.doc_type or "")
    if canonical not in (None, ref.doc_type):
        raise DocRefError(f"Loại văn bản phải viết là “{canonical}”, không phải “{ref.doc_type}”.")


def _check_correspondence(ref: DocRef) -> None:
    # An issuer that is also a type abbreviation would be read back as a typed document.
    if ref.doc_type is not None:
        raise DocRefError("Công văn không có viết tắt tên loại văn bản.")
    clash = ref.issuer.upper() == LEGACY_CV or (
        not ref.legacy_cv and lookup_type(ref.issuer) is not None
    )
    if clash:
        raise DocRefError(
            f"“{ref.issuer}” là viết tắt tên loại văn bản, không phải cơ quan ban hành."
        )


def _check_law(ref: DocRef) -> None:
    if ref.doc_type is not None or ref.subunits or not ASSEMBLY.fullmatch(ref.issuer):
        raise DocRefError(
            f"Ký hiệu luật “{ref.issuer}” phải có dạng QH + khóa, ví dụ “06/2022/QH15”."
        )


_KIND_CHECKS = {
    RefKind.ADMINISTRATIVE: _check_typed,
    RefKind.REGULATORY: _check_typed,
    RefKind.CORRESPONDENCE: _check_correspondence,
    RefKind.LAW: _check_law,
    RefKind.PARTY: _check_party,
}


def lookup_type(segment: str) -> str | None:
    return _TYPES_BY_UPPER.get(segment.upper())
