"""Vietnamese document references ("số, ký hiệu"), Decree 30/2020/NĐ-CP.

One immutable value type, `DocRef`, with a lenient parser and a strict formatter
(DOMAIN.md 4.3): `format_ref(parse_ref(x)) == x` for every canonical `x`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from inspection.documents.ref_rules import (
    ASSEMBLY,
    DOCUMENT_TYPES,
    LEGACY_CV,
    DocRefError,
    RefKind,
    check_kind_fields,
    check_number,
    check_token,
    check_year,
    lookup_type,
)

__all__ = ["DOCUMENT_TYPES", "DocRef", "DocRefError", "RefKind", "format_ref", "parse_ref", "try_parse_ref"]

# Party usage differs from Decree 30 for these [GK: not in DOMAIN, check
# Hướng dẫn 36-HD/VPTW]; used only for the display name.
_PARTY_TYPE_NAMES = {"TT": "Thông tri", "CV": "Công văn"}
_PREFIX = re.compile(r"^số\s*[:.]?\s*", re.IGNORECASE)
_SPACED_SEPARATOR = re.compile(r"\s*([/-])\s*")
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-"})


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
        check_number(self.number)
        check_token(self.issuer, "cơ quan ban hành")
        for unit in self.subunits:
            check_token(unit, "đơn vị")
        check_kind_fields(self)

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


# --- parsing -----------------------------------------------------------------


def _refuse_type_without_d_stroke(segment: str) -> None:
    """"1317/QD-UBND" is a QĐ typed without its Đ, not a công văn from an issuer "QD"."""
    meant = lookup_type(segment.upper().replace("D", "Đ"))
    if meant is not None and "Đ" in meant:
        raise DocRefError(f"“{segment}” có phải loại văn bản “{meant}”? Hãy gõ chữ “Đ” (ví dụ “1317/{meant}-UBND”).")



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
    check_number(head)
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
    doc_type = lookup_type(segments[0])
    legacy_cv = segments[0].upper() == LEGACY_CV
    if doc_type is None and not legacy_cv:
        _refuse_type_without_d_stroke(segments[0])
        return DocRef(number, RefKind.CORRESPONDENCE, None, segments[0], None,
                      tuple(segments[1:]))
    issuer, units = _issuer_after(symbol, segments)
    kind = RefKind.CORRESPONDENCE if legacy_cv else RefKind.ADMINISTRATIVE
    return DocRef(number, kind, doc_type, issuer, None, units, legacy_cv)


def _parse_dated(number: str, year: str, symbol: str) -> DocRef:
    """NUMBER/YEAR/SYMBOL: a law (…/QH15) or a regulatory document (…/NĐ-CP)."""
    check_year(year)
    if ASSEMBLY.fullmatch(symbol.upper()):
        return DocRef(number, RefKind.LAW, None, symbol.upper(), year)
    segments = [_token_case(segment) for segment in symbol.split("-")]
    if len(segments) == 1 and lookup_type(symbol) is None:
        raise DocRefError(
            f"Ký hiệu “{symbol}” của văn bản quy phạm pháp luật phải có dạng "
            "LOẠI-CƠ QUAN (ví dụ “91/2017/NĐ-CP”)."
        )
    doc_type = lookup_type(segments[0]) or segments[0]  # unknown: rejected by DocRef
    issuer, units = _issuer_after(symbol, segments)
    return DocRef(number, RefKind.REGULATORY, doc_type, issuer, year, units)


def _parse_party(head: str, tail: str) -> DocRef:
    """NUMBER-TYPE/ISSUER, e.g. 127-KL/TW."""
    number, _, doc_type = head.partition("-")
    check_number(number)
    if not doc_type or "-" in doc_type:
        raise DocRefError(
            f"Số, ký hiệu văn bản của Đảng “{head}/{tail}” phải có dạng "
            "SỐ-LOẠI/CƠ QUAN (ví dụ “127-KL/TW”)."
        )
    if "/" in tail:
        raise DocRefError(f"Số, ký hiệu “{head}/{tail}” có quá nhiều dấu “/”.")
    segments = [_token_case(segment) for segment in tail.split("-")]
    return DocRef(number, RefKind.PARTY, lookup_type(doc_type) or doc_type,
                  segments[0], None, tuple(segments[1:]))


# --- formatting --------------------------------------------------------------


def format_ref(ref: DocRef) -> str:
    """Canonical text: no "Số:" prefix, no spaces, e.g. "91/2017/NĐ-CP"."""
    issuer = "-".join((ref.issuer, *ref.subunits))
    if ref.kind is RefKind.PARTY:
        return f"{ref.number}-{ref.doc_type}/{issuer}"
    leading = LEGACY_CV if ref.legacy_cv else ref.doc_type
    symbol = f"{leading}-{issuer}" if leading else issuer
    if ref.year is not None:
        return f"{ref.number}/{ref.year}/{symbol}"
    return f"{ref.number}/{symbol}"
