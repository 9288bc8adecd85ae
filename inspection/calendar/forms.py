"""Forms of the calendar page, and DeadlineField: a deadline typed as a date or as "N ngày làm việc"."""

import re
import unicodedata
from datetime import date

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, StopValidation

from inspection.calendar.models import CalendarDay, DayKind
from inspection.dates import DATE_FORMAT, DatePickerInput, VNDateField, parse_vn_date
from inspection.forms_util import KeepsParseErrors, PortalForm
from inspection.labels import field_label

FIRST_YEAR, LAST_YEAR = 1900, 2100
#: a deadline longer than this is a typing mistake (four years of working days)
MAX_WORKING_DAYS = 1000
#: "15 ngày làm việc", "15 ngày làm việc kể từ 04/11/2017" (matched without diacritics, in lower case)
WORKING_DAYS_PATTERN = re.compile(r"(\d+)\s*ngay\s+lam\s+viec(?:\s+(?:ke\s+tu|tinh\s+tu|tu)(?:\s+ngay)?\s+(\S+))?")


def plain_text(text: str) -> str:
    """Lower case without diacritics: "Ngày Làm Việc" → "ngay lam viec", so either spelling is accepted."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


class DeadlineInput(DatePickerInput):
    """The date picker's input, which also shows the due date while "N ngày làm việc" is typed: the page asks
    the server (calendar.due_date) with the field's text and its base field's date, so the date shown is the
    one saving will store."""

    def __call__(self, field, **kwargs):
        kwargs.setdefault("data-due-preview", url_for("calendar.due_date"))
        if field.base_field:
            kwargs.setdefault("data-due-start", field.id[:len(field.id) - len(field.short_name)] + field.base_field)
        return super().__call__(field, **kwargs)


class DeadlineField(KeepsParseErrors, StringField):
    """A deadline: "30/06/2018", "15 ngày làm việc" (counted from the form's base date) or
    "15 ngày làm việc kể từ 04/11/2017". `.data` is the date; `.working_days` and `.counted_from`
    say how it was counted when it was. `base_field` names the form field holding the default start;
    `resolve(start, n)` counts on the portal's calendar (the admin's days included) unless replaced."""

    widget = DeadlineInput()

    def __init__(self, label=None, validators=None, base_field: str | None = None, resolve=None, **kwargs):
        kwargs.setdefault("render_kw", {"placeholder": _l("dd/mm/yyyy hoặc “15 ngày làm việc”")})
        kwargs.setdefault("description", _l("Một ngày (dd/mm/yyyy) hoặc số ngày làm việc, ví dụ “15 ngày làm việc” "
                                            "hay “15 ngày làm việc kể từ 04/11/2017”."))
        super().__init__(label, validators, **kwargs)
        self.base_field, self._resolve = base_field, resolve
        self.working_days = self.counted_from = None
        self.raw_text = None

    def process_formdata(self, valuelist):
        self.raw_text = (valuelist[0] if valuelist else "").strip()
        self.data = self.working_days = self.counted_from = None
        if not self.raw_text:
            return
        match = WORKING_DAYS_PATTERN.fullmatch(plain_text(self.raw_text))
        if match is None:
            self.data = self._parse_date(self.raw_text, whole=True)
            return
        digits = match.group(1).lstrip("0")
        # a number of thousands of digits is refused before int() (Python refuses it with an English message)
        self.working_days = int(digits or "0") if len(digits) <= len(str(MAX_WORKING_DAYS)) else MAX_WORKING_DAYS + 1
        if not 1 <= self.working_days <= MAX_WORKING_DAYS:
            raise ValueError(_("Số ngày làm việc phải từ 1 đến %(most)s.", most=MAX_WORKING_DAYS))
        if match.group(2):
            self.counted_from = self._parse_date(match.group(2), whole=False)

    def _parse_date(self, text: str, whole: bool) -> date:
        try:
            return parse_vn_date(text)
        except ValueError:
            if whole:
                message = _("“%(text)s” không phải ngày hợp lệ hay số ngày làm việc; nhập dạng 30/06/2018, "
                            "“15 ngày làm việc” hoặc “15 ngày làm việc kể từ 04/11/2017”.", text=text)
            else:
                message = _("“%(text)s” không phải ngày hợp lệ; nhập theo dạng dd/mm/yyyy, ví dụ 04/11/2017.",
                            text=text)
            raise ValueError(message) from None

    def pre_validate(self, form):
        super().pre_validate(form)
        if self.working_days is None:
            return
        start = self.counted_from or self._base_date(form)
        self.counted_from = start
        self.data = (self._resolve or _due_date_after)(start, self.working_days)

    def _base_date(self, form) -> date:
        base = form[self.base_field] if self.base_field and self.base_field in form else None
        if base is not None and base.data is not None and not base.errors:
            return base.data
        example = f"{self.working_days} ngày làm việc kể từ 04/11/2017"
        if base is None:
            raise StopValidation(_("Ghi rõ ngày bắt đầu tính, ví dụ “%(example)s”.", example=example))
        raise StopValidation(_("Ghi rõ ngày bắt đầu tính, ví dụ “%(example)s”, hoặc nhập đúng “%(base)s”.",
                               example=example, base=base.label.text))

    def _value(self):
        if self.raw_text is not None:
            return self.raw_text
        return self.data.strftime(DATE_FORMAT) if self.data else ""


def _due_date_after(start: date, n: int) -> date:
    from inspection.calendar.services import due_date_after

    return due_date_after(start, n)


class DuePreviewForm(PortalForm):
    """What the due-date preview (calendar.due_date) reads from the query string: a deadline field's text and
    its start date, checked by the very DeadlineField the forms save with."""

    class Meta:
        csrf = False

    start = VNDateField(_l("Ngày bắt đầu tính"), validators=[Optional()])
    due = DeadlineField(_l("Thời hạn"), base_field="start", validators=[Optional()])


class WholeNumberField(KeepsParseErrors, IntegerField):
    """An integer field that, when the text is not a number, says only that (not also "out of range");
    left blank it is empty, for Optional or InputRequired to judge."""

    def process_formdata(self, valuelist):
        if valuelist and not str(valuelist[0]).strip():
            self.data = None
            return
        super().process_formdata(valuelist)


def kind_choices():
    return [(kind.value, kind.label) for kind in DayKind]


class CalendarDayForm(PortalForm):
    day = VNDateField(field_label(CalendarDay.day), validators=[DataRequired()])
    kind = SelectField(_l("Loại ngày"), choices=kind_choices, coerce=DayKind, validators=[DataRequired()],
                       description=_l("Ngày nghỉ: một ngày làm việc được nghỉ (nghỉ bù, hoán đổi). Ngày làm việc bù: "
                                      "thứ Bảy, Chủ nhật hoặc ngày lễ phải đi làm để bù."))
    note = StringField(_l("Căn cứ, ghi chú"), validators=[DataRequired(), Length(max=255)],
                       description=_l("Ví dụ: Nghỉ bù dịp Quốc khánh theo Thông báo số …/TB-BNV."))


class YearForm(PortalForm):
    """The year shown, read from the query string."""

    class Meta:
        csrf = False

    year = WholeNumberField(_l("Năm"), validators=[Optional(), NumberRange(min=FIRST_YEAR, max=LAST_YEAR)])

    def chosen(self, default: int) -> int:
        return self.year.data if self.validate() and self.year.data else default


class CalculatorForm(PortalForm):
    """"N ngày làm việc kể từ ngày …", read from the query string."""

    class Meta:
        csrf = False

    n = WholeNumberField(_l("Số ngày làm việc"),
                         validators=[InputRequired(), NumberRange(min=1, max=MAX_WORKING_DAYS)])
    start = VNDateField(_l("Kể từ ngày"), validators=[DataRequired()])
