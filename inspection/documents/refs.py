"""Vietnamese document references ("số, ký hiệu"), Decree 30/2020/NĐ-CP.

One immutable value type, `DocRef`, with a lenient parser and a strict formatter
(DOMAIN.md 4.3): `format_ref(parse_ref(x)) == x` for every canonical `x`.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass


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

# Party usage differs from Decree 30 for these [GK: not in DOMAIN, check
# Hướng dẫn 36-HD/VPTW]; used only for the display name.
_PARTY_TYPE_NAMES = {"TT": "Thông tri", "CV": "Công văn"}

# Case-insensitive lookup so "280/bc-UBND" or "TTR" still find "BC" / "TTr".
_TYPES_BY_UPPER = {abbr.upper(): abbr for abbr in DOCUMENT_TYPES}
_LEGACY_CV = "CV"

_VN_UPPER = "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_TOKEN_CHAR = re.compile(rf"[A-Za-z0-9&đ{_VN_UPPER}]")
_TOKEN = re.compile(rf"[A-Z{_VN_UPPER}][A-Za-z0-9&đ{_VN_UPPER}]*")
_NUMBER = re.compile(r"[0-9]+")  # not \d: it would admit other scripts' digits
_YEAR = re.compile(r"[0-9]{4}")
_ASSEMBLY = re.compile(r"(?:UBTV)?QH[0-9]+")  # QH15, UBTVQH15
_PREFIX = re.compile(r"^số\s*[:.]?\s*", re.IGNORECASE)
_SPACED_SEPARATOR = re.compile(r"\s*([/-])\s*")
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-"})
YEAR_MIN, YEAR_MAX = 1945, 2100


class DocRefError(ValueError):
    """A document reference that cannot be read; the message is for the user."""


@dataclass(frozen=True)
class DocRef:
    """A document reference such as 280/BC-UBND, 91/2017/NĐ-CP or 127-KL/TW.

    `legacy_cv` marks the pre-2020 công văn form "23/CV-BTĐKT": it is accepted
    when parsing and kept as written when that value is formatted again, but the
    portal never generates it for new documents (Decree 30 gives công văn no type).
    """

    number: str
    kind: RefKind
    doc_type: str | None
    issuer: str
    year: str | None = None
    subunits: tuple[str, ...] = ()
    legacy_cv: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", RefKind(self.kind))
        object.__setattr__(self, "subunits", tuple(self.subunits))
        _check_number(self.number)
        _check_token(self.issuer, "cơ quan ban hành")
        for unit in self.subunits:
            _check_token(unit, "đơn vị")
        _check_kind_fields(self)

    @property
    def number_int(self) -> int:
        return int(self.number)

    @property
    def type_name(self) -> str:
        """Vietnamese name of the document type, e.g. "Báo cáo", "Công văn"."""
        if self.kind is RefKind.LAW:
            # Laws and resolutions share the form 06/2022/QH15, so no single name.
            if self.issuer.upper().startswith("UBTV"):
                return "Pháp lệnh hoặc nghị quyết của Ủy ban Thường vụ Quốc hội"
            return "Luật hoặc nghị quyết của Quốc hội"
        if self.doc_type is None:
            return "Công văn"
        if self.kind is RefKind.PARTY and self.doc_type in _PARTY_TYPE_NAMES:
            return _PARTY_TYPE_NAMES[self.doc_type]
        return DOCUMENT_TYPES.get(self.doc_type, self.doc_type)

    def __str__(self) -> str:
        return format_ref(self)


# --- field checks (shared by the parser and direct construction) -------------


def _check_number(number: str) -> None:
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


def _check_year(year: str) -> None:
    if not _YEAR.fullmatch(year) or not YEAR_MIN <= int(year) <= YEAR_MAX:
        raise DocRefError(
            f"Năm ban hành “{year}” không hợp lệ: phải gồm 4 chữ số, "
            f"trong khoảng {YEAR_MIN}–{YEAR_MAX}."
        )


def _check_token(token: str, role: str) -> None:
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


def _check_kind_fields(ref: DocRef) -> None:
    """Each kind has its own fields; anything else would not survive a round trip."""
    dated = ref.kind in (RefKind.REGULATORY, RefKind.LAW)
    if dated != (ref.year is not None):
        raise DocRefError("Chỉ văn bản quy phạm pháp luật và luật mới ghi năm ban hành.")
    if ref.year is not None:
        _check_year(ref.year)
    if ref.legacy_cv and ref.kind is not RefKind.CORRESPONDENCE:
        raise DocRefError("Ký hiệu “CV” cũ chỉ dùng cho công văn.")
    _KIND_CHECKS[ref.kind](ref)


def _check_typed(ref: DocRef) -> None:
    if ref.doc_type is None:
        raise DocRefError("Thiếu viết tắt tên loại văn bản.")
    _check_known_type(ref.doc_type)


def _check_party(ref: DocRef) -> None:
    # Party types come from Party rules, not Decree 30, so only the shape is checked.
    _check_token(ref.doc_type or "", "loại văn bản")
    canonical = _lookup_type(ref.doc_type or "")
    if canonical not in (None, ref.doc_type):
        raise DocRefError(f"Loại văn bản phải viết là “{canonical}”, không phải “{ref.doc_type}”.")


def _check_correspondence(ref: DocRef) -> None:
    # An issuer that is also a type abbreviation would be read back as a typed document.
    if ref.doc_type is not None:
        raise DocRefError("Công văn không có viết tắt tên loại văn bản.")
    clash = ref.issuer.upper() == _LEGACY_CV or (
        not ref.legacy_cv and _lookup_type(ref.issuer) is not None
    )
    if clash:
        raise DocRefError(
            f"“{ref.issuer}” là viết tắt tên loại văn bản, không phải cơ quan ban hành."
        )


def _check_law(ref: DocRef) -> None:
    if ref.doc_type is not None or ref.subunits or not _ASSEMBLY.fullmatch(ref.issuer):
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


# --- parsing -----------------------------------------------------------------


def _refuse_type_without_d_stroke(segment: str) -> None:
    """"1317/QD-UBND" is a QĐ typed without its Đ, not a công văn from an issuer "QD"."""
    meant = _lookup_type(segment.upper().replace("D", "Đ"))
    if meant is not None and "Đ" in meant:
        raise DocRefError(f"“{segment}” có phải loại văn bản “{meant}”? Hãy gõ chữ “Đ” (ví dụ “1317/{meant}-UBND”).")


def _lookup_type(segment: str) -> str | None:
    return _TYPES_BY_UPPER.get(segment.upper())


# Issuers whose symbol is not all capitals (Thủ tướng Chính phủ: 1317/QĐ-TTg).
_MIXED_CASE_ISSUERS = {"TTG": "TTg"}


def _token_case(segment: str) -> str:
    """"ubnd" → "UBND", "ttg" → "TTg": symbols are written in capitals, so a segment typed in lower case is
    read as meant; one that already starts with a capital is kept as written (it may be canonical)."""
    if not segment or segment[0].isupper():
        return segment
    upper = segment.upper()
    return _MIXED_CASE_ISSUERS.get(upper, upper)


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(_DASHES).strip()
    text = _PREFIX.sub("", text, count=1)
    return _SPACED_SEPARATOR.sub(r"\1", text)  # real data has "72 /HTS"


#: the stored column is VARCHAR(80); real references are far shorter
MAX_LENGTH = 80


def parse_ref(text: str) -> DocRef:
    """Read a reference leniently ("Số: 72 /HTS", "280/BC-UBND"); raise DocRefError."""
    cleaned = _normalise(text)
    if not cleaned:
        raise DocRefError("Số, ký hiệu văn bản đang để trống.")
    if len(cleaned) > MAX_LENGTH:
        raise DocRefError(f"Số, ký hiệu văn bản dài {len(cleaned)} ký tự, tối đa {MAX_LENGTH} ký tự.")
    if "/" not in cleaned:
        raise DocRefError(
            f"Số, ký hiệu “{cleaned}” thiếu dấu “/” giữa số và ký hiệu "
            "(ví dụ “280/BC-UBND”)."
        )
    head, _, tail = cleaned.partition("/")
    if "-" in head:
        return _parse_party(head, tail)
    _check_number(head)
    parts = tail.split("/")
    if len(parts) == 1:
        return _parse_symbol(head, tail)
    if len(parts) == 2:
        return _parse_dated(head, *parts)
    raise DocRefError(f"Số, ký hiệu “{cleaned}” có quá nhiều dấu “/”.")


def try_parse_ref(text: str) -> DocRef | None:
    """`parse_ref`, but None instead of an error (for imports and search boxes)."""
    try:
        return parse_ref(text)
    except DocRefError:
        return None


def _issuer_after(symbol: str, segments: list[str]) -> tuple[str, tuple[str, ...]]:
    """Issuer and subunits after a leading type (or legacy "CV") segment."""
    if len(segments) < 2 or not segments[1]:
        raise DocRefError(
            f"Ký hiệu “{symbol}” thiếu tên viết tắt của cơ quan ban hành "
            f"sau “{segments[0]}” (ví dụ “BC-UBND”)."
        )
    return segments[1], tuple(segments[2:])


def _parse_symbol(number: str, symbol: str) -> DocRef:
    """NUMBER/SYMBOL without a year: a typed document or a công văn."""
    segments = [_token_case(segment) for segment in symbol.split("-")]
    doc_type = _lookup_type(segments[0])
    legacy_cv = segments[0].upper() == _LEGACY_CV
    if doc_type is None and not legacy_cv:
        _refuse_type_without_d_stroke(segments[0])
        return DocRef(number, RefKind.CORRESPONDENCE, None, segments[0], None,
                      tuple(segments[1:]))
    issuer, units = _issuer_after(symbol, segments)
    kind = RefKind.CORRESPONDENCE if legacy_cv else RefKind.ADMINISTRATIVE
    return DocRef(number, kind, doc_type, issuer, None, units, legacy_cv)


def _parse_dated(number: str, year: str, symbol: str) -> DocRef:
    """NUMBER/YEAR/SYMBOL: a law (…/QH15) or a regulatory document (…/NĐ-CP)."""
    _check_year(year)
    if _ASSEMBLY.fullmatch(symbol.upper()):
        return DocRef(number, RefKind.LAW, None, symbol.upper(), year)
    segments = [_token_case(segment) for segment in symbol.split("-")]
    if len(segments) == 1 and _lookup_type(symbol) is None:
        raise DocRefError(
            f"Ký hiệu “{symbol}” của văn bản quy phạm pháp luật phải có dạng "
            "LOẠI-CƠ QUAN (ví dụ “91/2017/NĐ-CP”)."
        )
    doc_type = _lookup_type(segments[0]) or segments[0]  # unknown: rejected by DocRef
    issuer, units = _issuer_after(symbol, segments)
    return DocRef(number, RefKind.REGULATORY, doc_type, issuer, year, units)


def _parse_party(head: str, tail: str) -> DocRef:
    """NUMBER-TYPE/ISSUER, e.g. 127-KL/TW."""
    number, _, doc_type = head.partition("-")
    _check_number(number)
    if not doc_type or "-" in doc_type:
        raise DocRefError(
            f"Số, ký hiệu văn bản của Đảng “{head}/{tail}” phải có dạng "
            "SỐ-LOẠI/CƠ QUAN (ví dụ “127-KL/TW”)."
        )
    if "/" in tail:
        raise DocRefError(f"Số, ký hiệu “{head}/{tail}” có quá nhiều dấu “/”.")
    segments = [_token_case(segment) for segment in tail.split("-")]
    return DocRef(number, RefKind.PARTY, _lookup_type(doc_type) or doc_type,
                  segments[0], None, tuple(segments[1:]))


# --- formatting --------------------------------------------------------------


def format_ref(ref: DocRef) -> str:
    """Canonical text: no "Số:" prefix, no spaces, e.g. "91/2017/NĐ-CP"."""
    issuer = "-".join((ref.issuer, *ref.subunits))
    if ref.kind is RefKind.PARTY:
        return f"{ref.number}-{ref.doc_type}/{issuer}"
    leading = _LEGACY_CV if ref.legacy_cv else ref.doc_type
    symbol = f"{leading}-{issuer}" if leading else issuer
    if ref.year is not None:
        return f"{ref.number}/{ref.year}/{symbol}"
    return f"{ref.number}/{symbol}"
