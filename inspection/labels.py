"""Field labels, declared once next to the model and read everywhere: forms, exports, the audit display.

A column or relationship says what people call it: `mapped_column(..., info={"label": _l("Hạn")})`
(SQLAlchemy's own slot for application data, kept on the Column and readable through the mapper, so the core
reads it without importing the feature). A value of an enum column is named by its `LabelledEnum` member.

Two class attributes cover what columns alone do not say about audit entries:
- `__audit_labels__`: keys an entry carries that are not columns of the model ("successors", "files"), as a
  label or as another attribute of the model ({"working_session": session}) or of a model below it;
- `__audit_actions__`: prefixes of actions recorded on another record that carry this model's fields
  ("extension." on a recommendation is a due-date change: its "status" is an extension status).
A third names the actions themselves: `__audit_action_labels__` maps each action key the code records
("recommendation.verify") to its words, on the model the action is about (tests/admin/test_audit_actions.py
checks that every key recorded anywhere in inspection/ is named).
"""

from sqlalchemy import inspect
from sqlalchemy.orm import MappedColumn, QueryableAttribute, RelationshipProperty
from sqlalchemy.sql.sqltypes import Enum as SAEnum

from inspection.enums import LabelledEnum
from inspection.extensions import db


def field_label(attribute):
    """The label declared on a model attribute (`field_label(Finding.title)`), not yet translated: usable
    in form classes and other module-level declarations. A missing declaration fails loudly."""
    return _column_or_property(attribute).info["label"]


def model_of(table: str) -> type | None:
    """The model class mapped to `table` (an audit entry's target_type), found in SQLAlchemy's registry."""
    return next((mapper.class_ for mapper in db.Model.registry.mappers
                 if getattr(mapper.local_table, "name", None) == table), None)


def action_labels() -> dict[str, object]:
    """Every audit action key the models name, with its (lazy) label."""
    return {action: label for mapper in db.Model.registry.mappers
            for action, label in mapper.class_.__dict__.get("__audit_action_labels__", {}).items()}


def describing_models(table: str, action: str = "") -> list[type]:
    """The models whose declarations name the keys of an entry: those claiming its action (the longest
    claim first), then the target's own model."""
    claims = [(len(prefix), mapper.class_) for mapper in db.Model.registry.mappers
              for prefix in mapper.class_.__dict__.get("__audit_actions__", ()) if action.startswith(prefix)]
    models = [model for _length, model in sorted(claims, key=lambda claim: -claim[0])]
    target = model_of(table)
    return models + ([target] if target is not None and target not in models else [])


def declaration(models: list[type], key: str):
    """What the first model that knows `key` declares for it: a Column, a relationship, a label text, or
    None when no model knows the key."""
    for model in models:
        declared = model.__dict__.get("__audit_labels__", {}).get(key)
        if declared is not None:
            return _column_or_property(declared)
        prop = inspect(model).attrs.get(key)
        if prop is not None:
            return _column_or_property(prop)
    return None


def label_of(declared) -> object | None:
    """The (lazy) label of a declaration; None when it declares none."""
    if declared is None or not hasattr(declared, "info"):
        return declared
    return declared.info.get("label")


def enum_of(declared) -> type[LabelledEnum] | None:
    """The labelled enum an enum column holds (read from its type), or None."""
    column_type = getattr(declared, "type", None)
    enum_class = column_type.enum_class if isinstance(column_type, SAEnum) else None
    return enum_class if isinstance(enum_class, type) and issubclass(enum_class, LabelledEnum) else None


def _column_or_property(declared):
    """A Column for column attributes, the relationship for relationships, a label text as it is."""
    if isinstance(declared, QueryableAttribute):
        declared = declared.property
    if isinstance(declared, MappedColumn):
        return declared.column
    if isinstance(declared, RelationshipProperty):
        return declared
    columns = getattr(declared, "columns", None)
    return columns[0] if columns else declared
