"""A date field that reads and writes dd/mm/yyyy, with a Vietnamese message naming the field. Its input
carries the date picker's words (static/js/date-picker.js): without JavaScript it stays a plain text field."""

from datetime import date, datetime

from flask import g, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from wtforms import StringField
from wtforms.widgets import TextInput, html_params

from inspection.forms_util import KeepsParseErrors

DATE_FORMAT = "%d/%m/%Y"
ACCEPTED_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")


def parse_vn_date(text: str) -> date:
    """dd/mm/yyyy (also dd-mm-yyyy, dd.mm.yyyy and ISO); ValueError otherwise."""
    text = text.strip()
    for pattern in ACCEPTED_FORMATS:
        try:
            parsed = datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        if 1900 <= parsed.year <= 2100:
            return parsed
    raise ValueError(text)


MONTH_NAMES = (_l("Tháng 1"), _l("Tháng 2"), _l("Tháng 3"), _l("Tháng 4"), _l("Tháng 5"), _l("Tháng 6"),
               _l("Tháng 7"), _l("Tháng 8"), _l("Tháng 9"), _l("Tháng 10"), _l("Tháng 11"), _l("Tháng 12"))
#: the picker's column heads, Monday first (the full names are its screen-reader words)
WEEKDAY_INITIALS = (_l("T2"), _l("T3"), _l("T4"), _l("T5"), _l("T6"), _l("T7"), _l("CN"))
WEEKDAY_NAMES = (_l("Thứ Hai"), _l("Thứ Ba"), _l("Thứ Tư"), _l("Thứ Năm"), _l("Thứ Sáu"), _l("Thứ Bảy"),
                 _l("Chủ nhật"))


def weekday_name(day: date) -> str:
    """"Thứ Sáu" (capitalised, to start a line), in the reader's language."""
    return str(WEEKDAY_NAMES[day.weekday()])


def read_vn_date(text: str) -> date:
    """`parse_vn_date` for what a person typed: ValueError with the Vietnamese message a form or a JSON answer
    shows beside the field."""
    try:
        return parse_vn_date(text)
    except ValueError:
        raise ValueError(_("“%(text)s” không phải ngày hợp lệ; nhập theo dạng dd/mm/yyyy, ví dụ 30/11/2017.",
                           text=text)) from None


def picker_words() -> dict[str, str]:
    """The date picker's data-* attributes, worked out once a request and language: a filter form has nine date
    fields, and each would translate forty words again."""
    known = g.setdefault("picker_words", {})
    language = str(get_locale())
    if language not in known:
        known[language] = _picker_words()
    return known[language]


def _picker_words() -> dict[str, str]:
    """Every word the date picker shows or says, in the page's language."""
    return {
        "data-date-picker": "y",
        "data-days-off": url_for("calendar.days_off"),
        "data-months": "|".join(str(name) for name in MONTH_NAMES),
        "data-weekdays": "|".join(str(name) for name in WEEKDAY_INITIALS),
        "data-weekday-names": "|".join(str(name) for name in WEEKDAY_NAMES),
        "data-title-text": _("{month} năm {year}"),
        "data-dialog-text": _("Chọn ngày"),
        "data-prev-text": _("Tháng trước"),
        "data-next-text": _("Tháng sau"),
        "data-close-text": _("Đóng"),
        "data-help-text": _("Phím mũi tên: đổi ngày; Page Up/Page Down: đổi tháng; Enter: chọn; Esc: đóng."),
        "data-today-text": _("hôm nay"),
        "data-worked-text": _("ngày làm việc bù"),
    }


def picker_attributes() -> Markup:
    """The picker's words as the input's escaped attributes, written once a request and language (a filter
    form's nine date fields escaped the same thirteen attributes nine times)."""
    known = g.setdefault("picker_attributes", {})
    language = str(get_locale())
    if language not in known:
        known[language] = Markup(html_params(**picker_words()))
    return known[language]


class DatePickerInput(TextInput):
    """A text input the date picker enhances (a button beside it opens a calendar)."""

    def __call__(self, field, **kwargs):
        kwargs.setdefault("autocomplete", "off")
        if kwargs.keys() & picker_words().keys():  # a word given by the caller replaces the picker's own
            for name, value in picker_words().items():
                kwargs.setdefault(name, value)
            return super().__call__(field, **kwargs)
        own = super().__call__(field, **kwargs)
        return Markup(f"{own[:-1]} {picker_attributes()}>")


class VNDateField(KeepsParseErrors, StringField):
    widget = DatePickerInput()

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("render_kw", {"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})
        super().__init__(label, validators, **kwargs)

    def process_formdata(self, valuelist):
        self.raw_text = (valuelist[0] if valuelist else "").strip()
        self.data = None
        if not self.raw_text:
            return
        self.data = read_vn_date(self.raw_text)

    def _value(self):
        if getattr(self, "raw_text", None) is not None:
            return self.raw_text
        return self.data.strftime(DATE_FORMAT) if self.data else ""
