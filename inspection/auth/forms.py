from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, PasswordField, RadioField, StringField
from wtforms.validators import DataRequired, EqualTo, InputRequired, Length

from inspection.auth.models import MailPreference, User
from inspection.forms_util import PortalForm, VersionField
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


def mail_preference_choices():
    return [(preference.value, preference.label) for preference in MailPreference]


class MailPreferenceForm(PortalForm):
    mail_preference = RadioField(field_label(User.mail_preference), choices=mail_preference_choices,
                                 coerce=MailPreference, validators=[InputRequired()],
                                 description=_l("Mọi thông báo vẫn hiện trên Cổng; lựa chọn này chỉ quyết định "
                                                "thư điện tử. Thư tóm tắt được gửi một lần mỗi ngày."))
    version = VersionField()
