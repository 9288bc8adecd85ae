"""Document numbers (DOMAIN.md 4.3): sequential per issuing unit, type and calendar year, from 01; printed with a
leading zero below 10 ("05/TB-HĐTĐKT"); a công văn has no type code ("12/HĐTĐKT")."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, select

from inspection.extensions import db
from inspection.formatting import vn_date
from inspection.official.models import OfficialDocument
from inspection.rules import RuleViolation


def reference(number: int, type_code: str, symbol: str) -> str:
    code = f"{type_code}-" if type_code else ""
    return f"{number:02d}/{code}{symbol}"


def next_free(issuer_unit_id: int, type_code: str, year: int) -> int:
    """The number after the highest given this year (a gap left by hand is not filled behind the user's back)."""
    highest = db.session.scalar(select(func.max(OfficialDocument.number)).where(
        OfficialDocument.issuer_unit_id == issuer_unit_id, OfficialDocument.type_code == type_code,
        OfficialDocument.number_year == year))
    return (highest or 0) + 1


def holder(issuer_unit_id: int, type_code: str, year: int, number: int) -> OfficialDocument | None:
    return db.session.scalar(select(OfficialDocument).where(
        OfficialDocument.issuer_unit_id == issuer_unit_id, OfficialDocument.type_code == type_code,
        OfficialDocument.number_year == year, OfficialDocument.number == number))


def require_free(document: OfficialDocument, number: int, year: int, symbol: str) -> None:
    """Refuse, beside the number field, a number another document of the same issuer, type and year holds."""
    taken = holder(document.issuer_unit_id, document.type_code, year, number)
    if taken is not None and taken.id != document.id:
        raise taken_refusal(document, number, year, symbol, taken)


def taken_refusal(document: OfficialDocument, number: int, year: int, symbol: str,
                  taken: OfficialDocument | None = None) -> RuleViolation:
    suggestion = reference(next_free(document.issuer_unit_id, document.type_code, year), document.type_code, symbol)
    if taken is None:
        return RuleViolation(_("Số văn bản %(ref)s năm %(year)s vừa được cấp cho văn bản khác. Số tiếp theo còn "
                               "trống: %(next)s.", ref=reference(number, document.type_code, symbol), year=year,
                               next=suggestion), field="number")
    return RuleViolation(_("Số văn bản %(ref)s năm %(year)s đã được cấp cho “%(title)s” (ban hành ngày %(day)s). "
                           "Số tiếp theo còn trống: %(next)s.", ref=reference(number, document.type_code, symbol),
                           year=year, title=taken.title, day=vn_date(taken.issued_on), next=suggestion),
                         field="number")
