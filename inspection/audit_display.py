"""How audit before/after values are shown: field names and values in words, not column names.

The words come from the models' own declarations (inspection/labels.py): the entry's target table and action
say which models describe it, the column says its label and, for an enum column, which enum its values are
("draft" on a dossier is Nháp, on a mission Dự thảo; a user called "admin" stays "admin")."""

from flask_babel import lazy_gettext as _l

from inspection import labels


def field_label(key: str, target_type: str = "", action: str = "") -> str:
    declared = labels.declaration(labels.describing_models(target_type, action), key)
    label = labels.label_of(declared)
    return str(label) if label is not None else key


def field_value(value, key: str = "", target_type: str = "", action: str = "") -> str:
    """Values of enum columns by their labels, ISO dates as people read them."""
    if value is None or value == []:
        return "—"
    if isinstance(value, bool):
        return str(_l("Có") if value else _l("Không"))
    if isinstance(value, list):
        return ", ".join(field_value(item, key, target_type, action) for item in value)
    enum_class = labels.enum_of(labels.declaration(labels.describing_models(target_type, action), key))
    if enum_class is not None and isinstance(value, str) and value in {member.value for member in enum_class}:
        return enum_class(value).label
    return _as_vn_date(str(value))


def _as_vn_date(text: str) -> str:
    if len(text) == 10 and text[4] == "-" and text[7] == "-" and text.replace("-", "").isdigit():
        return f"{text[8:10]}/{text[5:7]}/{text[0:4]}"
    return text


def action_label(action: str) -> str:
    """What was done, in words ("recommendation.verify" → Xác minh kiến nghị); the key itself if unnamed."""
    label = labels.action_labels().get(action)
    return str(label) if label is not None else action


def record_type_label(target_type: str) -> str:
    """What people call the records of a table (the model's `__audit_name__`); the table name if undeclared."""
    model = labels.model_of(target_type)
    name = getattr(model, "__audit_name__", None) if model is not None else None
    return str(name) if name is not None else target_type
