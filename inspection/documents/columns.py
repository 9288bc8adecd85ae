"""SQLAlchemy column type for document references ("số, ký hiệu")."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from inspection.documents import purposes
from inspection.documents.refs import DocRef, DocRefError, format_ref, parse_ref
from inspection.rules import RuleViolation


class DocRefType(sa.types.TypeDecorator):
    """Stores the canonical text (VARCHAR(80)) and loads it back as a `DocRef`.

    A str bound as a parameter is parsed first, so invalid input raises
    `DocRefError` before it reaches the database, and lenient spellings
    ("Số: 280 /BC-UBND") are stored and compared in canonical form. Literal
    rendering (e.g. Alembic offline SQL) reuses the bind step via the String impl.

    `purpose` (documents/purposes.py) is the kind of document the column holds: a record given a reference of
    another type refuses it (`refuse_other_types`), whoever sets it; reading and comparing are not checked, so
    a reference stored before the rule still loads and is found.
    """

    impl = sa.String
    cache_ok = True

    def __init__(self, purpose: purposes.Purpose | None = None, length: int = 80, **kwargs: Any) -> None:
        super().__init__(length, **kwargs)
        self.purpose = purpose

    @property
    def python_type(self) -> type:
        return DocRef

    def process_bind_param(self, value: DocRef | str | None, dialect: sa.Dialect) -> str | None:
        if value is None:
            return None
        if isinstance(value, str):
            value = parse_ref(value)
        if not isinstance(value, DocRef):
            raise TypeError(f"DocRefType expects DocRef or str, got {type(value).__name__}")
        return format_ref(value)

    def process_result_value(self, value: str | None, dialect: sa.Dialect) -> DocRef | None:
        return None if value is None else parse_ref(value)


@sa.event.listens_for(sa.orm.Mapper, "mapper_configured")
def refuse_other_types(mapper: sa.orm.Mapper, class_: type) -> None:
    """Every column with a purpose refuses, when set, a reference of a type its purpose does not take."""
    for attribute in mapper.column_attrs:
        column_type = attribute.columns[0].type
        if isinstance(column_type, DocRefType) and column_type.purpose is not None:
            sa.event.listen(attribute.class_attribute, "set", _type_check(column_type.purpose, attribute.key))


def _type_check(purpose: purposes.Purpose, field: str):
    def check(_target: Any, value: Any, old: Any, _initiator: Any) -> Any:
        if isinstance(value, DocRef) and value != old:
            try:
                purposes.check(value, purpose)
            except DocRefError as error:
                raise RuleViolation(str(error), field=field) from None
        return value
    return check
