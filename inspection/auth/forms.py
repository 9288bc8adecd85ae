from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from inspection.auth.models import User
from inspection.forms_util import PortalForm
from inspection.labels import field_label


class LoginForm(PortalForm):
    username = StringField(field_label(User.username), validators=[DataRequired(), Length(max=64)],
                           render_kw={"autocomplete": "username", "autofocus": True})
    password = PasswordField(_l("Mật khẩu"), validators=[DataRequired()],
                             render_kw={"autocomplete": "current-password"})
    remember = BooleanField(_l("Ghi nhớ đăng nhập"))
    next = HiddenField()


class PasswordChangeForm(PortalForm):
    current_password = PasswordField(_l("Mật khẩu hiện tại"), validators=[DataRequired()],
                                     render_kw={"autocomplete": "current-password"})
    new_password = PasswordField(_l("Mật khẩu mới"), validators=[DataRequired(), Length(max=128)],
                                 render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(_l("Nhập lại mật khẩu mới"),
                            validators=[DataRequired(), EqualTo("new_password", _l("Hai mật khẩu không khớp."))],
                            render_kw={"autocomplete": "new-password"})


class LanguageForm(PortalForm):
    locale = HiddenField(validators=[DataRequired()])
    next = HiddenField()
