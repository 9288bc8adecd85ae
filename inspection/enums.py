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


#: (enum class, value) → translated label; keyed by class too, since StrEnum members of different enums
#: that share a value ("open") are equal and hash alike
_LABELS: dict[tuple[type, str], object] = {}


class LabelledEnum(enum.StrEnum):
    """A status or kind whose members have a translated label, given once with `register_labels`."""

    @property
    def label(self) -> str:
        return str(_LABELS[type(self), self.value])

    @property
    def lazy_label(self):
        """The label not yet translated: for texts written in Vietnamese whatever the reader's language
        (audit.text, notifications, minutes)."""
        return _LABELS[type(self), self.value]


def register_labels(labels: dict) -> dict:
    """Record the labels ({member: lazy text}) of LabelledEnum members; returns the dict for direct use."""
    _LABELS.update({(type(member), member.value): text for member, text in labels.items()})
    return labels
