"""Forms of the saved filters panel. The name's rules (required, trimmed, at most NAME_MAX characters, unique
per user and list) live in the service, which reports them beside the field."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, StringField

from inspection.forms_util import PortalForm
from inspection.saved_filters.services import NAME_MAX

NAME_INPUT = {"maxlength": NAME_MAX, "autocomplete": "off"}


class SaveFilterForm(PortalForm):
    name = StringField(_l("Tên bộ lọc"), render_kw=NAME_INPUT)
    #: the list's query string when the form was shown; the service keeps only the list's parameters
    query = HiddenField()
    overwrite = BooleanField(_l("Ghi đè bộ lọc cùng tên"))


class RenameFilterForm(PortalForm):
    name = StringField(_l("Tên mới"), render_kw=NAME_INPUT)


class DeleteFilterForm(PortalForm):
    """CSRF only, and the page to return to."""

    query = HiddenField()
