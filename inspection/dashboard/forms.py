"""The dashboard's filters: period, cluster or block, unit subtree. Their names are the register's, so the
dashboard's own query string is also a register filter."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms.validators import NumberRange, Optional, ValidationError

from inspection.dates import VNDateField
from inspection.findings.forms import LongSelectField, group_choices
from inspection.forms_util import PortalForm
from inspection.groups.forms import YearField
from inspection.units.fields import UnitCodeField


class DashboardFilterForm(PortalForm):
    class Meta:
        csrf = False

    issued_from = VNDateField(_l("Ban hành từ ngày"), validators=[Optional()])
    issued_to = VNDateField(_l("Ban hành đến ngày"), validators=[Optional()])
    group = LongSelectField(_l("Cụm, khối thi đua"), choices=group_choices, validators=[Optional()])
    subtree = UnitCodeField(_l("Đơn vị (mã), gồm đơn vị trực thuộc"), validators=[Optional()])
    #: which year's clusters and blocks the breakdown lists (not a filter of the figures)
    group_year = YearField(_l("Năm của cụm, khối"), validators=[Optional(), NumberRange(min=1945, max=2100)])

    def validate_issued_to(self, field):
        if field.data and self.issued_from.data and field.data < self.issued_from.data:
            raise ValidationError(_("Ngày kết thúc phải sau ngày bắt đầu."))

    def filters(self) -> dict:
        """The valid filters only: a bad value is reported beside its field and otherwise ignored."""
        return {name: field.data for name, field in self._fields.items()
                if not field.errors and field.data not in (None, "")}
