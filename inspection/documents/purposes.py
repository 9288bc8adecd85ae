"""What each document-number field expects: the one table of purposes and their document types.

A field declares its purpose once, on its column (`DocRefType(DECISION)`); the form field
(`DocRefField(purpose=…)`), the import rows and the model (a set listener in columns.py) refuse a reference
of another type with the same message, naming the field and the type it expects:
"Số quyết định phải là một quyết định (QĐ-…), không phải BC".

Which field has which purpose (tests/docnums/test_purposes.py keeps this list and the models in step):
plan 64/KH-… → PLAN; a mission's decision 1317/QĐ-… and a dossier's award decision → DECISION;
a self-report 280/BC-… → SELF_REPORT; a mission's conclusion 15/TB-… or …/KL-… → CONCLUSION;
a working session's and a council session's minutes 01/BB-… → MINUTES; a unit event's and a transfer's legal
basis (a law, resolution, decree, circular or decision) → LEGAL_BASIS.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from inspection.documents.refs import DocRef, DocRefError, RefKind


@dataclass(frozen=True)
class Purpose:
    """A kind of field: its name in messages, what it must be and the type codes that are that."""

    key: str
    field: str  # lazy: "Số quyết định"
    expected: str  # lazy: "một quyết định"
    types: tuple[str, ...]
    laws: bool = False  # a law of the National Assembly (06/2022/QH15) also fits

    def __str__(self) -> str:
        return self.key


PLAN = Purpose("plan", _l("Số kế hoạch"), _l("một kế hoạch"), ("KH",))
DECISION = Purpose("decision", _l("Số quyết định"), _l("một quyết định"), ("QĐ",))
SELF_REPORT = Purpose("self_report", _l("Số báo cáo tự kiểm tra"), _l("một báo cáo"), ("BC",))
CONCLUSION = Purpose("conclusion", _l("Số thông báo kết luận"), _l("một thông báo hoặc kết luận"), ("TB", "KL"))
MINUTES = Purpose("minutes", _l("Số biên bản"), _l("một biên bản"), ("BB",))
LEGAL_BASIS = Purpose("legal_basis", _l("Căn cứ pháp lý"),
                      _l("một luật, nghị quyết, nghị định, thông tư hoặc quyết định"),
                      ("NQ", "NQLT", "NĐ", "TT", "TTLT", "QĐ"), laws=True)

#: every purpose, by key
PURPOSES = {purpose.key: purpose for purpose in (PLAN, DECISION, SELF_REPORT, CONCLUSION, MINUTES, LEGAL_BASIS)}


def fits(ref: DocRef, purpose: Purpose) -> bool:
    if ref.kind is RefKind.LAW:
        return purpose.laws
    return ref.doc_type in purpose.types


def check(ref: DocRef | None, purpose: Purpose | None) -> None:
    """Raise DocRefError (the message for the user) when `ref` is not a document of `purpose`'s kind."""
    if ref is None or purpose is None or fits(ref, purpose):
        return
    raise DocRefError(_("%(field)s phải là %(expected)s (%(codes)s), không phải %(given)s.",
                        field=purpose.field, expected=purpose.expected, codes=shapes(purpose), given=given(ref)))


def shapes(purpose: Purpose) -> str:
    """"QĐ-…", or "TB-…, KL-…"; a purpose that takes laws adds "…/QH15"."""
    codes = [f"{code}-…" for code in purpose.types]
    return ", ".join([*codes, "…/QH15"] if purpose.laws else codes)


def given(ref: DocRef) -> str:
    """What was typed, in the words of the message: its type code, or "công văn", "luật"."""
    if ref.kind is RefKind.LAW:
        return _("luật hoặc nghị quyết của Quốc hội")
    if ref.doc_type is None:
        return _("công văn")
    return ref.doc_type
