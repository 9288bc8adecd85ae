"""A refused panel form comes back filled in, with its messages beside the fields.

The panel lives on the findings feature's recommendation page, so a refused POST redirects there (the
message is also flashed). What the user typed and the field errors travel in the session for that one
redirect; long texts are not kept, because the session is a cookie of about 4 KB."""

from flask import session
from werkzeug.datastructures import MultiDict

KEY = "responses_draft"
#: the most characters of typed text carried over (the cookie also holds the login and flashed messages)
MAX_TEXT = 1500
TEXT_TYPES = {"StringField", "TextAreaField", "VNDateField", "IntegerField", "SelectField", "RadioField",
              "UnitChoiceField"}


def keep(form, recommendation_id: int) -> None:
    """Remember a refused form's text and errors for the recommendation page the user is sent back to."""
    data = {field.name: field.raw_data[0] for field in form
            if field.type in TEXT_TYPES and field.raw_data and isinstance(field.raw_data[0], str)}
    if sum(len(value) for value in data.values()) > MAX_TEXT:
        data = {}
    errors = {field.name: [str(error) for error in field.errors] for field in form if field.errors}
    session[KEY] = {"recommendation": recommendation_id, "prefix": form._prefix, "data": data, "errors": errors}


def restore(form, recommendation_id: int):
    """Refill `form` from the kept draft when the draft is this form's on this recommendation; returns the form."""
    draft = session.get(KEY)
    if not draft or (draft.get("recommendation"), draft.get("prefix")) != (recommendation_id, form._prefix):
        return form
    discard()
    if draft["data"]:
        version = form.version.data if "version" in form else None
        form.process(formdata=MultiDict(draft["data"]))
        if version is not None:  # the record's version now: saving the refilled form again is a knowing choice
            form.version.data = version
    for field in form:
        field.errors = list(draft["errors"].get(field.name, []))
    return form


def discard() -> None:
    session.pop(KEY, None)
