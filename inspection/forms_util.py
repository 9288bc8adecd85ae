"""Glue between service rule violations and WTForms forms, and what every submitted value goes through."""

from flask import Request, flash
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from wtforms import IntegerField, SelectFieldBase
from wtforms.validators import StopValidation, ValidationError

from inspection.params import MAX_ID
from inspection.plaintext import strip_controls_if_text
from inspection.rules import RuleViolation


class _CleanParameters(ImmutableMultiDict):
    """Query-string and form values (and names) with the control characters removed, as parsed."""

    def __init__(self, mapping=None):
        if isinstance(mapping, MultiDict):
            pairs = mapping.items(multi=True)
        else:
            pairs = mapping.items() if isinstance(mapping, dict) else (mapping or ())
        super().__init__([(strip_controls_if_text(key), strip_controls_if_text(value)) for key, value in pairs])


class PortalRequest(Request):
    """Every request's args and form are read through _CleanParameters: one place for every text input, forms,
    filters and hand-read parameters alike (uploaded files are left as they are). The database gate in
    `extensions.py` cleans what reaches SQL by other ways (imports, CLI), with the same `strip_controls`."""

    parameter_storage_class = _CleanParameters


def apply_rule_violation(form, violation: RuleViolation) -> None:
    """Show the message beside the field at fault, or as a page message when there is none.
    The session is rolled back first: nothing a refused service call changed may be saved or shown."""
    from inspection.extensions import db

    db.session.rollback()
    field = getattr(form, violation.field, None) if violation.field else None
    if field is not None:
        field.errors = list(field.errors) + [violation.message]
    else:
        flash(violation.message, "danger")


class _BabelMessages:
    """WTForms' built-in messages ("This field is required.") through the portal's own catalogues,
    which translate them into Vietnamese (WTForms ships no Vietnamese catalogue). The raw
    translation objects are used because WTForms fills in %(max)d itself, after translating."""

    def gettext(self, string):
        from flask_babel import get_translations

        return get_translations().ugettext(string)

    def ngettext(self, singular, plural, n):
        from flask_babel import get_translations

        return get_translations().ungettext(singular, plural, n)


def storable_count(form, field) -> None:
    """Every number the portal keeps (years, versions, days, percentages) is ≥ 0, and none may pass what its
    column holds (MAX_ID): past it the query itself failed with a 500."""
    if isinstance(field.data, int) and field.data < 0:
        raise ValidationError(_("%(field)s không được là số âm.", field=field.label.text))
    if isinstance(field.data, int) and field.data > MAX_ID:
        raise ValidationError(_("%(field)s: số quá lớn.", field=field.label.text))


def _without_blanks(data):
    if isinstance(data, str):
        return data if data.strip() else ""
    if isinstance(data, list):
        return [value for value in data if not isinstance(value, str) or value.strip()]
    return data


class PortalForm(FlaskForm):
    class Meta:
        def get_translations(self, form):
            return _BabelMessages()

    def process(self, *args, **kwargs):
        """A choice of only spaces or control characters ("\x0b") is no choice: blank it. WTForms' Optional()
        treats such a value as empty and clears the "not a valid choice" error, so it used to reach the
        query as a value (an enum lookup, int()) and give a 500."""
        super().process(*args, **kwargs)
        for field in self._fields.values():
            if isinstance(field, SelectFieldBase):
                field.data = _without_blanks(field.data)

    def validate(self, extra_validators=None):
        """Every integer field of every form is checked by `storable_count` (one rule, not one per field)."""
        extra = {name: list(validators) for name, validators in (extra_validators or {}).items()}
        for name, field in self._fields.items():
            if isinstance(field, IntegerField):
                extra.setdefault(name, []).append(storable_count)
        return super().validate(extra_validators=extra)


class KeepsParseErrors:
    """Mixin for fields that parse their input: when parsing failed, stop there, because
    DataRequired would otherwise wipe the precise message and say "required" for typed text."""

    def pre_validate(self, form):
        if self.process_errors:
            raise StopValidation()


def refused(form, violation: RuleViolation, template: str, record=None, **context):
    """The page to send back when a service refused a form: the message beside its field and, for a
    stale form (409), the table of what changed; the form then carries the record's current version so
    that saving again overwrites knowingly."""
    from flask import render_template

    from inspection.rules import EditConflict

    apply_rule_violation(form, violation)
    if record is not None and hasattr(form, "version"):
        form.version.data = record.version
    status = 409 if isinstance(violation, EditConflict) else 200
    return render_template(template, form=form, conflict=violation, **context), status
