"""A date field that reads and writes dd/mm/yyyy, with a Vietnamese message naming the field."""

from datetime import date, datetime

from flask_babel import gettext as _
from wtforms import StringField

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


class VNDateField(KeepsParseErrors, StringField):
    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("render_kw", {"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})
        super().__init__(label, validators, **kwargs)

    def process_formdata(self, valuelist):
        self.raw_text = (valuelist[0] if valuelist else "").strip()
        self.data = None
        if not self.raw_text:
            return
        try:
            self.data = parse_vn_date(self.raw_text)
        except ValueError:
            raise ValueError(_("“%(text)s” không phải ngày hợp lệ; nhập theo dạng dd/mm/yyyy, ví dụ 30/11/2017.",
                               text=self.raw_text)) from None

    def _value(self):
        if getattr(self, "raw_text", None) is not None:
            return self.raw_text
        return self.data.strftime(DATE_FORMAT) if self.data else ""
