from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from inspection.dates import VNDateField
from inspection.documents import purposes
from inspection.documents.fields import DocRefField
from inspection.forms_util import PortalForm, VersionField
from inspection.labels import field_label
from inspection.units.fields import DatedBy, UnitCodeField, UnitCodesField
from inspection.units.models import EventKind, Unit, UnitEvent, UnitKind


def kind_choices():
    return [(kind.value, kind.label) for kind in UnitKind]


def event_choices():
    return [(kind.value, kind.label) for kind in EventKind if kind != EventKind.ESTABLISH]


class UnitForm(PortalForm):
    code = StringField(_l("Mã đơn vị"), validators=[DataRequired(), Length(max=40)])
    kind = SelectField(_l("Loại đơn vị"), choices=kind_choices, coerce=UnitKind)
    parent_code = UnitCodeField(_l("Mã đơn vị cấp trên"), validators=[Optional()])
    valid_from = VNDateField(_l("Hoạt động từ ngày"), validators=[Optional()])
    valid_to = VNDateField(_l("Hoạt động đến ngày (ngày cuối cùng)"), validators=[Optional()])
    note = TextAreaField(field_label(Unit.note), validators=[Optional(), Length(max=2000)])
    version = VersionField()


class NewUnitForm(UnitForm):
    name = StringField(_l("Tên đơn vị"), validators=[DataRequired(), Length(max=255)])
    legal_basis = DocRefField(_l("Căn cứ thành lập (số, ký hiệu văn bản)"), validators=[Optional()],
                              purpose=purposes.LEGAL_BASIS)
    predecessor_codes = UnitCodesField(_l("Đơn vị tiền thân (mã)"), validators=[Optional()])


class UnitEventForm(PortalForm):
    kind = SelectField(_l("Sự kiện"), choices=event_choices, coerce=EventKind)
    effective_date = VNDateField(_l("Ngày có hiệu lực"), validators=[DataRequired()])
    legal_basis = DocRefField(_l("Căn cứ pháp lý (số, ký hiệu văn bản)"), validators=[DataRequired()],
                              purpose=purposes.LEGAL_BASIS)
    legal_basis_date = VNDateField(_l("Ngày ban hành văn bản"), validators=[Optional()])
    new_name = StringField(_l("Tên mới (khi đổi tên)"), validators=[Optional(), Length(max=255)])
    related_codes = UnitCodesField(
        _l("Đơn vị liên quan (mã)"), validators=[Optional()],
        description=_l("Sáp nhập: mã đơn vị kế thừa. Chia, tách: mã các đơn vị mới. "
                       "Giải thể: mã các đơn vị tiếp nhận chức năng (nếu có)."))
    note = TextAreaField(field_label(UnitEvent.note), validators=[Optional(), Length(max=2000)])


class MoveUnitForm(PortalForm):
    """A unit placed under another parent (or of another kind) from a date: the earlier placement is kept."""
    parent_code = UnitCodeField(_l("Đơn vị cấp trên mới (mã)"), validators=[Optional()],
                                description=_l("Để trống nếu từ ngày này đơn vị không trực thuộc đơn vị nào."),
                                dated_by=DatedBy(("effective_date",)))
    kind = SelectField(_l("Loại đơn vị từ ngày này"), choices=kind_choices, coerce=UnitKind)
    effective_date = VNDateField(_l("Từ ngày"), validators=[DataRequired()])
    note = TextAreaField(_l("Căn cứ, ghi chú"), validators=[Optional(), Length(max=2000)])
    version = VersionField()
