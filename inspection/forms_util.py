"""Glue between service rule violations and WTForms forms, and what every submitted value goes through."""

from flask import Request, flash
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from wtforms import HiddenField, IntegerField, SelectFieldBase
from wtforms.utils import unset_value
from wtforms.validators import StopValidation, ValidationError

from inspection import submissions
from inspection.params import MAX_ID
from inspection.plaintext import strip_controls_if_text
from inspection.rules import EditConflict, RuleViolation

#: what a request that lost a race to another one raised at flush or commit
LOST_RACE = (StaleDataError, IntegrityError)


def commit_or_refuse(change, *, form=None, shown_at=None):
    """The one way a change ends at the edge: run the service call `change`, commit once, return its
    result. A refusal rolls everything back and raises a RuleViolation: the service's own, or, for a race
    lost to a parallel request (the row's version moved under us, or a unique constraint caught a
    duplicate), the normal conflict message, never a 500.
    For a create form (`form` with a submission token, `shown_at(result)` the created record's URL), a
    second submission of the same page saves nothing and is redirected to the record the first one made."""
    from inspection.extensions import db

    token = submission_token(form) if shown_at else None
    try:
        if token:
            _claim_once(token)
        result = change()
        if token:
            submissions.record_target(token, shown_at(result))
        db.session.commit()
    except LOST_RACE as race:
        db.session.rollback()
        raise lost_race(race) from race
    except RuleViolation:
        db.session.rollback()
        raise
    return result


def submission_token(form) -> str | None:
    """The page's token (OnceForm); None for a form without one (an older page, a test posting by hand)."""
    field = getattr(form, "submission", None)
    return ((field.data or "").strip()[:64] or None) if field is not None else None


def _claim_once(token: str) -> None:
    """Claim the page's token; when an earlier POST of the same page already saved, go to its record."""
    from flask import abort, redirect
    from flask_babel import gettext as _
    from flask_login import current_user

    earlier = submissions.claim(token, getattr(current_user, "id", None))
    if earlier is not None:
        flash(_("Biểu mẫu này đã được gửi và lưu trước đó (có thể do bấm gửi hai lần); không lưu thêm bản nào."),
              "info")
        abort(redirect(earlier.target or "/", 303))


class VersionField(HiddenField):
    """The version of the record the form was drawn from (see rules.require_version). On a submitted form
    only what was sent counts: a missing version is never filled in from the record (obj=) or a default,
    so it cannot slip past the stale-form check."""

    def process(self, formdata, data=unset_value, extra_filters=None):
        super().process(formdata, data, extra_filters)
        if formdata is not None and self.name not in formdata:
            self.data = None


class OnceForm:
    """Mixin for create forms: the token that makes a double submission save once (see submissions.py)."""

    submission = HiddenField(default=submissions.new_token)


def lost_race(race: Exception) -> RuleViolation:
    """The message for a change another request made first."""
    from flask_babel import gettext as _

    if isinstance(race, StaleDataError):
        return EditConflict()
    return RuleViolation(_("Bản ghi này vừa được lưu bởi một yêu cầu khác (có thể do bấm gửi hai lần hoặc người "
                           "khác lưu cùng lúc), nên yêu cầu này không lưu gì thêm. Hãy tải lại trang để xem."))


def save(form, change, shown_at=None) -> tuple[bool, object]:
    """commit_or_refuse for a form: (True, result) on success; on a refusal the message goes beside its
    field (kept on `form.violation` for pages that show more) and (False, None) comes back."""
    form.violation = None
    try:
        return True, commit_or_refuse(change, form=form, shown_at=shown_at)
    except RuleViolation as violation:
        apply_rule_violation(form, violation)
        form.violation = violation
        return False, None


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


class ButtonForm(PortalForm):
    """A button that acts on a record (issue, sign, remove, withdraw, add a missing award form): the form posts
    only its CSRF token. The one such form of the portal."""


class KeepsParseErrors:
    """Mixin for fields that parse their input: when parsing failed, stop there, because
    DataRequired would otherwise wipe the precise message and say "required" for typed text."""

    def pre_validate(self, form):
        if self.process_errors:
            raise StopValidation()


def stale(form, record, aliases=None) -> EditConflict | None:
    """The edit conflict a refused save met (None for any other outcome), labelled as the form labels its
    fields. The form then carries the record's current version, so that saving again overwrites knowingly."""
    conflict = getattr(form, "violation", None)
    if not isinstance(conflict, EditConflict):
        return None
    form.version.data = record.version
    return conflict.label_from(form, aliases)


def overwrite_knowingly(form, conflict: EditConflict) -> EditConflict:
    """After a conflict met outside `save` (the form keeps what the user typed): the form takes the version
    now stored, so that a second save, made knowingly, goes through; the conflict names the form's fields."""
    form.version.data = conflict.current_version
    return conflict.label_from(form)


def refused(form, violation: RuleViolation, template: str, record=None, **context):
    """The page to send back when a service refused a form: the message beside its field and, for a
    stale form (409), the table of what changed; the form then carries the record's current version so
    that saving again overwrites knowingly."""
    from flask import render_template

    apply_rule_violation(form, violation)
    if record is not None and hasattr(form, "version"):
        form.version.data = record.version
    status = 409 if isinstance(violation, EditConflict) else 200
    return render_template(template, form=form, conflict=violation, **context), status
