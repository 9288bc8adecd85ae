"""Form fields that take units by code, so a form stays usable with thousands of units."""

from flask_babel import gettext as _
from sqlalchemy import select
from wtforms import StringField

from inspection.extensions import db
from inspection.forms_util import KeepsParseErrors
from inspection.units.models import Unit


def _split_codes(text: str) -> list[str]:
    return [code.strip() for code in text.replace(";", ",").replace("\n", ",").split(",") if code.strip()]


class UnitCodesField(KeepsParseErrors, StringField):
    """Comma-separated unit codes → list of Unit; unknown codes are named in the error."""

    def process_formdata(self, valuelist):
        self.raw_text = valuelist[0] if valuelist else ""
        codes = _split_codes(self.raw_text)
        units = list(db.session.scalars(select(Unit).where(Unit.code.in_(codes)))) if codes else []
        found = {unit.code for unit in units}
        missing = [code for code in codes if code not in found]
        self.data = sorted(units, key=lambda unit: codes.index(unit.code))
        if missing:
            self.data = None
            raise ValueError(_("Không có đơn vị mang mã: %(codes)s", codes=", ".join(missing)))

    def process_data(self, value):
        self.data = list(value or [])

    def _value(self):
        if getattr(self, "raw_text", None) is not None:
            return self.raw_text
        return ", ".join(unit.code for unit in self.data or [])


class UnitCodeField(UnitCodesField):
    """One unit code → Unit or None."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if self.data is not None and len(self.data) > 1:
            self.data = None
            raise ValueError(_("Chỉ nhập một mã đơn vị."))
        self.data = self.data[0] if self.data else None

    def process_data(self, value):
        self.data = value

    def _value(self):
        if getattr(self, "raw_text", None) is not None:
            return self.raw_text
        return self.data.code if self.data else ""
