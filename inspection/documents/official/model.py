"""The neutral description of an official document, independent of Word or PDF.

A builder (a feature's module) fills an `OfficialDoc` from its data; the renderers lay it out by Decree
30/2020/NĐ-CP (DOMAIN.md part 4). Texts are plain Vietnamese strings (no markup); the renderer decides fonts,
capitals, numbering of sections (I., II., …) and the place of each element on page 1.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Subheading:
    """A numbered heading inside a section ("1. Ưu điểm"): the builder writes the number."""

    text: str


@dataclass(frozen=True)
class Bullets:
    """Lines each starting with "- " (or the builder's own "1.", "a)" when `numbered` is False and the
    text carries them)."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Column:
    title: str
    #: relative width; the renderer shares the text width in these proportions
    width: float = 1.0
    #: "left", "center" or "right" (figures)
    align: str = "left"


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    #: rows printed bold (totals), by index into `rows`
    bold_rows: frozenset[int] = frozenset()
    caption: str = ""


Block = Paragraph | Subheading | Bullets | Table


@dataclass(frozen=True)
class Section:
    """A Roman-numbered part of the body; the renderer writes "I. " before the title."""

    title: str
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True)
class Signer:
    """One signing block: the authority lines above the signature in capitals ("TM. HỘI ĐỒNG", "CHỦ TỊCH"
    or "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"), then the signer's name under the space for the signature."""

    lines: tuple[str, ...]
    name: str = ""


@dataclass(frozen=True)
class Issuer:
    #: the body above the issuer ("UBND TỈNH AN GIANG"), may be empty
    parent_body: str
    #: the issuing body itself ("HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG"), printed bold in capitals
    body: str
    #: the issuer's symbol in document numbers ("HĐTĐKT" in 15/TB-HĐTĐKT)
    symbol: str
    #: the place in the place–date line ("An Giang")
    place: str


@dataclass(frozen=True)
class OfficialDoc:
    issuer: Issuer
    #: the type's code in the number ("TB", "BC", "BB"); empty for a công văn (letter without a type name)
    type_code: str
    #: the type's name printed above the subject ("THÔNG BÁO"); empty for a công văn
    type_name: str
    #: "Kết luận kiểm tra công tác thi đua, khen thưởng tại …"; a công văn's "V/v …" line without "V/v "
    subject: str
    sections: tuple[Section, ...]
    #: one signer (right of "Nơi nhận:"), or two side by side, the first on the left (minutes: the secretary
    #: left, the chair right), "Nơi nhận:" then under them
    signers: tuple[Signer, ...]
    #: "Nơi nhận:" lines without the leading "- "; the renderer ends the list with "- Lưu: VT, <archive>." (VT
    #: written once whether or not the archive names it: "VT, TĐKT" and "TĐKT" both give "- Lưu: VT, TĐKT.")
    recipients: tuple[str, ...] = ()
    archive: str = ""
    #: a công văn's "Kính gửi:" addressees; empty for other types
    addressees: tuple[str, ...] = ()
    #: text before the first section (the grounds: "Căn cứ …"), one paragraph each
    preamble: tuple[str, ...] = ()
    #: None while a draft: the number and the day are left blank and the document is marked DỰ THẢO
    number: int | None = None
    issued_on: datetime.date | None = None
    #: the year printed in a draft's blank date line ("…, ngày   tháng   năm 2026")
    year: int = field(default_factory=lambda: datetime.date.today().year)
    #: a correction names the document it replaces: its citation ("Thông báo số 15/TB-HĐTĐKT ngày 03/12/2026"),
    #: printed under the subject as "Văn bản này thay thế <replaces>." (a whole sentence is printed as given)
    replaces: str = ""

    @property
    def draft(self) -> bool:
        return self.number is None or self.issued_on is None

    @property
    def letter(self) -> bool:
        """A công văn: "V/v" under the number, "Kính gửi:" above the body, no type name."""
        return not self.type_name


@dataclass(frozen=True)
class Content:
    """What a builder makes from a feature's data: everything but the issuer's part (body, signers, number,
    day, archive), which the issuing service adds from the issuing unit's settings (`compose`)."""

    type_code: str
    type_name: str
    subject: str
    sections: tuple[Section, ...]
    recipients: tuple[str, ...] = ()
    addressees: tuple[str, ...] = ()
    preamble: tuple[str, ...] = ()
    #: signing blocks the document itself fixes (a biên bản: "THƯ KÝ" and "CHỦ TỌA" of the meeting); empty: the
    #: issuer's signers from the settings
    signers: tuple[Signer, ...] = ()


def compose(content: Content, *, issuer: Issuer, signers: tuple[Signer, ...], archive: str, year: int,
            number: int | None = None, issued_on: datetime.date | None = None, replaces: str = "",
            extra_recipients: tuple[str, ...] = ()) -> OfficialDoc:
    return OfficialDoc(issuer=issuer, type_code=content.type_code, type_name=content.type_name,
                       subject=content.subject, sections=content.sections, signers=content.signers or signers,
                       recipients=content.recipients + extra_recipients, archive=archive,
                       addressees=content.addressees, preamble=content.preamble, number=number,
                       issued_on=issued_on, year=year, replaces=replaces)
