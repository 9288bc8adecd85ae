"""Enum columns stored as their string values (portable across SQLite and PostgreSQL)."""

import enum

from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import mapped_column


def enum_column(enum_cls: type[enum.Enum], **kwargs):
    """A VARCHAR column holding enum *values* ("unit_officer"), not names, with no native type."""
    column_type = SAEnum(
        enum_cls,
        native_enum=False,
        length=max(len(member.value) for member in enum_cls),
        values_callable=lambda cls: [member.value for member in cls],
        validate_strings=True,
    )
    return mapped_column(column_type, **kwargs)
