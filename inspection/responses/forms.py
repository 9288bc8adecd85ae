"""Forms of the response panel. Each carries a prefix so that several can sit on the recommendation page
(and beside the findings feature's own forms) without clashing ids; per-item forms put the item id in it."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    FileField,
    IntegerField,
    MultipleFileField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from inspection.dates import VNDateField
from inspection.findings.models import FollowUpAction
from inspection.forms_util import OnceForm, PortalForm, VersionField
from inspection.labels import field_label


class UnitChoiceField(SelectField):
    """The unit a unit officer speaks for; offered only when they answer for more than one share.
    The service checks the choice, so the field accepts any number and leaves the rest to it."""

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators or [Optional()], coerce=_optional_int, validate_choice=False, **kwargs)


def _optional_int(value):
    return int(value) if value not in (None, "", "None") else None


class MessageForm(OnceForm, PortalForm):
    unit_id = UnitChoiceField(_l("Thay mặt đơn vị"))
    body = TextAreaField(_l("Nội dung trao đổi"), validators=[DataRequired(), Length(max=10000)],
                         render_kw={"rows": 4})
    files = MultipleFileField(_l("Tệp minh chứng (PDF, Word, Excel, ảnh; có thể chọn nhiều tệp)"),
                              validators=[Optional()])


class EvidenceVersionForm(OnceForm, PortalForm):
    file = FileField(_l("Tệp phiên bản mới"), validators=[Optional()])
    note = TextAreaField(_l("Ghi chú gửi kèm (không bắt buộc)"), validators=[Optional(), Length(max=5000)],
                         render_kw={"rows": 2})


class ProgressForm(PortalForm):
    status = SelectField(_l("Trạng thái mới"), coerce=str, validators=[DataRequired()])
    note = TextAreaField(_l("Ghi chú tiến độ (gửi vào phần trao đổi)"), validators=[Optional(), Length(max=5000)],
                         render_kw={"rows": 2})


class ActionForm(PortalForm):
    what = TextAreaField(_l("Biện pháp khắc phục"), validators=[DataRequired(), Length(max=5000)],
                         render_kw={"rows": 2})
    who = StringField(_l("Người / bộ phận thực hiện"), validators=[Optional(), Length(max=255)])
    due = VNDateField(_l("Thời hạn"), validators=[Optional()])
    progress = IntegerField(field_label(FollowUpAction.progress), default=0,
                            validators=[InputRequired(), NumberRange(min=0, max=100, message=_l("phải từ 0 đến 100."))],
                            render_kw={"inputmode": "numeric"})
    note = TextAreaField(field_label(FollowUpAction.note), validators=[Optional(), Length(max=5000)],
                         render_kw={"rows": 2})
    #: the action's version when the form was drawn (edits): a save made since is a conflict
    version = VersionField()


class NewActionForm(OnceForm, ActionForm):
    responsibility_id = UnitChoiceField(_l("Đơn vị thực hiện"))


class ExtensionRequestForm(OnceForm, PortalForm):
    unit_id = UnitChoiceField(_l("Đơn vị đề nghị"))
    requested_due = VNDateField(_l("Ngày đề nghị gia hạn"), validators=[DataRequired()])
    reason = TextAreaField(_l("Lý do đề nghị gia hạn"), validators=[DataRequired(), Length(max=5000)],
                           render_kw={"rows": 3})


DECISIONS = [SelectChoice("approve", _l("Chấp thuận")), SelectChoice("refuse", _l("Không chấp thuận"))]


class DecisionForm(PortalForm):
    decision = RadioField(_l("Quyết định"), choices=DECISIONS, validators=[InputRequired()])
    granted_due = VNDateField(_l("Hạn được chấp thuận"), validators=[Optional()],
                              description=_l("Để trống để chấp thuận đúng ngày đơn vị đề nghị."))
    note = TextAreaField(_l("Ý kiến, lý do"), validators=[Optional(), Length(max=5000)], render_kw={"rows": 2})


class ReturnForm(PortalForm):
    note = TextAreaField(_l("Lý do trả lại, điều đơn vị cần bổ sung"), validators=[Optional(), Length(max=5000)],
                         render_kw={"rows": 2})
