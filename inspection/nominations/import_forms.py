"""The dossier import's upload form (the confirm form is the imports package's ConfirmForm: a token)."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField, FileRequired

from inspection.forms_util import PortalForm
from inspection.imports.forms import within_import_limit


class DossierUploadForm(PortalForm):
    file = FileField(
        _l("Tệp Excel .xlsx (hoặc .csv UTF-8)"),
        validators=[FileRequired(_l("Chọn tệp cần nhập.")),
                    FileAllowed(["xlsx", "csv"], _l("Chỉ nhận tệp Excel .xlsx hoặc .csv (UTF-8).")),
                    within_import_limit],
        description=_l("Chưa ghi gì cho đến khi bạn xem trước và xác nhận."))
