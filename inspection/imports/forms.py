from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import HiddenField, SelectField
from wtforms.validators import DataRequired, Regexp, ValidationError

from inspection.forms_util import PortalForm


def within_import_limit(form, field) -> None:
    """The size limit comes from the configuration (IMPORT_MAX_BYTES), read when the form is checked."""
    limit = current_app.config["IMPORT_MAX_BYTES"]
    upload = field.data
    if not upload or not hasattr(upload, "stream"):
        return
    upload.stream.seek(0, 2)
    size = upload.stream.tell()
    upload.stream.seek(0)
    if size > limit:
        raise ValidationError(_("Tệp lớn hơn giới hạn %(limit)s MB.", limit=f"{limit / 1048576:g}"))


class UploadForm(PortalForm):
    """One form for every kind; the kind is chosen only on a page that offers several (choices set by the page)."""

    kind = SelectField(_l("Loại dữ liệu"))
    file = FileField(
        _l("Tệp Excel .xlsx (hoặc .csv UTF-8)"),
        validators=[FileRequired(_l("Chọn tệp cần nhập.")),
                    FileAllowed(["xlsx", "csv"], _l("Chỉ nhận tệp Excel .xlsx hoặc .csv (UTF-8).")),
                    within_import_limit],
        description=_l("Chưa ghi gì cho đến khi bạn xem trước và xác nhận."))


class ConfirmForm(PortalForm):
    token = HiddenField(validators=[DataRequired(), Regexp(r"^[0-9a-f]{32}$")])
