"""WTForms field for a document reference ("số, ký hiệu")."""

from __future__ import annotations

from typing import Any

from wtforms import StringField
from wtforms.validators import StopValidation

from inspection.documents import purposes
from inspection.documents.refs import DocRef, DocRefError, format_ref, parse_ref

DEFAULT_LABEL = "Số, ký hiệu"


class DocRefField(StringField):
    """Text input whose `data` is a `DocRef`, or None when left empty.

    A reference that cannot be read becomes a validation error carrying the
    `DocRefError` message, never an exception; whether empty input is allowed
    is left to `Optional` / `DataRequired`. `purpose` (documents/purposes.py) is the kind of document the
    field takes: a reference of another type is refused with a message naming the type expected.
    """

    def __init__(self, label: str | None = None, validators: Any = None, *,
                 purpose: purposes.Purpose | None = None, **kwargs: Any):
        super().__init__(label if label is not None else DEFAULT_LABEL, validators, **kwargs)
        self.purpose = purpose

    def process_data(self, value: Any) -> None:
        # Objects may still hold the text form (e.g. a plain String column).
        self.data = None
        if isinstance(value, str):
            self._parse_into_data(value)
        elif value is not None:
            self.data = value

    def process_formdata(self, valuelist: list[str]) -> None:
        if valuelist:
            # Submitted text supersedes whatever the object held, errors included.
            self.data = None
            self.process_errors = []
            self._parse_into_data(valuelist[0])

    def _parse_into_data(self, text: str) -> None:
        if not text.strip():
            return
        try:
            ref = parse_ref(text)
            purposes.check(ref, self.purpose)
            self.data = ref
        except DocRefError as exc:
            self.process_errors.append(str(exc))

    def pre_validate(self, form: Any) -> None:
        # The parse error is already listed; stop so DataRequired does not add
        # a second, misleading "required" message for text that was typed.
        if self.process_errors:
            raise StopValidation()

    def _value(self) -> str:
        if self.process_errors and self.raw_data:
            return self.raw_data[0]  # give back what was typed so it can be fixed
        if isinstance(self.data, DocRef):
            return format_ref(self.data)
        return self.data or ""
