"""The exceptions services raise when a request breaks a business rule, and the one stale-form check."""

from collections.abc import Mapping


class RuleViolation(ValueError):
    """A refused change. `message` is shown to the user as is (Vietnamese, translated);
    `field` names the form field at fault, when there is one."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class EditConflict(RuleViolation):
    """Someone saved the record after this form was opened (or two saves raced): nothing was saved.
    `changes` lists (label, value stored now, value submitted) for each field that differs, as shown;
    `current_version` is the version a second, knowing save must name."""

    def __init__(self, differences=(), current_version: int | None = None):
        from flask_babel import gettext as _

        super().__init__(_("Bản ghi đã được người khác sửa sau khi bạn mở biểu mẫu, nên chưa có gì được lưu. "
                           "Hãy xem các giá trị hiện tại dưới đây, sửa lại nếu cần rồi lưu lần nữa."))
        #: (field name, label or None, current, submitted)
        self.differences = list(differences)
        self.current_version = current_version

    @property
    def changes(self) -> list[tuple[str, str, str]]:
        return [(label or name, current, submitted) for name, label, current, submitted in self.differences]

    @property
    def fields(self) -> list[str]:
        return [name for name, *_rest in self.differences]

    def label_from(self, form, aliases: Mapping[str, str] | None = None) -> "EditConflict":
        """Name unlabelled fields as the form does (`aliases` maps a record's name to the form's)."""
        def label(name, given):
            field = (aliases or {}).get(name, name)
            return given or (form[field].label.text if field in form else name)
        self.differences = [(name, label(name, given), current, submitted)
                            for name, given, current, submitted in self.differences]
        return self


def require_version(record, submitted_version, submitted: Mapping[str, object], *,
                    current: Mapping[str, object] | None = None, labels: Mapping[str, str] | None = None) -> None:
    """The one stale-form check: refuse a save unless the form names the record's version. A form
    without a version (missing or garbled) is stale, never trusted. `submitted` maps field → value sent;
    `current` the stored values (default: the record's attributes); `labels` field → label."""
    if parsed_version(submitted_version) == record.version:
        return
    stored = current if current is not None else {name: getattr(record, name) for name in submitted}
    raise EditConflict([(name, str(labels[name]) if labels and name in labels else None, shown(stored[name]),
                         shown(value)) for name, value in submitted.items() if not same(stored[name], value)],
                       record.version)


def parsed_version(value) -> int | None:
    """A version as sent by a hidden field: None when missing or not a whole number."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def same(left, right) -> bool:
    """Equality as a reader sees it: lists compare as sets, blank text as nothing."""
    if isinstance(left, list | tuple) or isinstance(right, list | tuple):
        return {_key(item) for item in left or []} == {_key(item) for item in right or []}
    if left in ("", None) and right in ("", None):
        return True
    return left == right


def _key(item):
    return getattr(item, "id", item)


def shown(value) -> str:
    """A value as the page shows it: dates dd/mm/yyyy, choices by their label, records by their code."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list | tuple):
        return ", ".join(shown(item) for item in value)
    if isinstance(value, bool):
        from flask_babel import gettext as _

        return _("Có") if value else _("Không")
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    if hasattr(value, "held_on"):
        return shown(value.held_on)
    if hasattr(value, "label"):
        return str(value.label)
    if hasattr(value, "code"):  # a unit, an award form: by name and code
        name = getattr(value, "name", None) or getattr(value, "name_vi", None)
        return f"{name} ({value.code})" if name else str(value.code)
    return str(value)
