from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional

from inspection.auth.models import Role, User
from inspection.forms_util import PortalForm, VersionField
from inspection.labels import field_label
from inspection.units.fields import UnitCodesField


def role_choices():
    return [(role.value, role.label) for role in Role]


class UserForm(PortalForm):
    username = StringField(field_label(User.username), validators=[DataRequired(), Length(max=64)])
    full_name = StringField(field_label(User.full_name), validators=[DataRequired(), Length(max=200)])
    email = EmailField(field_label(User.email), validators=[Optional(), Email(), Length(max=200)])
    #: a new account starts with the least power; an admin raises it knowingly
    role = SelectField(field_label(User.role), choices=role_choices, coerce=Role, default=Role.UNIT_OFFICER)
    unit_codes = UnitCodesField(_l("Đơn vị (mã, cách nhau bằng dấu phẩy)"),
                                description=_l("Bắt buộc với cán bộ đầu mối đơn vị."))
    password = PasswordField(_l("Mật khẩu"), validators=[Optional(), Length(max=128)],
                             description=_l("Ít nhất 12 ký tự, không trùng tên đăng nhập, không phải mật khẩu "
                                            "phổ biến. Để trống khi sửa nếu không đổi."),
                             render_kw={"autocomplete": "new-password"})
    active = BooleanField(_l("Đang hoạt động"), default=True)
    version = VersionField()
