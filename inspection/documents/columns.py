"""SQLAlchemy column type for document references ("số, ký hiệu")."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from inspection.documents.refs import DocRef, format_ref, parse_ref


class DocRefType(sa.types.TypeDecorator):
    """Stores the canonical text (VARCHAR(80)) and loads it back as a `DocRef`.

    A str bound as a parameter is parsed first, so invalid input raises
    `DocRefError` before it reaches the database, and lenient spellings
    ("Số: 280 /BC-UBND") are stored and compared in canonical form. Literal
    rendering (e.g. Alembic offline SQL) reuses the bind step via the String impl.
    """

    impl = sa.String
    cache_ok = True

    def __init__(self, length: int = 80, **kwargs: Any) -> None:
        super().__init__(length, **kwargs)

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
