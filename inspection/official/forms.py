"""Forms of the documents' pages: the list's filter, issuing, regenerating, and the issuers' settings."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from inspection.dates import VNDateField
from inspection.documents.issuer_profiles import IssuerProfile, SigningForm
from inspection.forms_util import PortalForm, VersionField
from inspection.labels import field_label
from inspection.units.fields import UnitCodeField


class VersionForm(PortalForm):
    version = VersionField()


class IssueForm(PortalForm):
    number = IntegerField(_l("Số văn bản"), validators=[InputRequired(), NumberRange(min=1, max=999999)],
                          description=_l("Số thứ tự trong năm của cơ quan ban hành, theo từng loại văn bản."))
    issued_on = VNDateField(_l("Ngày ban hành"), validators=[DataRequired()])
    version = VersionField()


class FilterForm(FlaskForm):
    class Meta:
        csrf = False

    kind = SelectField(_l("Loại văn bản"), choices=[], validators=[Optional()])
    unit = SelectField(_l("Đơn vị"), choices=[], validators=[Optional()])
    year = SelectField(_l("Năm"), choices=[], validators=[Optional()])


def _text(column, max_length: int, required: bool = False, description=None):
    validators = [DataRequired()] if required else [Optional()]
    return StringField(field_label(column), validators=[*validators, Length(max=max_length)], description=description)


class IssuerForm(PortalForm):
    unit = UnitCodeField(_l("Mã đơn vị"), validators=[DataRequired()], description=_l(
        "Đơn vị ban hành văn bản (gõ mã hoặc tên để chọn); không đổi được sau khi khai báo"))
    parent_body = _text(IssuerProfile.parent_body, 255, description=_l("Ví dụ: UBND TỈNH AN GIANG"))
    body = _text(IssuerProfile.body, 255, required=True, description=_l("Ví dụ: HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG"))
    symbol = _text(IssuerProfile.symbol, 40, required=True,
                   description=_l("Ký hiệu trong số văn bản, ví dụ HĐTĐKT trong 05/TB-HĐTĐKT"))
    place = _text(IssuerProfile.place, 120, required=True,
                  description=_l("Địa danh ở dòng “…, ngày … tháng … năm …”, không có chữ “tỉnh”: An Giang"))
    signing_form = SelectField(field_label(IssuerProfile.signing_form), coerce=SigningForm,
                               choices=[(form.value, form.label) for form in SigningForm])
    collective = _text(IssuerProfile.collective, 255, description=_l("Sau “TM.”, ví dụ: HỘI ĐỒNG"))
    head_title = _text(IssuerProfile.head_title, 255, description=_l("Sau “KT.” hoặc “Q.”, ví dụ: CHỦ TỊCH"))
    signer_title = _text(IssuerProfile.signer_title, 255, description=_l("Chức danh của người ký thay, ví dụ: "
                                                                          "PHÓ CHỦ TỊCH"))
    signer_name = _text(IssuerProfile.signer_name, 255)
    recipients = TextAreaField(field_label(IssuerProfile.recipients), validators=[Optional(), Length(max=5000)],
                               description=_l("Nơi nhận thêm vào mọi văn bản, mỗi nơi một dòng."),
                               render_kw={"rows": 4})
    archive = _text(IssuerProfile.archive, 120, required=True, description=_l("Dòng “- Lưu: VT, TĐKT.”: VT, TĐKT"))
    version = VersionField()
