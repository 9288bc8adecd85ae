"""Typed reading of one row's cells; every refusal is recorded as a RowError, never raised."""

from datetime import date, datetime

from flask_babel import gettext as _

from inspection.dates import parse_vn_date
from inspection.imports.plan import RowError
from inspection.imports.reader import Row, normalise_key


def as_text(value, single_line: bool = True) -> str | None:
    """A cell as text: 101 and 101.0 → "101", a date → dd/mm/yyyy, inner spaces collapsed on one line."""
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, date):
        value = value.strftime("%d/%m/%Y")
    text = str(value).strip()
    if single_line:
        text = " ".join(text.split())
    return text or None


def same_text(left: str | None, right: str | None) -> bool:
    """Equal once spaces are collapsed (names from Excel often carry doubled spaces)."""
    return as_text(left) == as_text(right)


class RowCells:
    """Reads the cells of `row`, appending a RowError to `errors` for each refused cell."""

    def __init__(self, row: Row, errors: list[RowError]):
        self.row, self.errors, self.failed = row, errors, False
        for position in row.stray:
            self.fail("", _("Ô ở cột thứ %(n)s có dữ liệu nhưng không nằm dưới tiêu đề cột nào.", n=position))

    def fail(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.row.number, column, message))
        self.failed = True

    def text(self, column: str, *, required: bool = False, max_length: int | None = None,
             single_line: bool = True) -> str | None:
        text = as_text(self.row.values.get(column), single_line)
        if text is None:
            if required:
                self.fail(column, _("Ô bắt buộc, không được để trống."))
            return None
        if max_length is not None and len(text) > max_length:
            self.fail(column, _("Dài %(n)s ký tự, quá giới hạn %(limit)s ký tự.", n=len(text), limit=max_length))
            return None
        return text

    def date(self, column: str) -> date | None:
        """A real Excel date (or date-time), or dd/mm/yyyy text."""
        value = self.row.values.get(column)
        if value is None:
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return parse_vn_date(value)
            except ValueError:
                pass
        self.fail(column, _("“%(text)s” không phải ngày hợp lệ; ghi theo dạng dd/mm/yyyy, ví dụ 30/11/2017.",
                            text=as_text(value)))
        return None

    def integer(self, column: str, low: int, high: int) -> int | None:
        """A required whole number between low and high."""
        text = self.text(column, required=True)
        if text is None:
            return None
        if not text.isdigit() or not low <= int(text) <= high:
            self.fail(column, _("“%(text)s” không hợp lệ: cần một số nguyên từ %(low)s đến %(high)s.",
                                text=text, low=low, high=high))
            return None
        return int(text)

    def choice(self, column: str, vocabulary: dict[str, object], *, allowed: str, required: bool = False,
               default=None):
        """One of a closed vocabulary, keyed by normalise_key; `allowed` lists the accepted words."""
        text = self.text(column, required=required)
        if text is None:
            return default
        value = vocabulary.get(normalise_key(text))
        if value is None:
            self.fail(column, _("“%(text)s” không hợp lệ; chọn một trong: %(allowed)s.", text=text, allowed=allowed))
        return value
