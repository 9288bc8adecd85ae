"""Form fields that take units by code (or by a current name typed in full), so a form stays usable with
thousands of units. With JavaScript the unit picker (static/js/unit-picker.js) helps fill them in, by typing
or from a tree to browse; without it the field takes what is typed.

A unit field of a dated record declares the day that counts for it (`dated_by`, the day the server's
validity.require_existed checks): the picker then offers the units of that day first, named as they were."""

from dataclasses import dataclass
from datetime import date

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select
from wtforms import StringField
from wtforms.widgets import TextInput

from inspection.dates import DATE_FORMAT
from inspection.extensions import db
from inspection.forms_util import KeepsParseErrors
from inspection.timeutil import today_vn
from inspection.units.models import Unit
from inspection.units.queries import units_named


def _split_codes(text: str) -> list[str]:
    return [code.strip() for code in text.replace(";", ",").replace("\n", ",").split(",") if code.strip()]


@dataclass(frozen=True)
class DatedBy:
    """The day (or period) a unit field's record counts, for the picker (unit-picker.js sends it as ?on= or
    ?from=&to=, units/picker.py). `fields`: names of date fields of the same form, tried in order, the first
    filled one wins; "first:last" names a period's two ends, and a field holding a year (2017) counts as that
    whole year. `period`: a fixed (first, last) known when the page is built, used when no field is filled."""

    fields: tuple[str, ...] = ()
    period: tuple[date, date] | None = None

    def attributes(self) -> dict:
        attributes = {"data-unit-dates": " ".join(self.fields)} if self.fields else {}
        if self.period:
            attributes |= {"data-unit-from": self.period[0].strftime(DATE_FORMAT),
                           "data-unit-to": self.period[1].strftime(DATE_FORMAT)}
        return attributes


class UnitPickerInput(TextInput):
    """A text input the unit picker enhances: it finds the lookup address and its words on the input."""

    def __init__(self, multiple: bool):
        super().__init__()
        self.multiple = multiple

    def __call__(self, field, **kwargs):
        kwargs.setdefault("data-unit-lookup", url_for("units.lookup"))
        kwargs.setdefault("data-unit-multiple", "y" if self.multiple else "")
        kwargs.setdefault("data-found-text", _("{n} đơn vị phù hợp; dùng phím mũi tên để chọn."))
        kwargs.setdefault("data-none-text", _("Không tìm thấy đơn vị phù hợp."))
        kwargs.setdefault("data-picked-text", _("Đã chọn {name}."))
        kwargs.setdefault("data-list-label", _("Đơn vị gợi ý"))
        kwargs.setdefault("data-unit-tree", url_for("units.tree"))
        kwargs.setdefault("data-tree-button-text", _("Chọn từ cây đơn vị"))
        kwargs.setdefault("data-tree-label", _("Cây đơn vị"))
        kwargs.setdefault("data-loading-text", _("Đang tải…"))
        kwargs.setdefault("autocomplete", "off")
        if getattr(field, "dated_by", None) is not None:
            kwargs = field.dated_by.attributes() | kwargs
        return super().__call__(field, **kwargs)


class UnitCodesField(KeepsParseErrors, StringField):
    """Comma-separated unit codes (or current names typed in full) → list of Unit; what matches no unit is
    named in the error."""

    widget = UnitPickerInput(multiple=True)

    def __init__(self, label=None, validators=None, dated_by: DatedBy | None = None, **kwargs):
        super().__init__(label, validators, **kwargs)
        #: the day the record counts, for the picker (None: today); a view may set it when it knows the record
        self.dated_by = dated_by

    def process_formdata(self, valuelist):
        self.raw_text, self.data = (valuelist[0] if valuelist else ""), None
        self.data = _units_from(_split_codes(self.raw_text))

    def process_data(self, value):
        self.data = list(value or [])

    def _value(self):
        if getattr(self, "raw_text", None) is not None:
            return self.raw_text
        return ", ".join(unit.code for unit in self.data or [])


class UnitCodeField(UnitCodesField):
    """One unit code (or one current name typed in full) → Unit or None."""

    widget = UnitPickerInput(multiple=False)

    def process_formdata(self, valuelist):
        self.raw_text, self.data = (valuelist[0] if valuelist else ""), None
        # the whole text first: a unit's name may hold a comma ("Phòng Văn hóa, Thông tin")
        self.data = _whole(self.raw_text.strip()) or _units_from(_split_codes(self.raw_text))
        if len(self.data) > 1:
            self.data = None
            raise ValueError(_("Chỉ nhập một mã đơn vị."))
        self.data = self.data[0] if self.data else None

    def process_data(self, value):
        self.data = value

    def _value(self):
        if getattr(self, "raw_text", None) is not None:
            return self.raw_text
        return self.data.code if self.data else ""


def _units_from(entries: list[str]) -> list[Unit]:
    """Each entry as a code, else as the full current name of exactly one unit; ValueError naming the rest."""
    by_code = {unit.code: unit for unit in db.session.scalars(select(Unit).where(Unit.code.in_(entries)))} \
        if entries else {}
    units, missing, ambiguous = [], [], []
    for entry in entries:
        unit = by_code.get(entry) or _unique_name(entry, ambiguous)
        if unit is None and entry not in ambiguous:
            missing.append(entry)
        elif unit is not None:
            units.append(unit)
    if ambiguous:
        raise ValueError(_("Có nhiều đơn vị mang tên %(names)s: hãy nhập mã đơn vị.", names=", ".join(ambiguous)))
    if missing:
        raise ValueError(_("Không có đơn vị mang mã: %(codes)s", codes=", ".join(missing)))
    return units


def _unique_name(entry: str, ambiguous: list[str]) -> Unit | None:
    named = units_named(entry, today_vn())
    if len(named) > 1:
        ambiguous.append(entry)
    return named[0] if len(named) == 1 else None


def _whole(text: str) -> list[Unit]:
    """The unit the whole text names (by code or full current name), or [] when it names none or several."""
    if not text:
        return []
    try:
        return _units_from([text])
    except ValueError:
        return []
